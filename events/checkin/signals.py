"""Signal receivers of check-in: a published event that takes registrations has a list to scan.

Without it, staff who have just published an event found an empty scanner page and had to create
a list in the admin first. The list is the event's unrestricted "Entrance" list
(``services.default_list_for``, the one a scan without a list also uses); staff add day, session
and zone lists beside it as before.
"""

from wagtail.signals import page_published

from events.models import EventPage

from . import services


def open_entrance_list(sender, instance, **kwargs):
    if instance.registration_enabled:
        services.default_list_for(instance)


def connect():
    page_published.connect(open_entrance_list, sender=EventPage, dispatch_uid="checkin_entrance_list")
