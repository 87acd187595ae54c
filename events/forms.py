from django import forms
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext_lazy as _

from cms.places.queries import register as place_register

from .models import Audience, EventKind, EventPage


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class EventFilterForm(forms.Form):
    """Filters of the event index (GET). Invalid fields are reported and ignored, never a 500."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    county = forms.ChoiceField(label=_("County"), required=False)
    audience = forms.ChoiceField(label=_("For whom"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("all kinds")), *EventKind.choices]
        self.fields["audience"].choices = [("", _("everyone")), *Audience.choices]
        places = place_register()
        by_voivodeship = {}
        for voivodeship, county in counties:
            by_voivodeship.setdefault(places.voivodeship_name(voivodeship) or voivodeship, []).append(
                (f"{voivodeship}/{county}", places.county_name(county) or county)
            )
        self.fields["county"].choices = [
            ("", _("all counties")),
            *(
                (name, sorted(options, key=lambda option: option[1].casefold()))
                for name, options in by_voivodeship.items()
            ),
        ]

    def clean(self):
        cleaned_data = super().clean()
        date_from, date_to = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return cleaned_data

    def filters(self):
        """The valid filters only: a wrong field is shown with its message and left out."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value and name not in self.errors}


class ZoneFilterForm(forms.Form):
    zone = forms.TypedChoiceField(
        label=_("Zone"),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("There is no such zone at this fair.")},
    )

    def __init__(self, *args, zones, **kwargs):
        super().__init__(*args, **kwargs)
        self.zones = {zone.pk: zone for zone in zones if zone.pk}
        self.fields["zone"].choices = [
            ("", _("all zones")),
            *((pk, str(zone)) for pk, zone in self.zones.items()),
        ]

    def selected_zone(self):
        return self.zones.get(self.cleaned_data["zone"]) if self.is_valid() else None


class StandImportForm(forms.Form):
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=EventPage.objects.none(),
        help_text=_("The fair whose stands the file lists."),
    )
    file = forms.FileField(
        label=_("File"),
        validators=[FileExtensionValidator(["csv", "xlsx"])],
        help_text=_(
            "CSV or XLSX, at most 2 MB, first row headings: institution, zone (number or name), "
            "stand number, description, link."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = EventPage.objects.order_by("-starts_at")
