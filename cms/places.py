"""Polish addresses shared by venues, Edubus stops and schools.

Counties (powiaty) and voivodeships come from django-localflavor. County codes repeat across
voivodeships (there is a "brzeski" county in Opolskie and in Małopolskie), so a county is identified
by the pair (voivodeship, county).
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from localflavor.pl.pl_administrativeunits import ADMINISTRATIVE_UNIT_CHOICES
from localflavor.pl.pl_voivodeships import VOIVODESHIP_CHOICES

COUNTY_CHOICES = ADMINISTRATIVE_UNIT_CHOICES
COUNTY_NAMES = dict(ADMINISTRATIVE_UNIT_CHOICES)
VOIVODESHIP_NAMES = dict(VOIVODESHIP_CHOICES)

postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postal code in the format XX-XXX."))


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
        _("municipality (gmina)"), max_length=120, blank=True, help_text=_("Town or municipality.")
    )
    county = models.CharField(_("county (powiat)"), max_length=40, blank=True, choices=COUNTY_CHOICES)
    voivodeship = models.CharField(_("voivodeship"), max_length=40, blank=True, choices=VOIVODESHIP_CHOICES)
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

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def address_line(self):
        town = " ".join(part for part in (self.postal_code, self.municipality) if part)
        return ", ".join(part for part in (self.street, town) if part)
