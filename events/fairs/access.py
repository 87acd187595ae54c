"""Who may act for what in the fairs: the one place that says which exhibitor's people reach
which application. Each part of the app keeps its rules in its own block."""

from .models import Application

# ---- Stands ----


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
