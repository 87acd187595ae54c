from django import template

from cms.accounts import roles

from .. import queries

register = template.Library()


@register.inclusion_tag("registration/includes/event_registration.html", takes_context=True)
def event_registration(context, event):
    """The registration call-to-action of an event page: window, places, links to the forms.

    Places are read only while the window is open: otherwise the page shows the window alone.
    """
    window = queries.window_state(event)
    request = context.get("request")
    user = getattr(request, "user", None)
    if event.members_only:
        # Members-only events take no public registrations: the organiser invites each person with
        # a personal link (a WZK meeting's invitations), and the answer holds their ticket.
        return {
            "event": event,
            "state": "members_only" if window != "none" or event.kind == "meeting" else "none",
            "window": window,
            "is_authenticated": user is not None and user.is_authenticated,
            "login_next": getattr(request, "path", ""),
        }
    ticket_types = []
    if window == "open":
        ticket_types = queries.with_available(
            queries.ticket_types_with_availability([event.pk], with_sessions=False)
        )
    return {
        "event": event,
        "state": queries.registration_status(event, ticket_types),
        "window": window,
        "individual": [tt for tt in ticket_types if not tt.is_group],
        "groups": [tt for tt in ticket_types if tt.is_group],
        "is_teacher": user is not None and roles.has_role(user, roles.SCHOOL_COORDINATOR),
        "is_authenticated": user is not None and user.is_authenticated,
    }
