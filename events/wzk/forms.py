"""Forms of the WZK (admin forms validate through the services' rules)."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from events.models import EventKind

from . import queries, services
from .models import Meeting

# --- recs: recommendations, study visits, the member's calendar feed --------------------------


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return queries.meeting_label(obj)


class RecommendationAdminForm(WagtailAdminModelForm):
    """Status and dates checked against ``services.recommendation_problems`` (Polish messages on
    the fields); a new recommendation starts with the next free number of the year."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.select_related("event").order_by("-event__starts_at")
        for name in ("adopted_at", "source_meeting"):
            if name in self.fields:
                field = self.fields[name]
                self.fields[name] = MeetingChoiceField(
                    queryset=meetings,
                    required=False,
                    label=field.label,
                    help_text=field.help_text,
                    widget=field.widget,
                )
        if "source_morning" in self.fields:
            self.fields["source_morning"].queryset = self.fields["source_morning"].queryset.select_related(
                "event"
            )
        if "conclusion" in self.fields:
            self.fields["conclusion"].queryset = self.fields["conclusion"].queryset.select_related("morning")
        if not self.instance.pk and not self.initial.get("number"):
            self.initial["number"] = services.suggest_recommendation_number()

    def clean(self):
        data = super().clean()
        problems = services.recommendation_problems(
            status=data.get("status"),
            adopted_at=data.get("adopted_at"),
            sent_on=data.get("sent_on"),
            board_answer=data.get("board_answer", ""),
            answered_on=data.get("answered_on"),
            implemented_on=data.get("implemented_on"),
            is_public=data.get("is_public", False),
            source_morning=data.get("source_morning"),
            source_meeting=data.get("source_meeting"),
            source_visit=data.get("source_visit"),
        )
        for field, message in problems.items():
            self.add_error(field if field in self.fields else None, message)
        return data


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        term = (
            f"{obj.term_from:%d.%m.%Y} - {obj.term_to:%d.%m.%Y}"
            if obj.term_to
            else f"{obj.term_from:%d.%m.%Y} -"
        )
        return f"{obj.name}, {obj.institution} ({term})"


class StudyVisitAdminForm(WagtailAdminModelForm):
    """The participants are members whose term covers the whole visit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "participants" in self.fields:
            field = self.fields["participants"]
            self.fields["participants"] = MemberChoices(
                queryset=queries.members_for_visit_choice(),
                required=False,
                label=field.label,
                widget=forms.CheckboxSelectMultiple,
                help_text=gettext_lazy("Members of the WZK whose term covers the dates of the visit."),
            )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The visit cannot end before it starts."))
            return data
        participants = data.get("participants")
        if starts_on and ends_on and participants:
            outside = queries.members_not_current_during(list(participants), starts_on, ends_on)
            if outside:
                self.add_error(
                    "participants",
                    _("Not members of the WZK on the dates of the visit: %(names)s.")
                    % {"names": ", ".join(member.name for member in outside)},
                )
        return data


class PartnerMorningForm(WagtailAdminModelForm):
    """A partner morning belongs to an event page of the kind partner morning / workshop."""

    def clean_event(self):
        event = self.cleaned_data.get("event")
        if event is not None and event.kind != EventKind.WORKSHOP:
            raise forms.ValidationError(_("Choose an event of the kind “partner morning / workshop”."))
        return event
