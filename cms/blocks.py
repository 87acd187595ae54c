"""StreamField blocks shared by every page type (cms pages, events, contests)."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
        label=_("Level"),
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        label = _("Heading")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_("Describe the image for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image")


class DocumentsBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    documents = blocks.ListBlock(DocumentChooserBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/documents.html"
        label = _("Documents")


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"))
    answer = blocks.RichTextBlock(label=_("Answer or content"))


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, label=_("Title"))
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/accordion.html"
        label = _("Accordion / FAQ")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    text = blocks.TextBlock(required=False, label=_("Text"))
    link_page = blocks.PageChooserBlock(required=False, label=_("Page"))
    link_url = blocks.URLBlock(required=False, label=_("External address"))
    button_label = blocks.CharBlock(label=_("Button label"))

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("link_page")) == bool(value.get("link_url")):
            message = _("Choose a page or enter an external address (one of the two).")
            raise StructBlockValidationError(block_errors={"link_url": ErrorList([ValidationError(message)])})
        return value

    class Meta:
        icon = "pick"
        template = "cms/blocks/call_to_action.html"
        label = _("Call to action")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    author = blocks.CharBlock(required=False, label=_("Author"))

    class Meta:
        icon = "openquote"
        template = "cms/blocks/quote.html"
        label = _("Quote")


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), icon="pilcrow")
    image = ImageBlock()
    video = EmbedBlock(label=_("Video"), help_text=_("A YouTube or Vimeo address."), icon="media")
    documents = DocumentsBlock()
    accordion = AccordionBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock(label=_("Table"))  # template: templates/table_block/blocks/table.html
    quote = QuoteBlock()
