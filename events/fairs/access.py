"""Who may act for what in the fairs: the one check that a signed-in person acts for an exhibitor.

Each part of the app keeps its rules in its own block."""

from .models import Application

# ---- Visits ----------------------------------------------------------------------------------


def accepted_application_of(user, pk):
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
