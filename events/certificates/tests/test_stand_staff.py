"""A fair's stand staff (passes: registrations of the "exhibitor" ticket type) work at the fair:
they get no certificate of attendance, checked in or not."""

import pytest

from events.certificates import services
from events.certificates.models import Certificate
from events.registration.models import TicketType

from .factories import CertificateSettingsFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://edufest.example.org"


def test_checked_in_stand_staff_get_no_certificate_and_the_visitors_do():
    event = CertificateSettingsFactory().event
    visitor = person(event, name="Anna Zwiedzająca")
    person(
        event,
        name="Jan Obsługa-Stoiska",
        ticket_type__kind=TicketType.Kind.EXHIBITOR,
        ticket_type__is_active=False,
        ticket_type__invitation_required=True,
    )

    assert services.issue_certificates(event=event) == 1
    assert services.issue_certificates(event=event) == 0
    assert list(Certificate.objects.values_list("registration", "holder_name")) == [
        (visitor.pk, "Anna Zwiedzająca")
    ]
