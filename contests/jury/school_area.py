"""The diplomas section of the school area (``cms.hooks.SCHOOL_AREA``): the diplomas, certificates
and letters of thanks of the teacher's schools' entries, once the contest's results are public."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Diploma


def diplomas_of(user, now=None):
    """Diplomas of the entries of ``user``'s schools whose contest has published its results."""
    now = now or timezone.now()
    return (
        Diploma.objects.filter(
            entry__school__teachers=user,
            entry__contest__results_published_at__isnull=False,
            entry__contest__results_published_at__lte=now,
        )
        .select_related("entry__contest", "entry__school")
        .order_by("-entry__contest__results_published_at", "entry__title", "kind", "recipient")
        .distinct()
    )


def section(request):
    diplomas = list(diplomas_of(request.user))
    if not diplomas:
        return None
    return {
        "order": 30,
        "id": "dyplomy",
        "title": _("Diplomas and certificates"),
        "template": "jury/school_area_section.html",
        "context": {"diplomas": diplomas},
    }
