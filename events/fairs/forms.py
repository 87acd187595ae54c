"""Forms of the fairs: they validate input and hand the services plain data."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.models import EventKind, EventPage

# ---- Floor plan ----


class FloorPlanForm(WagtailAdminModelForm):
    """A hall's plan: the fair is chosen from the fairs (event pages of the kind "fair")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields:
            self.fields["event"].queryset = EventPage.objects.filter(kind=EventKind.FAIR).order_by(
                "-starts_at", "title"
            )


class PlacementForm(forms.Form):
    """Where each stand of the fair is on one hall's plan: ``x_<pk>`` and ``y_<pk>`` in per cent of
    the image (0-100, decimal comma or point), filled in from the stands on ``floor_plan``. Both
    empty: not on this plan (a stand on another hall's plan stays there). The placing page's
    script fills them by a click on the image; without it staff type them."""

    def __init__(self, *args, floor_plan, stands, **kwargs):
        super().__init__(*args, **kwargs)
        self.stands = stands
        for stand in stands:
            for axis, label in (("x", _("position across (%)")), ("y", _("position down (%)"))):
                self.fields[f"{axis}_{stand.pk}"] = forms.DecimalField(
                    label=f"{label} — {stand}",
                    required=False,
                    min_value=0,
                    max_value=100,
                    max_digits=5,
                    decimal_places=2,
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                    error_messages={
                        "invalid": _("Type a number from 0 to 100."),
                        "min_value": _("The position must be from 0 to 100 per cent."),
                        "max_value": _("The position must be from 0 to 100 per cent."),
                        "max_decimal_places": _("At most two decimal places."),
                        "max_digits": _("The position must be from 0 to 100 per cent."),
                    },
                )
            placement = stand.current_placement
            if placement is not None and placement.floor_plan_id == floor_plan.pk:
                self.fields[f"x_{stand.pk}"].initial = placement.x
                self.fields[f"y_{stand.pk}"].initial = placement.y

    def clean(self):
        cleaned = super().clean()
        for stand in self.stands:
            x, y = cleaned.get(f"x_{stand.pk}"), cleaned.get(f"y_{stand.pk}")
            if f"x_{stand.pk}" in self.errors or f"y_{stand.pk}" in self.errors:
                continue
            if (x is None) != (y is None):
                self.add_error(
                    f"x_{stand.pk}" if x is None else f"y_{stand.pk}",
                    _("Give both positions (across and down) or neither."),
                )
        return cleaned

    def positions(self):
        """``{stand pk: (x, y) or None}`` for ``services.save_placements``."""
        result = {}
        for stand in self.stands:
            x, y = self.cleaned_data.get(f"x_{stand.pk}"), self.cleaned_data.get(f"y_{stand.pk}")
            result[stand.pk] = (x, y) if x is not None and y is not None else None
        return result

    def rows(self):
        """``[(stand, x field, y field, mark)]`` for the template; ``mark`` is ``(x, y)`` as CSS
        per cent (what was typed, if it is a position) or None."""
        return [
            (stand, self[f"x_{stand.pk}"], self[f"y_{stand.pk}"], self._mark(stand)) for stand in self.stands
        ]

    def _mark(self, stand):
        values = []
        for axis in ("x", "y"):
            bound = self[f"{axis}_{stand.pk}"]
            value = bound.data if self.is_bound else bound.initial
            try:
                number = Decimal(str(value).strip().replace(",", ".")) if value not in (None, "") else None
            except InvalidOperation:
                number = None
            if number is None or not Decimal(0) <= number <= Decimal(100):
                return None
            values.append(f"{number:f}")
        return tuple(values)
