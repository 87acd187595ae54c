"""The WZK journey in a browser: a member answers the invitation and sees the online link; an
anonymous visitor of the event page sees neither the link nor the documents for members."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from events.tests.factories import EventIndexPageFactory, EventPageFactory
from events.wzk.models import MeetingDocument
from events.wzk.services import keep_documents_private
from events.wzk.tests.factories import InvitationFactory, MeetingFactory
from tests.a11y import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LINK = "https://meet.example.org/wzk-tajne"


@pytest.fixture
def invitation(demo_site):
    index = EventIndexPageFactory(parent=demo_site)
    event = EventPageFactory(
        parent=index, kind="meeting", members_only=True, online_url=LINK, slug="posiedzenie-wzk-test"
    )
    meeting = MeetingFactory(event=event)
    document = get_document_model().objects.create(
        title="Materiały dla członków", file=ContentFile(b"tajne", name="materialy.txt")
    )
    MeetingDocument.objects.create(meeting=meeting, document=document)
    keep_documents_private(meeting=meeting)
    return InvitationFactory(meeting=meeting)


def test_a_member_answers_yes_and_sees_the_online_link(page, invitation):
    page.goto(f"/wzk/zaproszenie/{invitation.token}/")
    assert_no_axe_violations(page)

    page.get_by_label("Wezmę udział", exact=True).check()
    page.get_by_role("button", name="Zapisz odpowiedź").click()

    assert page.locator(".wzk-answer").inner_text() == "weźmie udział"
    assert page.get_by_role("link", name=LINK).is_visible()
    assert page.get_by_role("link", name="Materiały dla członków").is_visible()
    assert page.get_by_role("link", name="Bilet z kodem QR do wejścia").is_visible()


def test_an_anonymous_visitor_sees_neither_the_link_nor_the_documents(page, invitation):
    page.goto(invitation.meeting.event.url)

    html = page.content()
    assert page.get_by_role("heading", level=1).inner_text() == invitation.meeting.event.title
    assert LINK not in html
    assert "Materiały dla członków" not in html
    assert "/dokumenty/" not in html
