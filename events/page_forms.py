"""The admin form of the event page: its ticket types may choose only this event's sessions and zones.

Kept apart from ``forms.py`` (which imports the models) because ``EventPage.base_form_class`` needs
the class when the models are defined.
"""

from django.forms.formsets import DELETION_FIELD_NAME
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

TICKET_TYPES = "ticket_types"


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get(TICKET_TYPES)
        if formset is None:
            return
        page_id = self.instance.pk
        sessions = self.instance.sessions.model.objects.filter(page_id=page_id or 0)
        zones = self.instance.zones.model.objects.filter(page_id=page_id or 0)

        def limit(form):
            if "sessions" in form.fields:
                form.fields["sessions"].queryset = sessions.order_by("starts_at", "pk")
            if "zones" in form.fields:
                form.fields["zones"].queryset = zones.order_by("sort_order", "pk")

        class TicketTypeForm(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                limit(self)

        formset.form = TicketTypeForm  # every form the formset builds, the empty one included
        for form in formset.__dict__.get("forms", ()):  # any already built
            limit(form)

    def is_valid(self):
        valid = super().is_valid()  # the page form first, then its formsets
        if TICKET_TYPES not in self.formsets:
            return valid
        removed_sessions = self._removed("sessions")
        removed_zones = self._removed("zones")
        for form in self._kept_forms(TICKET_TYPES):
            chosen = form.cleaned_data
            if any(session.pk in removed_sessions for session in chosen.get("sessions") or ()):
                form.add_error("sessions", _("A session removed from the programme cannot be chosen."))
                valid = False
            if any(zone.pk in removed_zones for zone in chosen.get("zones") or ()):
                form.add_error("zones", _("A removed zone cannot be chosen."))
                valid = False
        removed_types = self._removed(TICKET_TYPES)
        model = self.formsets[TICKET_TYPES].model
        if removed_types and model.objects.filter(pk__in=removed_types, registrations__isnull=False).exists():
            self.add_error(
                None, _("A ticket type that has registrations cannot be removed; make it inactive instead.")
            )
            valid = False
        return valid

    def _kept_forms(self, relation):
        formset = self.formsets.get(relation)
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if hasattr(form, "cleaned_data") and not form.cleaned_data.get(DELETION_FIELD_NAME)
        ]

    def _removed(self, relation):
        formset = self.formsets.get(relation)
        if formset is None:
            return set()
        return {
            form.instance.pk
            for form in formset.forms
            if form.instance.pk and getattr(form, "cleaned_data", {}).get(DELETION_FIELD_NAME)
        }
