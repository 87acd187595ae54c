from django import forms
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from cms.dashboard import MenuGroup
from cms.hooks import ADMIN_MENU_EVENTS, MAIL_COMPOSERS, SEED_DEMO

from . import admin_urls, demo, services
from .models import Meeting

# The "WZK" group of the admin menu, inside "Events": every WZK viewset sets ``menu_hook = WZK_MENU``.
WZK_MENU = "edufest_admin_menu_wzk"
WZK_GROUP = MenuGroup(label=_("WZK"), name="edufest-wzk", icon="group", order=50, hook=WZK_MENU)
hooks.register(ADMIN_MENU_EVENTS, WZK_GROUP.get_menu_item)


@hooks.register("register_admin_urls")
def register_wzk_admin_urls():
    return [path("wzk/", include((admin_urls.urlpatterns, "wzk_admin"), namespace="wzk_admin"))]


# --- meetings and invitations ------------------------------------------------------------------


class MeetingForm(WagtailAdminModelForm):
    def clean_event(self):
        event = self.cleaned_data["event"]
        if event is not None and event.specific.kind != "meeting":
            raise forms.ValidationError(_("Choose an event page of the kind “meeting”."))
        return event


class KeepDocumentsPrivate:
    """After saving, the documents and attachments go into the members' private collection."""

    def save_instance(self):
        instance = super().save_instance()
        services.keep_documents_private(meeting=instance)
        return instance


class MeetingCreateView(KeepDocumentsPrivate, generic.CreateView):
    pass


class MeetingEditView(KeepDocumentsPrivate, generic.EditView):
    pass


class RepliesColumn(Column):
    cell_template_name = "wzk/meetings/admin/replies_cell.html"


MEETING_PANELS = [
    FieldPanel("event"),
    FieldRowPanel([FieldPanel("number"), FieldPanel("mode"), FieldPanel("quorum_share")]),
    InlinePanel(
        "agenda_items",
        heading=_("Agenda"),
        label=_("agenda item"),
        panels=[
            FieldRowPanel([FieldPanel("title"), FieldPanel("presenter")]),
            FieldPanel("description"),
            FieldPanel("attachment"),
        ],
    ),
    InlinePanel(
        "documents",
        heading=_("Documents for members"),
        label=_("document"),
        panels=[FieldPanel("document"), FieldPanel("is_presentation")],
    ),
]


class MeetingViewSet(ModelViewSet):
    name = "wzk_meeting"
    url_prefix = "wzk/meeting"
    model = Meeting
    icon = "group"
    menu_label = _("Meetings")
    menu_hook = WZK_MENU
    menu_order = 10
    add_view_class = MeetingCreateView
    edit_view_class = MeetingEditView
    edit_handler = ObjectList(MEETING_PANELS, base_form_class=MeetingForm)
    list_display = [
        "__str__",
        "event",
        "mode",
        "invitations_sent_at",
        RepliesColumn("replies", label=_("Replies")),
    ]
    list_filter = ["mode"]
    search_fields = ["number", "event__title"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_meeting_viewsets():
    return [MeetingViewSet()]


@hooks.register(MAIL_COMPOSERS)
def wzk_invitation_mails():
    return {services.INVITATION_COMPOSER: services.compose_invitation}


@hooks.register(SEED_DEMO, order=71)
def seed_wzk_meetings(*, home, stdout):
    demo.seed_meetings(stdout=stdout)
