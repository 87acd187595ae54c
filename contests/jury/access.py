"""The jury's additions to ``contests.access.can_view_film`` (registered in ``apps.py``)."""

from django.utils import timezone

from cms.accounts import roles

from .models import Assignment, Result, Round


def assigned_juror(user, entry):
    """A juror sees the film of an entry assigned to them (and not recused) in any round."""
    return bool(
        user.is_authenticated
        and roles.has_role(user, roles.JUROR)
        and Assignment.objects.filter(juror=user, entry=entry, recused=False).exists()
    )


def published_laureate(user, entry):
    """Anyone sees a laureate's film once the results are public, if all consents allow it."""
    contest = entry.contest
    if contest.results_published_at is None or contest.results_published_at > timezone.now():
        return False
    return (
        Result.objects.filter(
            entry=entry, passed=True, round__kind=Round.Kind.FINAL, round__approved_at__isnull=False
        ).exists()
        and entry.can_be_published
    )
