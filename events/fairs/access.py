"""Who may act for an exhibitor: the people of the institution (``ExhibitorMember``) with the
Exhibitor role. Nothing of an exhibitor is shown to another exhibitor's people (404)."""

from .models import EXHIBITOR, ExhibitorMember

# ---- Applications ----


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
