"""Form fields for a place: the voivodeship first, then only its counties, then the gmina.

Without JavaScript the county list is grouped by voivodeship (one ``<optgroup>`` each) and a
"Show municipalities" button beside it sends the form back with the gmina list of the chosen
county, keeping everything typed and checking nothing yet (``REFRESH``: the form is then simply not
valid, with no message); the server checks that the three belong together and refuses a mismatch
with a clear message, keeping what was typed. ``cms/static/cms/places.js`` enhances the lists:
choosing a voivodeship leaves only its counties, choosing a county loads its gminas
(``cms:county_gminas``), and the button is hidden.
"""

from django import forms
from django.forms.utils import ErrorDict, ErrorList
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .queries import (
    check_place,
    county_choices,
    municipality_choices,
    register,
    voivodeship_choices,
)


class RegisterChoiceField(forms.ChoiceField):
    """A choice of the register: any known code is valid, whatever subset the list shows."""

    def __init__(self, *, level, **kwargs):
        self.level = level
        super().__init__(**kwargs)

    def valid_value(self, value):
        known = getattr(
            register(),
            {"voivodeship": "voivodeships", "county": "counties"}.get(self.level, "municipalities"),
        )
        return value in known


REFRESH = "place_refresh"  # name of the "Show municipalities" button (with the form's prefix)


class CountySelect(forms.Select):
    """The county list with the "Show municipalities" submit button after it (for browsers without
    JavaScript; the script hides it)."""

    def __init__(self, *args, refresh_name=REFRESH, **kwargs):
        self.refresh_name = refresh_name
        super().__init__(*args, **kwargs)

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        return format_html(
            '{} <button type="submit" name="{}" value="1" formnovalidate class="button button-secondary" '
            "data-place-refresh>{}</button>",
            select,
            self.refresh_name,
            _("Show municipalities"),
        )


def refreshing(form):
    """Whether the form came back by the "Show municipalities" button (then it is not saved)."""
    return form.is_bound and bool(form.data.get(form.add_prefix(REFRESH)))


def _current(form, name):
    if form.is_bound:
        return form.data.get(form.add_prefix(name), "") or ""
    value = form.initial.get(name)
    if value is None and getattr(form, "instance", None) is not None:
        value = getattr(form.instance, name, "")
    return value or ""


def setup_place_fields(form, *, voivodeship, county, municipality):
    """Turn the form's three fields into choices of the register (labels and required-ness kept)."""
    values = {
        level: _current(form, name)
        for level, name in (("voivodeship", voivodeship), ("county", county), ("gmina", municipality))
    }
    reg = register()
    if values["gmina"] in reg.municipalities and not values["county"]:
        values["county"] = reg.municipalities[values["gmina"]][2]
    choices = {
        "voivodeship": voivodeship_choices(values["voivodeship"]),
        "county": county_choices(values["county"]),
        "gmina": municipality_choices(county=values["county"], current=values["gmina"])
        if values["county"] in reg.counties
        else [("", _("— choose the county first —"))],
    }
    gminas_url = reverse("cms:county_gminas", args=["0000"])
    for level, name in (("voivodeship", voivodeship), ("county", county), ("gmina", municipality)):
        old = form.fields[name]
        field = RegisterChoiceField(
            level=level,
            label=old.label,
            required=old.required,
            help_text=old.help_text,
            initial=old.initial,
            choices=choices[level],
            **({"widget": CountySelect(refresh_name=form.add_prefix(REFRESH))} if level == "county" else {}),
        )
        if level == "county":
            field.widget.attrs["data-gminas-url"] = gminas_url
        field.widget.attrs["data-place"] = level
        form.fields[name] = field
    form.place_fields = (voivodeship, county, municipality)
    if refreshing(form):
        # Not valid, and nothing to show: every field keeps what was typed, no field is checked yet.
        form._errors = ErrorDict({REFRESH: ErrorList()})


def clean_place_fields(form, cleaned):
    """For plain forms: refuse a county of another voivodeship or a gmina of another county."""
    voivodeship, county, municipality = form.place_fields
    if any(name in form.errors for name in form.place_fields):
        return cleaned
    errors, completed = check_place(
        voivodeship=cleaned.get(voivodeship, ""),
        county=cleaned.get(county, ""),
        municipality=cleaned.get(municipality, ""),
    )
    for level, message in errors.items():
        form.add_error(
            {"voivodeship": voivodeship, "county": county, "municipality": municipality}[level], message
        )
    if not errors:
        cleaned[voivodeship], cleaned[county], cleaned[municipality] = completed
    return cleaned
