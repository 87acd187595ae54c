"""Reach figures for the funder, gathered from the domain apps without importing them.

Each app registers a provider under the ``REACH_FIGURES`` hook (``cms.hooks``)::

    @hooks.register(REACH_FIGURES)
    def event_reach(*, start, end):   # dates, inclusive, Europe/Warsaw
        yield ReachRow(...)

A provider yields one ``ReachRow`` per unit it counts: a confirmed registration, an Edubus stop's
report, a contest entry. The dashboard sums and de-duplicates them, so a provider never aggregates.
``people`` are the people actually reached (for an event: those checked in at its door);
``places`` are the places registered, reported beside them where people register in advance.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from cms.hooks import REACH_FIGURES
from cms.places.queries import register


@dataclass(frozen=True)
class ReachRow:
    activity_type: str  # e.g. "event:festival", "event:fair", "edubus", "contest"
    activity_type_label: str  # human label, already translated
    activity_key: str  # identifies the activity, e.g. "event:42"; activities = distinct keys
    registrations: int = 0  # registrations this row stands for (0 for a visit report)
    people: int = 0  # people reached: checked-in head-count, visitors, team members
    school: str = ""  # stable key of a school (RSPO number, else normalised name); "" if none
    municipality: str = ""  # the town as typed (used when no gmina was chosen)
    county: str = ""  # TERYT county code, e.g. "1601" (cms.places)
    voivodeship: str = ""  # TERYT voivodeship code, e.g. "16"
    places: int = 0  # places registered (events); 0 where nobody registers in advance
    municipality_code: str = ""  # TERYT gmina code, e.g. "1601011"; "" if none chosen
    # How ``people`` is known: "checked_in" (tickets scanned at the door), "counted" (head-counts
    # of walk-in visitors, no ticket), "report" (a stop or visit report typed by staff),
    # "participants" (a list of named participants, e.g. a study visit). Counted visitors are
    # people who came in without a ticket, so they never overlap the checked-in ones.
    basis: str = "checked_in"
    # The split of ``people`` by kind where it is known; what is not split is "not known".
    pupils: int = 0
    teachers: int = 0  # teachers and career advisers
    adults: int = 0  # parents and other adults
    others: int = 0
    institution: str = ""  # stable key of an institution other than a school, e.g. "uni:<name>"
    institution_kind: str = ""  # "school", "university", "employer", "public", "other"
    records_url: str = ""  # the staff list of the records behind this row (traceability)


@dataclass(frozen=True)
class CountyFigures:
    voivodeship: str
    voivodeship_name: str
    county: str
    county_name: str
    activities: int
    registrations: int
    people: int
    schools: int
    municipalities: int
    places: int = 0


@dataclass(frozen=True)
class MunicipalityFigures:
    """A gmina of the register (``municipality`` its TERYT code) or, without one, a typed town."""

    voivodeship_name: str
    county_name: str
    municipality: str
    name: str
    activities: int
    registrations: int
    people: int
    schools: int
    places: int = 0


@dataclass(frozen=True)
class TypeFigures:
    activity_type: str
    label: str
    activities: int
    registrations: int
    people: int
    places: int = 0


@dataclass(frozen=True)
class ReachSummary:
    activities: int
    registrations: int
    people: int
    places: int
    schools: int
    municipalities: int
    counties: int
    by_county: list
    by_type: list
    by_municipality: list = field(default_factory=list)


def collect_rows(*, start, end):
    """Every provider's rows for the period (dates, inclusive)."""
    return [row for provider in hooks.get_hooks(REACH_FIGURES) for row in provider(start=start, end=end)]


def activity_types(rows):
    """(key, label) of the activity types present in the rows, ordered by label."""
    return sorted({(row.activity_type, row.activity_type_label) for row in rows}, key=lambda pair: pair[1])


def filter_rows(rows, activity_type=""):
    return [row for row in rows if not activity_type or row.activity_type == activity_type]


def _municipality_key(row):
    if row.municipality_code:
        return row.municipality_code
    return (row.voivodeship, row.county, row.municipality.strip().casefold())


def _has_municipality(row):
    return bool(row.municipality_code or row.municipality.strip())


def _figures(rows):
    return {
        "activities": len({row.activity_key for row in rows}),
        "registrations": sum(row.registrations for row in rows),
        "people": sum(row.people for row in rows),
        "places": sum(row.places for row in rows),
        "schools": len({row.school for row in rows if row.school}),
        "municipalities": len({_municipality_key(row) for row in rows if _has_municipality(row)}),
    }


def summarise(rows):
    """Totals, a per-county table (by voivodeship then county name) and a per-type breakdown.

    Activities are distinct ``activity_key``s, schools distinct ``school`` keys, municipalities
    distinct gmina codes (or, without one, distinct (voivodeship, county, town) triples) and
    counties distinct (voivodeship, county) pairs; rows without a value do not count towards the
    distinct figures. Names come from the register of places (TERYT), codes stay in the figures.
    """
    places = register()

    rows = list(rows)
    by_county = {}
    by_type = {}
    by_municipality = {}
    for row in rows:
        if _has_municipality(row):
            by_municipality.setdefault(_municipality_key(row), []).append(row)
        if row.county:
            by_county.setdefault((row.voivodeship, row.county), []).append(row)
        by_type.setdefault((row.activity_type, row.activity_type_label), []).append(row)
    county_figures = [
        CountyFigures(
            voivodeship=voivodeship,
            voivodeship_name=places.voivodeship_name(voivodeship) or voivodeship,
            county=county,
            county_name=places.county_name(county) or county,
            **_figures(county_rows),
        )
        for (voivodeship, county), county_rows in by_county.items()
    ]
    county_figures.sort(
        key=lambda figure: (figure.voivodeship_name.casefold(), figure.county_name.casefold())
    )
    type_figures = [
        TypeFigures(
            activity_type=key,
            label=label,
            **{
                name: value
                for name, value in _figures(type_rows).items()
                if name in ("activities", "registrations", "people", "places")
            },
        )
        for (key, label), type_rows in by_type.items()
    ]
    type_figures.sort(key=lambda figure: figure.label.casefold())
    municipality_figures = []
    for municipality_rows in by_municipality.values():
        first = municipality_rows[0]
        county = first.municipality_code[:4] if first.municipality_code else first.county
        figures = _figures(municipality_rows)
        municipality_figures.append(
            MunicipalityFigures(
                voivodeship_name=places.voivodeship_name(county[:2] or first.voivodeship),
                county_name=places.county_label(county),
                municipality=first.municipality_code,
                name=places.municipality_label(first.municipality_code) or first.municipality.strip(),
                activities=figures["activities"],
                registrations=figures["registrations"],
                people=figures["people"],
                schools=figures["schools"],
                places=figures["places"],
            )
        )
    municipality_figures.sort(
        key=lambda figure: (
            figure.voivodeship_name.casefold(),
            figure.county_name.casefold(),
            figure.name.casefold(),
        )
    )
    return ReachSummary(
        **_figures(rows),
        counties=len(by_county),
        by_county=county_figures,
        by_type=type_figures,
        by_municipality=municipality_figures,
    )
