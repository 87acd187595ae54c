"""Reach figures for the funder, gathered from the domain apps without importing them.

Each app registers a provider under the ``REACH_FIGURES`` hook (``cms.hooks``)::

    @hooks.register(REACH_FIGURES)
    def event_reach(*, start, end):   # dates, inclusive, Europe/Warsaw
        yield ReachRow(...)

A provider yields one ``ReachRow`` per unit it counts: a confirmed registration, an Edubus stop's
report, a contest entry. The dashboard sums and de-duplicates them, so a provider never aggregates.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ReachRow:
    activity_type: str  # e.g. "event:festival", "event:fair", "edubus", "contest"
    activity_type_label: str  # human label, already translated
    activity_key: str  # identifies the activity, e.g. "event:42"; activities = distinct keys
    registrations: int = 0  # registrations this row stands for (0 for a visit report)
    people: int = 0  # people reached: checked-in head-count, visitors, team members
    school: str = ""  # stable key of a school (RSPO number, else normalised name); "" if none
    municipality: str = ""
    county: str = ""  # localflavor county code
    voivodeship: str = ""  # localflavor voivodeship code
