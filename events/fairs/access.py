"""Who may act for an exhibitor: the one place the fairs check that a person is one of an
exhibitor's people. Each part of the app keeps its checks in its own block."""

from .models import EXHIBITOR, Application, ExhibitorMember


def passes_application(user, application_id):
    """The accepted application ``application_id`` if ``user`` is one of its exhibitor's people,
    else None (the view answers 404: another institution's application is not revealed)."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(
            pk=application_id,
            status=Application.Status.ACCEPTED,
            exhibitor__memberships__user=user,
        )
        .select_related("call__event", "exhibitor", "stand__zone")
        .first()
    )


def acts_for_an_exhibitor(user):
    """Whether ``user`` is one of any exhibitor's people (else the exhibitor's pages are refused, 403)."""
    return user.is_authenticated and user.exhibitor_memberships.exists()


"""Who may act for what in the fairs: the one place that says which exhibitor's people reach
which application. Each part of the app keeps its rules in its own block."""


def accepted_application_of(user, pk):
    """The accepted application ``pk`` if ``user`` is one of its exhibitor's people, else ``None``
    (staff and other exhibitors' people included: it is not theirs to find)."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.select_related("call__event", "exhibitor", "stand__zone")
        .filter(pk=pk, status=Application.Status.ACCEPTED, exhibitor__memberships__user=user)
        .first()
    )


"""Who may act for an exhibitor: the people of the institution (``ExhibitorMember``) with the
Exhibitor role. Nothing of an exhibitor is shown to another exhibitor's people (404)."""


def is_exhibitor_person(user):
    """A signed-in person with the Exhibitor role who acts for at least one institution."""
    if user is None or not user.is_authenticated:
        return False
    return user.groups.filter(name=EXHIBITOR).exists() and ExhibitorMember.objects.filter(user=user).exists()


def acts_for(user, exhibitor):
    """``user`` is one of ``exhibitor``'s people."""
    if user is None or not user.is_authenticated:
        return False
    return ExhibitorMember.objects.filter(user=user, exhibitor=exhibitor).exists()


"""Who may act for what in the fairs: the one check that a signed-in person acts for an exhibitor.

Each part of the app keeps its rules in its own block."""


def accepted_application_with_stand_of(user, pk):
    """The accepted application ``pk`` with a stand, if ``user`` is one of its exhibitor's people;
    else None (another exhibitor's application is not revealed)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return (
        Application.objects.filter(
            pk=pk,
            status=Application.Status.ACCEPTED,
            stand__isnull=False,
            exhibitor__memberships__user=user,
        )
        .select_related("call__event", "stand__zone", "exhibitor")
        .first()
    )
