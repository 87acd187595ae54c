"""Personal data of contests for data-subject requests: a teacher's schools and supervised entries.

Pupils' names are the pupils' data, not the teacher's: they are neither exported nor erased here.
"""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import Entry, School


def _users(email):
    return list(get_user_model().objects.filter(email__iexact=email))


def export(email):
    users = _users(email)
    entries = (
        Entry.objects.filter(teacher__in=users)
        .select_related("contest", "category", "school")
        .prefetch_related("team")
        .order_by("created_at", "pk")
    )
    return {
        "schools": [
            {"name": school.name, "rspo": school.rspo, "municipality": school.municipality}
            for school in School.objects.filter(teachers__in=users).distinct().order_by("name", "pk")
        ],
        "entries": [
            {
                "id": entry.pk,
                "contest": entry.contest.title,
                "category": entry.category.name,
                "school": entry.school.name,
                "title": entry.title,
                "status": entry.status,
                "team_size": len(entry.team.all()),
                "submitted_at": entry.submitted_at,
            }
            for entry in entries
        ],
    }


def erase(email):
    users = _users(email)
    schools = 0
    for school in School.objects.filter(teachers__in=users).distinct():
        school.teachers.remove(*users)
        schools += 1
    entries = Entry.objects.filter(teacher__in=users).update(teacher=None)
    return Erasure(
        done={
            _("school memberships removed"): schools,
            _("entries no longer naming you as the teacher"): entries,
        }
    )


def source():
    return DataSource(
        key="contests",
        label=_("Contests"),
        export=export,
        erase=erase,
        retention_note=_(
            "Contest entries, their films and the pupils' names and consents stay: they are the pupils' "
            "data, kept for the contest's own retention period."
        ),
    )
