import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import Audience

VIEW_CHOICES = [("list", _("List")), ("month", _("Month"))]


class CalendarFilterForm(forms.Form):
    """The calendar page's GET form; the kind and county choices are the ones that have items."""

    view = forms.ChoiceField(label=_("View"), choices=VIEW_CHOICES, required=False)
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Year and month, e.g. 2026-06."),
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    county = forms.ChoiceField(label=_("County"), required=False)
    audience = forms.ChoiceField(
        label=_("Audience"), required=False, choices=[("", _("any audience")), *Audience.choices]
    )

    def __init__(self, data, *, kinds, counties):
        super().__init__(data)
        self.fields["kind"].choices = [("", _("all kinds")), *kinds]
        self.fields["county"].choices = [("", _("all counties")), *counties]

    def clean_month(self):
        month = self.cleaned_data.get("month")
        if month and not (datetime.date(2000, 1, 1) <= month <= datetime.date(2100, 12, 1)):
            raise forms.ValidationError(_("Choose a month between 2000 and 2100."))
        return month
