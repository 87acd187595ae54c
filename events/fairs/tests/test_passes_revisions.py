"""A fair page's revision saved before the first pass was named does not list the exhibitor ticket
type; publishing it keeps the type and its passes (registrations protect it)."""

import pytest

from events.fairs import services
from events.fairs.tests.test_passes import accepted
from events.registration.models import Registration, TicketType

pytestmark = pytest.mark.django_db


def test_publishing_a_revision_older_than_the_passes_keeps_the_exhibitor_ticket_type():
    application = accepted()
    fair = application.call.event
    revision = fair.save_revision()
    exhibitor_pass = services.name_pass(application=application, name="Jan Kowalski")

    revision.publish()

    assert TicketType.objects.filter(event=fair, kind="exhibitor").count() == 1
    assert Registration.objects.get(pk=exhibitor_pass.registration_id).status == "confirmed"
