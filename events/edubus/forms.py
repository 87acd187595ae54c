import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.places.forms import setup_place_fields
from cms.privacy.forms import add_notice_fields
from cms.privacy.models import Purpose

from . import queries
from .models import StopKind, Vehicle, VisitRequest


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def bus_length():
    vehicle = Vehicle.objects.filter(is_active=True).order_by("-length_m").first()
    return vehicle.length_m if vehicle else 12


class VisitRequestForm(forms.ModelForm):
    """The public request form (also validates the API's POST)."""

    privacy = forms.BooleanField(
        label=_("I have read the privacy notice above."),
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )

    class Meta:
        model = VisitRequest
        fields = [
            "institution",
            "institution_kind",
            "contact_name",
            "contact_email",
            "contact_phone",
            "street",
            "postal_code",
            "municipality",
            "voivodeship",
            "county",
            "municipality_code",
            "preferred_date_1",
            "preferred_date_2",
            "preferred_date_3",
            "expected_audience",
            "setting",
            "parking_ok",
            "power_available",
            "message",
        ]
        widgets = {
            "preferred_date_1": DateInput(),
            "preferred_date_2": DateInput(),
            "preferred_date_3": DateInput(),
            "message": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {"contact_phone": _("The crew calls this number on the day of the visit.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("street", "postal_code", "municipality", "county"):
            self.fields[name].required = True
        self.fields["voivodeship"].initial = "16"  # opolskie
        setup_place_fields(self, voivodeship="voivodeship", county="county", municipality="municipality_code")
        self.fields["expected_audience"].validators.append(MinValueValidator(1))
        self.fields["expected_audience"].widget.attrs["min"] = 1
        self.fields["parking_ok"].label = _("There is a place to park a bus %(length)s m long.") % {
            "length": floatformat(bus_length(), "-1")
        }
        self.fields["power_available"].label = _("A 230 V power socket is available.")
        autocomplete = {
            "contact_name": "name",
            "contact_email": "email",
            "contact_phone": "tel",
            "street": "street-address",
            "postal_code": "postal-code",
            "institution": "organization",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        add_notice_fields(self, Purpose.EDUBUS_REQUEST)

    def clean(self):
        cleaned = super().clean()
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        seen = set()
        for name in ("preferred_date_1", "preferred_date_2", "preferred_date_3"):
            day = cleaned.get(name)
            if not day:
                continue
            if day < tomorrow:
                self.add_error(name, _("Choose a date from tomorrow on."))
            elif day in seen:
                self.add_error(name, _("This date is already given above."))
            seen.add(day)
        return cleaned

    def request_fields(self):
        """The cleaned values that make a ``VisitRequest`` (for ``services.submit_visit_request``)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class StopAdminForm(WagtailAdminModelForm):
    """Staff edit of a stop: the rules are checked, and a refusal says why; a reason overrides it."""

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        violations = queries.stop_violations(self.instance)
        if violations and not (self.cleaned_data.get("override_reason") or "").strip():
            for violation in violations:
                self.add_error(None, str(violation))
            self.add_error(
                "override_reason", _("The stop breaks the rules above. Give a reason to override them.")
            )


class ApproveForm(forms.Form):
    vehicle = forms.ModelChoiceField(Vehicle.objects.filter(is_active=True), label=_("vehicle"))
    day = forms.DateField(label=_("day"), widget=DateInput())
    arrival = forms.TimeField(label=_("arrival"), widget=TimeInput())
    departure = forms.TimeField(label=_("departure"), widget=TimeInput())
    kind = forms.ChoiceField(label=_("kind"), choices=StopKind.choices, initial=StopKind.SCHOOL)
    is_public = forms.BooleanField(label=_("public"), required=False, initial=True)
    message = forms.CharField(
        label=_("message to the host"), required=False, widget=forms.Textarea({"rows": 3})
    )
    override_reason = forms.CharField(
        label=_("reason for overriding the rules"),
        required=False,
        help_text=_("Only if the date breaks a rule and you accept it anyway."),
    )

    PREFILLED = ("vehicle", "day", "arrival", "departure")

    @classmethod
    def prefill(cls, query):
        """Initial values from a suggestion's link (``?vehicle=…&day=…&arrival=…&departure=…``);
        a value that does not parse is left out, so a stale or edited link never breaks the page."""
        fields = cls.base_fields
        initial = {}
        for name in cls.PREFILLED:
            value = query.get(name)
            if not value:
                continue
            try:
                initial[name] = fields[name].clean(value)
            except ValidationError:
                continue
        return initial

    def moments(self):
        day = self.cleaned_data["day"]
        tz = timezone.get_default_timezone()
        return (
            datetime.datetime.combine(day, self.cleaned_data["arrival"], tzinfo=tz),
            datetime.datetime.combine(day, self.cleaned_data["departure"], tzinfo=tz),
        )


class LocationForm(forms.Form):
    """The request's point, from a click on the map (or typed): it replaces the geocoded one."""

    latitude = forms.FloatField(label=_("latitude"), min_value=-90, max_value=90)
    longitude = forms.FloatField(label=_("longitude"), min_value=-180, max_value=180)


class ProposeForm(forms.Form):
    date_1 = forms.DateField(label=_("proposed date"), widget=DateInput())
    date_2 = forms.DateField(label=_("second proposed date"), required=False, widget=DateInput())
    date_3 = forms.DateField(label=_("third proposed date"), required=False, widget=DateInput())
    message = forms.CharField(
        label=_("message to the host"), required=False, widget=forms.Textarea({"rows": 3})
    )

    def dates(self):
        return [
            self.cleaned_data[name] for name in ("date_1", "date_2", "date_3") if self.cleaned_data.get(name)
        ]


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 3}))


class CancelForm(forms.Form):
    action = forms.ChoiceField(
        label=_("what happens"),
        choices=[("cancel", _("cancel the stop")), ("postpone", _("postpone to another date"))],
        widget=forms.RadioSelect,
        initial="cancel",
    )
    reason = forms.CharField(
        label=_("reason (sent to the host and shown on the stop's page)"), widget=forms.Textarea({"rows": 3})
    )
    new_arrival = forms.DateTimeField(
        label=_("new arrival"),
        required=False,
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Postponing: leave the new date empty if it is still to be agreed."),
    )
    new_departure = forms.DateTimeField(
        label=_("new departure"),
        required=False,
        widget=forms.DateTimeInput({"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    override_reason = forms.CharField(
        label=_("reason for overriding the rules"),
        required=False,
        help_text=_("Only if the new date breaks a scheduling rule and the visit must happen anyway."),
    )

    def clean(self):
        cleaned = super().clean()
        arrival, departure = cleaned.get("new_arrival"), cleaned.get("new_departure")
        if cleaned.get("action") == "cancel" and (arrival or departure):
            self.add_error("action", _("A new date is given: choose “postpone”, or clear the date."))
        elif bool(arrival) != bool(departure):
            self.add_error(
                "new_departure" if arrival else "new_arrival", _("Give both the new arrival and departure.")
            )
        elif arrival and departure <= arrival:
            self.add_error("new_departure", _("The departure must be after the arrival."))
        return cleaned

    @property
    def moves_to_a_new_date(self):
        return (
            self.cleaned_data.get("action") == "postpone" and self.cleaned_data.get("new_arrival") is not None
        )
