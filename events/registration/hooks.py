"""Hook names the registration app defines and the apps built on it fill (Wagtail hooks)."""

#: Links on the ticket page for staff, e.g. the check-in app's "regenerate this ticket":
#: ``fn(request, ticket)`` returns a list of ``(url, label)``, empty for users who may not follow them.
TICKET_STAFF_LINKS = "registration_ticket_staff_links"
