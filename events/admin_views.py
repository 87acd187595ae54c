"""Staff's import of fair stands from a CSV or XLSX file (Wagtail admin)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from .forms import StandImportForm
from .models import Stand
from .services import StandImportError, import_stands


class StandImportView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    model = Stand
    permission_required = "add"
    form_class = StandImportForm
    template_name = "events/admin/stand_import.html"
    page_title = gettext_lazy("Import stands")
    header_icon = "upload"
    index_url_name = None

    def get_initial(self):
        return {"event": self.request.GET.get("event")}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": Stand._meta.verbose_name_plural.capitalize()},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            breadcrumbs_items=self.get_breadcrumbs_items(),
            action_url=self.request.path,
            submit_button_label=_("Import"),
            submit_button_active_label=_("Importing…"),
        )
        return context

    def form_valid(self, form):
        event = form.cleaned_data["event"]
        try:
            result = import_stands(event=event, file=form.cleaned_data["file"])
        except StandImportError as error:
            messages.error(self.request, _("Nothing was imported. Correct the file and try again."))
            return self.render_to_response(self.get_context_data(form=form, import_errors=error.errors))
        messages.success(
            self.request,
            _("Stands of %(event)s imported: %(created)d new, %(updated)d updated, %(unchanged)d unchanged.")
            % {
                "event": event.title,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            },
        )
        return redirect(f"{reverse(self.index_url_name)}?event={event.pk}")
