"""The one members-only rule: who is a member for a members-only event (``events.access`` says
what a member and anyone else see).

A member for an event is, on the day the event starts:

- staff;
- a signed-in person whose account holds a WZK appointment (``Member.user``) whose term covers
  that day — so a former member still sees the meetings of their own term, and none after it;
- a signed-in guest invited to that meeting, by a verified e-mail address of their account.

The holder of an invitation's personal link sees the meeting it is for (``view_for_invitation``)
without signing in, until the meeting has ended. Used by the event page, the minutes and member
documents, the member area, the private calendar feed and the JSON API (which never shows member
details); the search index and the public feeds use ``events.access.public_view_of``.
"""

from allauth.account.models import EmailAddress
from django.db.models import Q
from django.utils import timezone

from cms.accounts.auth import is_staff_member
from events.access import view_of

from .models import Invitation, Member


def _event_day(event):
    return timezone.localtime(event.starts_at).date()


def current_members_on(day):
    return Member.objects.filter(term_from__lte=day).filter(Q(term_to__isnull=True) | Q(term_to__gte=day))


def is_member(user, event):
    """Whether ``user`` is a member for ``event`` (see the module's rule)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if is_staff_member(user) or user.is_staff:
        return True
    if current_members_on(_event_day(event)).filter(user=user).exists():
        return True
    emails = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return Invitation.objects.filter(
        meeting__event_id=event.pk, member__isnull=True, guest_email__in=list(emails)
    ).exists()


def can_see_member_details(user, event):
    return not event.members_only or is_member(user, event)


def view_for(user, event):
    """The event as ``user`` (anonymous, or signed in) may see it."""
    return view_of(event, member=can_see_member_details(user, event))


def invitation_is_open(invitation):
    """A personal link works until the meeting has ended."""
    return timezone.now() < invitation.meeting.event.ends_at


def view_for_invitation(invitation):
    """The meeting as the holder of the personal link sees it: all member details while it is open."""
    return view_of(invitation.meeting.event, member=invitation_is_open(invitation))
