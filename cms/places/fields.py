"""Model fields of a Polish address: the TERYT code fields (chosen from the register), the postal
code, and the abstract ``Address`` model that venues, Edubus stops and schools share."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .queries import check_place, county_choices, municipality_choices, register, voivodeship_choices

postal_code_validator = RegexValidator(r"^\d{2}-\d{3}$", _("Enter a postal code in the format XX-XXX."))


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
    """The address fields of a venue, an Edubus stop or a school (an abstract model)."""

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
