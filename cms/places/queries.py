"""Reads of the register of places: this process's copy of it (``register()``), the choices of the
place fields and the check of a (voivodeship, county, gmina) triple."""

import threading
from dataclasses import dataclass, field

from django.utils.text import capfirst
from django.utils.translation import gettext

from .models import County, Municipality, Voivodeship, county_label, municipality_label


@dataclass
class Register:
    """The register as plain dictionaries, for names and choices without queries."""

    voivodeships: dict = field(default_factory=dict)  # code -> (name, in_register)
    counties: dict = field(default_factory=dict)  # code -> (name, voivodeship code, in_register)
    municipalities: dict = field(default_factory=dict)  # code -> (name, kind, county code, in_register)

    def voivodeship_name(self, code):
        return self.voivodeships.get(code, ("",))[0]

    def county_name(self, code):
        return self.counties.get(code, ("",))[0]

    def county_label(self, code):
        return county_label(code, self.county_name(code))

    def municipality_name(self, code):
        return self.municipalities.get(code, ("",))[0]

    def municipality_label(self, code):
        name, kind, *_rest = self.municipalities.get(code, ("", ""))
        return municipality_label(name, kind)


_register_lock = threading.Lock()
_register = [None]


def register():
    """This process's copy of the register (read from the database on first use)."""
    current = _register[0]
    if current is None:
        with _register_lock:
            current = _register[0]
            if current is None:
                current = Register(
                    voivodeships={
                        code: (name, active)
                        for code, name, active in Voivodeship.objects.values_list(
                            "code", "name", "in_register"
                        )
                    },
                    counties={
                        code: (name, voivodeship, active)
                        for code, name, voivodeship, active in County.objects.values_list(
                            "code", "name", "voivodeship_id", "in_register"
                        )
                    },
                    municipalities={
                        code: (name, kind, county, active)
                        for code, name, kind, county, active in Municipality.objects.values_list(
                            "code", "name", "kind", "county_id", "in_register"
                        )
                    },
                )
                _register[0] = current
    return current


def clear_register():
    with _register_lock:
        _register[0] = None


def _sorted(pairs):
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def voivodeship_choices(current=""):
    """(code, name) of the voivodeships, by name; ``current`` is kept even if left the register."""
    reg = register()
    return [("", "—")] + _sorted(
        (code, name) for code, (name, active) in reg.voivodeships.items() if active or code == current
    )


def county_choices(current=""):
    """Counties grouped by voivodeship (one <optgroup> each), so that a browser without JavaScript
    still shows which county lies where; the server checks the pair anyway."""
    reg = register()
    groups = {}
    for code, (name, voivodeship, active) in reg.counties.items():
        if active or code == current:
            groups.setdefault(voivodeship, []).append((code, county_label(code, name)))
    return [("", "—")] + [
        (reg.voivodeship_name(voivodeship), _sorted(options))
        for voivodeship, options in sorted(groups.items(), key=lambda item: reg.voivodeship_name(item[0]))
    ]


def municipality_choices(county="", current=""):
    """Gminas of ``county`` (all of them if no county), grouped by county."""
    reg = register()
    groups = {}
    for code, (name, kind, county_code, active) in reg.municipalities.items():
        if (active or code == current) and (not county or county_code == county or code == current):
            groups.setdefault(county_code, []).append((code, municipality_label(name, kind)))
    return [("", "—")] + [
        (
            f"{reg.county_label(county_code)} ({reg.voivodeship_name(reg.counties[county_code][1])})",
            _sorted(options),
        )
        for county_code, options in sorted(groups.items())
    ]


def check_place(*, voivodeship="", county="", municipality=""):
    """Errors of a (voivodeship, county, gmina) triple, by field ("voivodeship"/"county"/
    "municipality"), and the triple completed from the lower units when those were chosen alone."""
    reg = register()
    errors = {}
    if municipality:
        if municipality not in reg.municipalities:
            errors["municipality"] = gettext("Choose a gmina from the list.")
        else:
            county = county or reg.municipalities[municipality][2]
    if county:
        if county not in reg.counties:
            errors["county"] = gettext("Choose a county from the list.")
        else:
            voivodeship = voivodeship or reg.counties[county][1]
    if voivodeship and voivodeship not in reg.voivodeships:
        errors["voivodeship"] = gettext("Choose a voivodeship from the list.")
    if not errors:
        if county and reg.counties[county][1] != voivodeship:
            errors["county"] = capfirst(
                gettext(
                    "%(county)s does not belong to the chosen voivodeship (%(voivodeship)s). "
                    "Choose a county of that voivodeship."
                )
                % {"county": reg.county_label(county), "voivodeship": reg.voivodeship_name(voivodeship)}
            )
        elif municipality and reg.municipalities[municipality][2] != county:
            errors["municipality"] = gettext(
                "The gmina %(municipality)s does not belong to the chosen county (%(county)s). "
                "Choose a gmina of that county."
            ) % {"municipality": reg.municipality_label(municipality), "county": reg.county_label(county)}
    return errors, (voivodeship, county, municipality)
