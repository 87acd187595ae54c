"""Form fields for a place: the voivodeship first, then only its counties, then the gmina.

Without JavaScript the county list is grouped by voivodeship (one ``<optgroup>`` each) and the
gmina list holds the gminas of the county already chosen (after a first submit); the server checks
that the three belong together and refuses a mismatch with a clear message, keeping what was
typed. ``cms/static/cms/places.js`` enhances the lists: choosing a voivodeship leaves only its
counties, choosing a county loads its gminas (``cms:county_gminas``).
"""

from django import forms
from django.urls import reverse
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
        )
        field.widget.attrs.update({"data-place": level})
        if level == "county":
            field.widget.attrs["data-gminas-url"] = gminas_url
        form.fields[name] = field
    form.place_fields = (voivodeship, county, municipality)


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
