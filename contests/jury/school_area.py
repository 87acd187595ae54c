"""The diplomas section of the school area (``cms.hooks.SCHOOL_AREA``): the diplomas, certificates
and letters of thanks of the teacher's schools' entries, once the contest's results are public."""

from django.utils.translation import gettext_lazy as _

from . import queries


def section(request):
    diplomas = list(queries.diplomas_of(request.user))
    if not diplomas:
        return None
    return {
        "order": 30,
        "id": "dyplomy",
        "title": _("Diplomas and certificates"),
        "template": "jury/school_area_section.html",
        "context": {"diplomas": diplomas},
    }
