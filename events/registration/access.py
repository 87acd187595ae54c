"""Who is a member of a members-only event (``events.access`` says what members see).

Today: a signed-in user who holds a registration for that event (a registration needs the event's
invitation code), by account (a teacher's registration) or by a verified e-mail address of the
account; and staff. The holder of a registration's ticket or mailed link is a member too (the
ticket page, its PDF and the mails show the details). A later issue builds the member roster; it
changes ``is_member`` only.
"""

from allauth.account.models import EmailAddress

from cms.accounts import roles
from events.access import view_of

from .models import Registration


def is_member(user, event):
    """Whether ``user`` is a member for ``event`` (see the module's rule)."""
    if user is None or not user.is_authenticated:
        return False
    if roles.has_role(user, roles.STAFF) or user.is_staff:
        return True
    emails = list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))
    registrations = Registration.objects.filter(event_id=event.pk).exclude(
        status=Registration.Status.CANCELLED
    )
    if registrations.filter(teacher=user).exists():
        return True
    return any(registrations.filter(email__iexact=email).exists() for email in emails)


def can_see_member_details(user, event):
    return not event.members_only or is_member(user, event)


def view_for(user, event):
    """The event as ``user`` (anonymous, or signed in) may see it."""
    return view_of(event, member=can_see_member_details(user, event))
