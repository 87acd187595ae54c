"""The counter's form (the page without JavaScript posts it) and the staff correction form."""

import uuid

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import Category

DELTAS = [("1", "+1"), ("10", "+10"), ("-1", "\u22121")]
rspo_validator = RegexValidator(r"^\d{1,20}$", _("An RSPO number has digits only."))


class CountForm(forms.Form):
    zone = forms.TypedChoiceField(label=_("Zone"), required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(
        label=_("Who"), choices=Category.choices, initial=Category.PUPILS, widget=forms.RadioSelect
    )
    school_rspo = forms.CharField(
        label=_("School RSPO number"), required=False, max_length=20, validators=[rspo_validator]
    )
    school_name = forms.CharField(label=_("School name"), required=False, max_length=200)
    delta = forms.TypedChoiceField(label=_("How many"), choices=DELTAS, coerce=int)
    client_id = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, zones=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.zones = {zone.pk: zone for zone in zones}
        if self.zones:
            self.fields["zone"].choices = [("", _("No zone (the whole event)"))] + [
                (zone.pk, str(zone)) for zone in zones
            ]
        else:
            del self.fields["zone"]
        self.fields["client_id"].initial = uuid.uuid4()

    @property
    def chosen_zone(self):
        return self.zones.get(self.cleaned_data.get("zone"))


class CorrectionForm(CountForm):
    """Staff: add or take away people of an hour afterwards (e.g. a tally sheet typed in later)."""

    hour = forms.DateTimeField(
        label=_("Hour"),
        help_text=_("Any time within the hour, Europe/Warsaw."),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    delta = forms.IntegerField(
        label=_("People"),
        min_value=-10000,
        max_value=10000,
        help_text=_("Negative to take people away; a count never goes below 0."),
    )

    field_order = ["hour", "zone", "category", "delta", "school_rspo", "school_name"]
