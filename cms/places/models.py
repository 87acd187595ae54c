"""Polish addresses shared by venues, Edubus stops and schools, and the official register of places.

Voivodeships, counties (powiaty) and gminas come from the TERYT TERC register of Statistics Poland
(GUS), shipped in ``cms/places/data`` (see its README), loaded by a migration and refreshed from a newer
official file by ``manage.py load_terc``. Records store the TERYT codes: a voivodeship ``"16"``,
a county ``"1601"`` (voivodeship and county digits, unique in the country, so the two "brzeski"
counties are ``"1202"`` and ``"1601"``) and a gmina ``"1601011"`` (with its kind, ``RODZ``).
``django-localflavor`` is kept for what it does well (postal codes), not for these units.

Names are read from the database once per process (``cms.places.queries.register()``); the refresh command clears
this process's copy, other processes read the new names when they restart.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

GMINA_KINDS = ("1", "2", "3")  # RODZ: urban, rural, urban-rural; 4, 5, 8, 9 are parts of one
FIRST_CITY_COUNTY = 61  # counties numbered 61 and up are cities with county rights


class Voivodeship(models.Model):
    code = models.CharField(_("TERYT code"), max_length=2, primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    in_register = models.BooleanField(_("in the current register"), default=True)
    register_date = models.DateField(_("register state as of"))

    class Meta:
        app_label = "cms"
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
        app_label = "cms"
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
        app_label = "cms"
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
