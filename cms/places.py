"""Polish addresses shared by venues, Edubus stops and schools, and the official register of places.

Voivodeships, counties (powiaty) and gminas come from the TERYT TERC register of Statistics Poland
(GUS), shipped in ``cms/data`` (see its README), loaded by a migration and refreshed from a newer
official file by ``manage.py load_terc``. Records store the TERYT codes: a voivodeship ``"16"``,
a county ``"1601"`` (voivodeship and county digits, unique in the country, so the two "brzeski"
counties are ``"1202"`` and ``"1601"``) and a gmina ``"1601011"`` (with its kind, ``RODZ``).
``django-localflavor`` is kept for what it does well (postal codes), not for these units.

Names are read from the database once per process (``register()``); the refresh command clears
this process's copy, other processes read the new names when they restart.
"""

import threading
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postal code in the format XX-XXX."))

GMINA_KINDS = ("1", "2", "3")  # RODZ: urban, rural, urban-rural; 4, 5, 8, 9 are parts of one
FIRST_CITY_COUNTY = 61  # counties numbered 61 and up are cities with county rights


class Voivodeship(models.Model):
    code = models.CharField(_("TERYT code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    in_register = models.BooleanField(_("in the current register"), default=True)
    register_date = models.DateField(_("register state as of"))

    class Meta:
        verbose_name = _("voivodeship")
        verbose_name_plural = _("voivodeships")
        ordering = ["name"]

    def __str__(self):
        return self.name


class County(models.Model):
    code = models.CharField(_("TERYT code"), max_length=4, primary_key=True)
    voivodeship = models.ForeignKey(
        Voivodeship, on_delete=models.PROTECT, related_name="counties", verbose_name=_("voivodeship")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    in_register = models.BooleanField(_("in the current register"), default=True)
    register_date = models.DateField(_("register state as of"))

    class Meta:
        verbose_name = _("county")
        verbose_name_plural = _("counties")
        ordering = ["code"]

    def __str__(self):
        return county_label(self.code, self.name)

    @property
    def is_city(self):
        return is_city_county(self.code)


class Municipality(models.Model):
    code = models.CharField(_("TERYT code"), max_length=7, primary_key=True)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("county")
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=60, blank=True)
    in_register = models.BooleanField(_("in the current register"), default=True)
    register_date = models.DateField(_("register state as of"))

    class Meta:
        verbose_name = _("gmina")
        verbose_name_plural = _("gminas")
        ordering = ["code"]

    def __str__(self):
        return municipality_label(self.name, self.kind)


def is_city_county(code):
    return len(code) == 4 and code[2:].isdigit() and int(code[2:]) >= FIRST_CITY_COUNTY


def county_label(code, name):
    """ "powiat nyski" for a county, "Kraków (miasto na prawach powiatu)" for a city county."""
    if not name:
        return ""
    if is_city_county(code):
        return gettext("%(name)s (city with county rights)") % {"name": name}
    return gettext("%(name)s county") % {"name": name}


def municipality_label(name, kind):
    return f"{name} ({kind})" if kind else name


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


class _RegisterCodeField(models.CharField):
    """A TERYT code stored as text, chosen in forms from the register (choices read per form)."""

    def choices_for(self, current):
        raise NotImplementedError

    def formfield(self, **kwargs):
        field = self

        class RegisterChoiceField(forms.ChoiceField):
            def __init__(self, **options):
                super().__init__(choices=lambda: field.choices_for(""), **options)

        return RegisterChoiceField(
            label=capfirst(self.verbose_name), required=not self.blank, help_text=self.help_text
        )


class VoivodeshipCodeField(_RegisterCodeField):
    def choices_for(self, current):
        return voivodeship_choices(current)


class CountyCodeField(_RegisterCodeField):
    def choices_for(self, current):
        return county_choices(current)


class MunicipalityCodeField(_RegisterCodeField):
    def choices_for(self, current):
        return municipality_choices(current=current)


def normalise_postal_code(value):
    """``90368``, ``90 368`` or ``90\u2013368`` as ``90-368``; anything else is left for the validator."""
    if not value:
        return value
    digits = "".join(ch for ch in value if not ch.isspace() and ch not in "-\u2010\u2011\u2012\u2013\u2014")
    if len(digits) == 5 and digits.isascii() and digits.isdigit():
        return f"{digits[:2]}-{digits[2:]}"
    return value.strip()


class PostalCodeFormField(forms.CharField):
    def to_python(self, value):
        return normalise_postal_code(super().to_python(value))


class PostalCodeField(models.CharField):
    """A Polish postal code, normalised (``90368`` -> ``90-368``) before it is validated, in forms,
    the admin and the API alike. Stored as a plain CharField: migrations see a CharField."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def to_python(self, value):
        return normalise_postal_code(super().to_python(value))

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PostalCodeFormField, **kwargs})


class Address(models.Model):
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = PostalCodeField(
        _("postal code"), max_length=6, blank=True, validators=[postal_code_validator]
    )
    municipality = models.CharField(
        _("town"), max_length=120, blank=True, help_text=_("Town or village of the address.")
    )
    voivodeship = VoivodeshipCodeField(_("voivodeship"), max_length=40, blank=True)
    county = CountyCodeField(_("county (powiat)"), max_length=40, blank=True)
    municipality_code = MunicipalityCodeField(_("gmina"), max_length=7, blank=True)
    place_unmapped = models.CharField(
        _("former place to check"),
        max_length=200,
        blank=True,
        help_text=_("What the record said before the register of places; empty once checked."),
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors, (self.voivodeship, self.county, self.municipality_code) = check_place(
            voivodeship=self.voivodeship, county=self.county, municipality=self.municipality_code
        )
        if errors:
            raise ValidationError(
                {
                    "municipality_code" if name == "municipality" else name: message
                    for name, message in errors.items()
                }
            )

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self):
        town = " ".join(part for part in (self.postal_code, self.municipality) if part)
        return ", ".join(part for part in (self.street, town) if part)

    @property
    def county_name(self):
        return register().county_name(self.county)

    @property
    def voivodeship_name(self):
        return register().voivodeship_name(self.voivodeship)

    @property
    def gmina_name(self):
        return register().municipality_name(self.municipality_code)
