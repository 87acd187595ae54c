"""Reach figures for the funder, gathered from the domain apps without importing them.

Each app registers a provider under the ``REACH_FIGURES`` hook (``cms.hooks``)::

    @hooks.register(REACH_FIGURES)
    def event_reach(*, start, end):   # dates, inclusive, Europe/Warsaw
        yield ReachRow(...)

A provider yields one ``ReachRow`` per unit it counts: a confirmed registration, an Edubus stop's
report, a contest entry. The dashboard sums and de-duplicates them, so a provider never aggregates.
``people`` are the people actually reached (for an event: those checked in at its door);
``places`` are the places registered, reported beside them where people register in advance.
A row also says how ``people`` is known (``basis``), splits it by kind where it can (the rest is
"not known"), names the institution it reached and links the staff list of its records
(``records_url``), so that every figure of the dashboard can be traced to its activities
(``drill_rows``, ``activity_lines``) and from them to the records. ``docs/reach.md`` defines every
figure and the no-double-count rule.
"""

from dataclasses import dataclass, field

from wagtail import hooks

from cms.hooks import REACH_FIGURES
from cms.places.capitals import is_capital
from cms.places.queries import register

PERSON_KINDS = ("pupils", "teachers", "adults", "others", "unknown")
BASES = ("checked_in", "counted", "report", "participants")
INSTITUTION_KINDS = ("school", "university", "employer", "public", "other")


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
    activity_name: str = ""  # the activity's own name (event title, stop, contest) for the drill-down
    # The TERYT gmina where the activity took place (an event's venue, an Edubus stop); "" where it
    # has no place of its own (a contest). Decides "outside the voivodeship capital".
    venue_municipality_code: str = ""


@dataclass(frozen=True)
class Figures:
    """Every figure of a set of rows (all of them, one type, one county, one gmina...).

    ``people`` is split by kind (``pupils`` + ``teachers`` + ``adults`` + ``others`` + ``unknown``
    = ``people``) and by basis (``checked_in`` + ``counted`` + ``report`` + ``participants`` =
    ``people``). Institutions are distinct keys per kind; ``schools_rspo`` those known by their
    RSPO number. ``activities_located`` are the activities whose venue gmina is known, of which
    ``activities_outside_capital`` lie outside their voivodeship's capital; ``people_located`` are
    the people whose own gmina (their school's, the stop's) is known, ``people_outside_capital``
    those outside a capital.
    """

    activities: int = 0
    registrations: int = 0
    places: int = 0
    people: int = 0
    pupils: int = 0
    teachers: int = 0
    adults: int = 0
    others: int = 0
    unknown: int = 0
    checked_in: int = 0
    counted: int = 0
    report: int = 0
    participants: int = 0
    schools: int = 0
    schools_rspo: int = 0
    universities: int = 0
    employers: int = 0
    public: int = 0
    other_institutions: int = 0
    municipalities: int = 0
    counties: int = 0
    activities_located: int = 0
    activities_outside_capital: int = 0
    people_located: int = 0
    people_outside_capital: int = 0

    @property
    def institutions(self):
        return self.schools + self.universities + self.employers + self.public + self.other_institutions

    @property
    def activities_outside_capital_share(self):
        """Per cent, one decimal; ``None`` when no activity's venue is known."""
        return _share(self.activities_outside_capital, self.activities_located)

    @property
    def people_outside_capital_share(self):
        return _share(self.people_outside_capital, self.people_located)


def _share(part, whole):
    if not whole:
        return None
    return round(100 * part / whole, 1)


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
    figures: Figures = field(default=None, compare=False)


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
    figures: Figures = field(default=None, compare=False)
    key: str = field(default="", compare=False)  # the drill-down's ``gmina`` (see ``municipality_key``)


@dataclass(frozen=True)
class TypeFigures:
    activity_type: str
    label: str
    activities: int
    registrations: int
    people: int
    places: int = 0
    figures: Figures = field(default=None, compare=False)


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
    figures: Figures = field(default=None, compare=False)


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


def municipality_key(row):
    """The gmina of a row as one string: its TERYT code, else ``county|town`` (typed, casefolded)."""
    key = _municipality_key(row)
    return key if isinstance(key, str) else f"{key[1]}|{key[2]}"


def _has_municipality(row):
    return bool(row.municipality_code or row.municipality.strip())


def person_split(row):
    """``people`` of a row by kind; what the provider did not split is "unknown"."""
    known = row.pupils + row.teachers + row.adults + row.others
    return {
        "pupils": row.pupils,
        "teachers": row.teachers,
        "adults": row.adults,
        "others": row.others,
        "unknown": max(row.people - known, 0),
    }


def institution_of(row):
    """``(kind, key)`` of the institution a row reached, or ``None``: a school key wins."""
    if row.school:
        return ("school", row.school)
    if row.institution:
        kind = row.institution_kind if row.institution_kind in INSTITUTION_KINDS else "other"
        return (kind, row.institution)
    return None


def activity_venues(rows):
    """``activity_key -> venue gmina`` (the first row's that names one)."""
    venues = {}
    for row in rows:
        if row.venue_municipality_code and row.activity_key not in venues:
            venues[row.activity_key] = row.venue_municipality_code
    return venues


def is_outside_capital(row, venues):
    """Whether the row's activity took place outside a voivodeship capital (known venue only)."""
    venue = venues.get(row.activity_key, "")
    return bool(venue) and not is_capital(venue)


def _figures(rows, venues):
    split = dict.fromkeys(PERSON_KINDS, 0)
    basis = dict.fromkeys(BASES, 0)
    institutions = {kind: set() for kind in INSTITUTION_KINDS}
    activities, located, outside = set(), set(), set()
    people_located = people_outside = 0
    for row in rows:
        activities.add(row.activity_key)
        for kind, count in person_split(row).items():
            split[kind] += count
        basis[row.basis if row.basis in basis else "report"] += row.people
        institution = institution_of(row)
        if institution:
            institutions[institution[0]].add(institution[1])
        venue = venues.get(row.activity_key, "")
        if venue:
            located.add(row.activity_key)
            if not is_capital(venue):
                outside.add(row.activity_key)
        if row.municipality_code:
            people_located += row.people
            if not is_capital(row.municipality_code):
                people_outside += row.people
    return Figures(
        activities=len(activities),
        registrations=sum(row.registrations for row in rows),
        places=sum(row.places for row in rows),
        people=sum(row.people for row in rows),
        **split,
        **basis,
        schools=len(institutions["school"]),
        schools_rspo=len({key for key in institutions["school"] if key.startswith("rspo:")}),
        universities=len(institutions["university"]),
        employers=len(institutions["employer"]),
        public=len(institutions["public"]),
        other_institutions=len(institutions["other"]),
        municipalities=len({_municipality_key(row) for row in rows if _has_municipality(row)}),
        counties=len({(row.voivodeship, row.county) for row in rows if row.county}),
        activities_located=len(located),
        activities_outside_capital=len(outside),
        people_located=people_located,
        people_outside_capital=people_outside,
    )


def summarise(rows):
    """Totals, a per-county table (by voivodeship then county name), a per-type and a per-gmina one.

    Activities are distinct ``activity_key``s, schools distinct ``school`` keys (other institutions
    distinct ``institution`` keys of their kind), municipalities distinct gmina codes (or, without
    one, distinct (voivodeship, county, town) triples) and counties distinct (voivodeship, county)
    pairs; rows without a value do not count towards the distinct figures. Names come from the
    register of places (TERYT), codes stay in the figures. Each group also carries its full
    ``Figures`` (the split by kind and basis, institutions, outside-capital shares).
    """
    places = register()

    rows = list(rows)
    venues = activity_venues(rows)
    by_county = {}
    by_type = {}
    by_municipality = {}
    for row in rows:
        if _has_municipality(row):
            by_municipality.setdefault(_municipality_key(row), []).append(row)
        if row.county:
            by_county.setdefault((row.voivodeship, row.county), []).append(row)
        by_type.setdefault((row.activity_type, row.activity_type_label), []).append(row)
    county_figures = []
    for (voivodeship, county), county_rows in by_county.items():
        figures = _figures(county_rows, venues)
        county_figures.append(
            CountyFigures(
                voivodeship=voivodeship,
                voivodeship_name=places.voivodeship_name(voivodeship) or voivodeship,
                county=county,
                county_name=places.county_name(county) or county,
                activities=figures.activities,
                registrations=figures.registrations,
                people=figures.people,
                schools=figures.schools,
                municipalities=figures.municipalities,
                places=figures.places,
                figures=figures,
            )
        )
    county_figures.sort(
        key=lambda figure: (figure.voivodeship_name.casefold(), figure.county_name.casefold())
    )
    type_figures = []
    for (key, label), type_rows in by_type.items():
        figures = _figures(type_rows, venues)
        type_figures.append(
            TypeFigures(
                activity_type=key,
                label=label,
                activities=figures.activities,
                registrations=figures.registrations,
                people=figures.people,
                places=figures.places,
                figures=figures,
            )
        )
    type_figures.sort(key=lambda figure: figure.label.casefold())
    municipality_figures = []
    for municipality_rows in by_municipality.values():
        first = municipality_rows[0]
        county = first.municipality_code[:4] if first.municipality_code else first.county
        figures = _figures(municipality_rows, venues)
        municipality_figures.append(
            MunicipalityFigures(
                voivodeship_name=places.voivodeship_name(county[:2] or first.voivodeship),
                county_name=places.county_label(county),
                municipality=first.municipality_code,
                name=places.municipality_label(first.municipality_code) or first.municipality.strip(),
                activities=figures.activities,
                registrations=figures.registrations,
                people=figures.people,
                schools=figures.schools,
                places=figures.places,
                figures=figures,
                key=municipality_key(first),
            )
        )
    municipality_figures.sort(
        key=lambda figure: (
            figure.voivodeship_name.casefold(),
            figure.county_name.casefold(),
            figure.name.casefold(),
        )
    )
    totals = _figures(rows, venues)
    return ReachSummary(
        activities=totals.activities,
        registrations=totals.registrations,
        people=totals.people,
        places=totals.places,
        schools=totals.schools,
        municipalities=totals.municipalities,
        counties=totals.counties,
        by_county=county_figures,
        by_type=type_figures,
        by_municipality=municipality_figures,
        figures=totals,
    )


# The drill-down: which rows stand behind one figure of the dashboard.
DRILL_FILTERS = ("county", "gmina", "basis", "kind", "institution", "outside_capital")


def drill_rows(rows, *, county="", gmina="", basis="", kind="", institution="", outside_capital=""):
    """The rows behind one figure: of a county (TERYT code), of a gmina (``municipality_key``), of
    a basis, with people of a kind, reaching an institution of a kind, of activities outside
    (``"1"``) or in (``"0"``) a voivodeship capital. Empty filters keep every row."""
    rows = list(rows)
    venues = activity_venues(rows)
    chosen = []
    for row in rows:
        if county and row.county != county:
            continue
        if gmina and (not _has_municipality(row) or municipality_key(row) != gmina):
            continue
        if basis and row.basis != basis:
            continue
        if kind and not person_split(row).get(kind):
            continue
        if institution:
            found = institution_of(row)
            if not found or found[0] != institution:
                continue
        if outside_capital == "1" and not is_outside_capital(row, venues):
            continue
        if outside_capital == "0" and (row.activity_key not in venues or is_outside_capital(row, venues)):
            continue
        chosen.append(row)
    return chosen


@dataclass(frozen=True)
class ActivityLine:
    """One activity of a drill-down: its rows summed, and where its records are."""

    activity_key: str
    name: str
    activity_type_label: str
    records_url: str
    rows: int
    figures: Figures


def activity_lines(rows):
    """The rows grouped by activity (in the order of their type label, then name)."""
    rows = list(rows)
    venues = activity_venues(rows)
    grouped = {}
    for row in rows:
        grouped.setdefault(row.activity_key, []).append(row)
    lines = [
        ActivityLine(
            activity_key=key,
            name=next((row.activity_name for row in group if row.activity_name), key),
            activity_type_label=group[0].activity_type_label,
            records_url=next((row.records_url for row in group if row.records_url), ""),
            rows=len(group),
            figures=_figures(group, venues),
        )
        for key, group in grouped.items()
    ]
    lines.sort(
        key=lambda line: (line.activity_type_label.casefold(), line.name.casefold(), line.activity_key)
    )
    return lines


def totals(rows):
    rows = list(rows)
    return _figures(rows, activity_venues(rows))
