"""Reads of the fairs: each part of the app keeps its reads in its own block."""

from django.utils.translation import gettext as _

from .models import ExhibitorPass

# ---- Passes ----


def active_passes(application):
    """The application's passes whose registration is not cancelled, by name, with their tickets."""
    return list(
        ExhibitorPass.objects.filter(application=application)
        .exclude(registration__status="cancelled")
        .select_related("registration__ticket")
        .order_by("name", "pk")
    )


def pass_of(application, pass_id):
    """One active pass of the application, or None."""
    return (
        ExhibitorPass.objects.filter(application=application, pk=pass_id)
        .exclude(registration__status="cancelled")
        .select_related("registration__ticket")
        .first()
    )


def pass_for_mail(pass_id):
    """A pass with everything its mail and PDF show (fair, institution, stand, ticket)."""
    return (
        ExhibitorPass.objects.filter(pk=pass_id)
        .select_related(
            "registration__ticket",
            "application__call__event",
            "application__exhibitor",
            "application__stand__zone",
        )
        .first()
    )


def stand_line(application):
    """E.g. "Strefa 1. Uczelnie, stoisko 12"; "not assigned yet" while no stand is assigned."""
    stand = application.stand
    if stand is None:
        return _("not assigned yet")
    parts = []
    if stand.zone_id:
        parts.append(str(stand.zone))
    if stand.number:
        parts.append(_("stand %(number)s") % {"number": stand.number})
    return ", ".join(parts) or stand.institution
