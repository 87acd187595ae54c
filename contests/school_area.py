"""The contest section of the school area (``cms.hooks.SCHOOL_AREA``): the school profile, the
contests open for entries and the school's entries with their status."""

from django.utils.translation import gettext_lazy as _

from . import queries


def section(request):
    schools = list(queries.schools_of(request.user))
    return {
        "order": 20,
        "id": "konkursy",
        "title": _("Contest entries"),
        "template": "contests/school_area_section.html",
        "stylesheets": ["contests/contests.css"],
        "context": {
            "schools": schools,
            "entries": list(queries.entries_of_schools(schools)) if schools else [],
            "open_contests": queries.open_contests(),
        },
    }
