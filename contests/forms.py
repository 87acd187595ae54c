import dataclasses
import io

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from cms.places.forms import setup_place_fields
from cms.privacy.forms import add_notice_fields
from cms.privacy.models import Purpose

from .models import Entry, School, TeamMember
from .services import EntryDetails, SchoolDetails, TeamMemberDetails

SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "rspo",
            "street",
            "postal_code",
            "municipality",
            "voivodeship",
            "county",
            "municipality_code",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_place_fields(self, voivodeship="voivodeship", county="county", municipality="municipality_code")

    def clean_rspo(self):
        rspo = self.cleaned_data["rspo"].strip()
        if rspo and not rspo.isdigit():
            raise forms.ValidationError(_("The RSPO number has digits only."))
        return rspo

    def details(self):
        """For ``services.save_school``, once valid."""
        return _details(self, SchoolDetails)


class AddTeacherForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the teacher to invite"))


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["category", "title", "profession", "description", "rules_accepted", "rights_declared"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, contest, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = contest.categories.all()
        self.fields["category"].empty_label = None
        if schools is not None and len(schools) > 1 and self.instance.pk is None:
            self.fields["school"] = forms.ModelChoiceField(
                queryset=School.objects.filter(pk__in=[school.pk for school in schools]),
                label=_("school"),
                empty_label=None,
            )
            self.order_fields(["school"])
        add_notice_fields(self, Purpose.CONTEST_ENTRY)

    def details(self):
        """For ``services.save_entry``, once valid."""
        return _details(self, EntryDetails)


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["first_name", "last_name", "class_name", "is_13_or_older"]


def team_formset_class(extra):
    return inlineformset_factory(
        Entry, TeamMember, form=TeamMemberForm, extra=extra, can_delete=True, max_num=20, validate_max=True
    )


def team_changes(formset):
    """A valid team formset as ``(members, removed_member_ids)`` for ``services.save_entry``: the
    changed and the new members (what ``formset.save()`` would save) and the members marked deleted."""
    deleted = set(formset.deleted_forms)
    removed = [form.instance.pk for form in formset.initial_forms if form in deleted and form.instance.pk]
    members = [
        _details(form, TeamMemberDetails, pk=form.instance.pk)
        for form in formset.initial_forms
        if form not in deleted and form.instance.pk and form.has_changed()
    ]
    members += [
        _details(form, TeamMemberDetails)
        for form in formset.extra_forms
        if form.has_changed() and form not in deleted
    ]
    return members, removed


def _details(form, details_class, **extra):
    """A service's data class filled from a valid ModelForm's instance, as validation left it (the
    model's ``clean`` may complete fields, e.g. the county from the gmina): what ``save()`` would store."""
    names = [field.name for field in dataclasses.fields(details_class) if field.name not in extra]
    return details_class(**{name: getattr(form.instance, name) for name in names}, **extra)


class CheckForm(forms.Form):
    """Staff's formal check of an entry (``contests_admin:entry_check``)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("accept", _("accept")),
            ("return", _("return for corrections")),
            ("reject", _("reject")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason (required to return or reject; the teacher receives it by e-mail)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ExtensionCodeForm(forms.Form):
    code = forms.CharField(label=_("Extension code"), max_length=40)


class ConsentScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Signed consent form (PDF, JPG or PNG, up to 10 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        if upload.size > SCAN_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        content = upload.read()
        kind = detect_scan_type(content)
        if kind is None:
            raise forms.ValidationError(_("This is not a PDF, JPG or PNG file."))
        if kind != "pdf":
            try:
                content = reencode_scan_image(content, kind)
            except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
                raise forms.ValidationError(_("This is not a PDF, JPG or PNG file.")) from None
        self.cleaned_data["content"] = content
        self.cleaned_data["extension"] = kind
        self.cleaned_data["content_type"] = SCAN_TYPES[kind]
        return upload


# What a consent scan may not carry: scripts, actions that start programs, attached files, forms
# with their own code (XFA) and embedded media.
PDF_FORBIDDEN_KEYS = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/Launch", "/XFA", "/RichMedia", "/GoToE"}
)


def detect_scan_type(content):
    """The type by content, never by name: a PDF must parse as one (pages, no scripts, no embedded
    files), an image must decode with Pillow."""
    if content.startswith(b"%PDF-"):
        return "pdf" if _is_plain_pdf(content) else None
    if content.startswith(b"\xff\xd8\xff") or content.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
                kind = {"JPEG": "jpg", "PNG": "png"}.get(image.format)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            return None
        return kind
    return None


def _is_plain_pdf(content):
    """Parse the whole file (every object, also those in object streams) and refuse one that does
    not parse, has no page, is encrypted or holds any of ``PDF_FORBIDDEN_KEYS``."""
    try:
        reader = PdfReader(io.BytesIO(content), strict=True)
        if reader.is_encrypted or len(reader.pages) == 0:
            return False
        for generation, objects in reader.xref.items():
            for number in objects:
                if _has_forbidden_key(reader.get_object(IndirectObject(number, generation, reader))):
                    return False
        for number in reader.xref_objStm:
            if _has_forbidden_key(reader.get_object(IndirectObject(number, 0, reader))):
                return False
        return not _has_forbidden_key(reader.trailer["/Root"].get_object())
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
        return False


def _has_forbidden_key(obj, depth=0):
    if depth > 30:
        return True
    if isinstance(obj, DictionaryObject):
        if PDF_FORBIDDEN_KEYS & set(obj.keys()):
            return True
        if obj.get("/S") in ("/JavaScript", "/Launch", "/GoToE", "/ImportData", "/SubmitForm"):
            return True
        return any(
            _has_forbidden_key(value, depth + 1)
            for value in obj.values()
            if not isinstance(value, IndirectObject)
        )
    if isinstance(obj, ArrayObject):
        return any(
            _has_forbidden_key(value, depth + 1) for value in obj if not isinstance(value, IndirectObject)
        )
    return False


def reencode_scan_image(content, kind):
    """A fresh encoding of a scanned image: only its pixels are kept (no metadata, no trailing
    data after the image), turned upright by its EXIF orientation."""
    with Image.open(io.BytesIO(content)) as image:
        image = ImageOps.exif_transpose(image)
        output = io.BytesIO()
        if kind == "jpg":
            image.convert("RGB").save(output, format="JPEG", quality=90)
        else:
            if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
                image = image.convert("RGBA")
            image.save(output, format="PNG", optimize=True)
    return output.getvalue()
