"""Reading TERYT TERC files, loading them into the register, and mapping legacy place keys.

``read_terc(path)`` parses an official TERC file (semicolon-separated, UTF-8 with or without BOM)
into voivodeships, counties and gminas; ``load_terc(rows, Voivodeship=..., ...)`` inserts and
updates, never deletes (units missing from the file are marked ``in_register=False``) and returns
the changes. Both take the model classes as arguments so that migrations can pass their
historical models.
"""

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .models import GMINA_KINDS

SHIPPED_TERC = Path(__file__).resolve().parent / "data" / "TERC_2020-01-01.csv"
HEADER = ["WOJ", "POW", "GMI", "RODZ", "NAZWA", "NAZWA_DOD", "STAN_NA"]


class TercError(ValueError):
    pass


@dataclass
class TercData:
    voivodeships: dict = field(default_factory=dict)  # code -> (name, date)
    counties: dict = field(default_factory=dict)  # code -> (name, kind, date)
    municipalities: dict = field(default_factory=dict)  # code -> (name, kind, date)


def read_terc(path_or_text):
    text = path_or_text if "\n" in str(path_or_text) else Path(path_or_text).read_text(encoding="utf-8-sig")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")
    header = next(reader, None)
    if header is None or [column.strip() for column in header] != HEADER:
        raise TercError(f"Not a TERC file: the header must be {';'.join(HEADER)}.")
    data = TercData()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(HEADER):
            raise TercError(f"Line {number}: {len(HEADER)} columns expected, {len(row)} found.")
        woj, pow_, gmi, rodz, name, kind, date = (cell.strip() for cell in row)
        try:
            date = datetime.date.fromisoformat(date)
        except ValueError:
            raise TercError(f"Line {number}: STAN_NA is not a date: {date!r}.") from None
        if not re.fullmatch(r"\d\d", woj) or (pow_ and not re.fullmatch(r"\d\d", pow_)):
            raise TercError(f"Line {number}: WOJ and POW are two digits.")
        if not pow_:
            data.voivodeships[woj] = (name.lower(), date)
        elif not gmi:
            data.counties[woj + pow_] = (name, kind, date)
        elif rodz in GMINA_KINDS:
            if not re.fullmatch(r"\d\d", gmi):
                raise TercError(f"Line {number}: GMI is two digits.")
            data.municipalities[woj + pow_ + gmi + rodz] = (name, kind, date)
    for code in data.counties:
        if code[:2] not in data.voivodeships:
            raise TercError(f"County {code} has no voivodeship in the file.")
    for code in data.municipalities:
        if code[:4] not in data.counties:
            raise TercError(f"Gmina {code} has no county in the file.")
    return data


@dataclass
class LoadReport:
    added: list = field(default_factory=list)  # (level, code, name)
    renamed: list = field(default_factory=list)  # (level, code, old name, new name)
    left: list = field(default_factory=list)  # (level, code, name): no longer in the register
    returned: list = field(default_factory=list)  # (level, code, name): back in the register

    @property
    def changed(self):
        return bool(self.added or self.renamed or self.left or self.returned)


def load_terc(data, *, Voivodeship, County, Municipality):
    """Insert and update the register from ``data`` (a ``TercData``); never deletes."""
    report = LoadReport()

    def sync(level, model, incoming, extra):
        existing = {unit.code: unit for unit in model.objects.all()}
        for code, values in incoming.items():
            name, date = values[0], values[-1]
            fields = {"name": name, "register_date": date, "in_register": True, **extra(code, values)}
            unit = existing.get(code)
            if unit is None:
                model.objects.create(code=code, **fields)
                report.added.append((level, code, name))
                continue
            if unit.name != name:
                report.renamed.append((level, code, unit.name, name))
            if not unit.in_register:
                report.returned.append((level, code, name))
            if any(getattr(unit, key) != value for key, value in fields.items()):
                for key, value in fields.items():
                    setattr(unit, key, value)
                unit.save()
        for code, unit in existing.items():
            if code not in incoming and unit.in_register:
                unit.in_register = False
                unit.save(update_fields=["in_register"])
                report.left.append((level, code, unit.name))

    sync("voivodeship", Voivodeship, data.voivodeships, lambda code, values: {})
    sync(
        "county", County, data.counties, lambda code, values: {"kind": values[1], "voivodeship_id": code[:2]}
    )
    sync(
        "gmina",
        Municipality,
        data.municipalities,
        lambda code, values: {"kind": values[1], "county_id": code[:4]},
    )
    return report


# Legacy django-localflavor keys -------------------------------------------------------------

LOCALFLAVOR_VOIVODESHIPS = {
    "lower_silesia": "02",
    "kuyavia-pomerania": "04",
    "lublin": "06",
    "lubusz": "08",
    "lodz": "10",
    "lesser_poland": "12",
    "masovia": "14",
    "opole": "16",
    "subcarpatia": "18",
    "podlasie": "20",
    "pomerania": "22",
    "silesia": "24",
    "swietokrzyskie": "26",
    "warmia-masuria": "28",
    "greater_poland": "30",
    "west_pomerania": "32",
}


def slug(text):
    """ASCII key of a name: "łódzki wschodni" -> "lodzki-wschodni" (localflavor keys are such)."""
    text = text.strip().lower().replace("ł", "l")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_-]+", "-", text)


class LegacyMapper:
    """Maps a record's localflavor (voivodeship, county) keys and free-text municipality to codes.

    A county key is looked up among the counties of the record's voivodeship (so "brzeski" is
    1202 in Małopolskie and 1601 in Opolskie); without a voivodeship only a key unique in the
    country maps. Whatever does not map is returned as text for staff to check.
    """

    def __init__(self, *, County, Municipality):
        self.counties = {}  # (voivodeship code, slug) -> county code
        self.by_slug = {}  # slug -> [county codes]
        for code, name in County.objects.values_list("code", "name"):
            key = slug(name)
            self.counties[(code[:2], key)] = code
            self.by_slug.setdefault(key, []).append(code)
        self.gminas = {}  # (county code, casefolded name) -> [(rodz, code)]
        for code, name in Municipality.objects.values_list("code", "name"):
            self.gminas.setdefault((code[:4], name.casefold()), []).append((code[-1], code))

    def gmina(self, county, municipality):
        found = sorted(self.gminas.get((county, municipality.strip().casefold()), []))
        if len(found) == 1:
            return found[0][1]
        for rodz in ("1", "3"):  # a town's name means its urban (or urban-rural) gmina
            for kind, code in found:
                if kind == rodz:
                    return code
        return ""

    def map(self, voivodeship_key, county_key, municipality=""):
        """(voivodeship code, county code, gmina code, text to check)."""
        voivodeship_key, county_key = (voivodeship_key or "").strip(), (county_key or "").strip()
        voivodeship = LOCALFLAVOR_VOIVODESHIPS.get(voivodeship_key, "")
        if voivodeship_key in LOCALFLAVOR_VOIVODESHIPS.values():
            voivodeship = voivodeship_key  # already a code
        county = ""
        if county_key:
            if re.fullmatch(r"\d{4}", county_key):
                county = county_key  # already a code
            elif voivodeship:
                county = self.counties.get((voivodeship, slug(county_key)), "")
            else:
                candidates = self.by_slug.get(slug(county_key), [])
                county = candidates[0] if len(candidates) == 1 else ""
                voivodeship = county[:2]
        unmapped = ""
        if (county_key and not county) or (voivodeship_key and not voivodeship):
            unmapped = f"county: {county_key or '—'}; voivodeship: {voivodeship_key or '—'}"
            county = ""
        if county and voivodeship and county[:2] != voivodeship:
            unmapped, county = f"county: {county_key}; voivodeship: {voivodeship_key}", ""
        gmina = self.gmina(county, municipality) if county and municipality else ""
        return voivodeship, county, gmina, unmapped


def convert_legacy(
    queryset,
    mapper,
    *,
    voivodeship="voivodeship",
    county="county",
    municipality="municipality",
    municipality_code="municipality_code",
    unmapped="place_unmapped",
):
    """Rewrite the legacy keys of every row of ``queryset`` (a historical model's) into codes."""
    for row in queryset.iterator():
        codes = mapper.map(getattr(row, voivodeship), getattr(row, county), getattr(row, municipality))
        values = dict(zip((voivodeship, county, municipality_code, unmapped), codes, strict=True))
        queryset.model.objects.filter(pk=row.pk).update(**values)
