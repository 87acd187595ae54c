"""One rule for a members-only event (events.access): page, API, feeds, search and the minutes."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from events.access import MINUTES_COLLECTION, public_view_of
from events.calendars.ical import event_item
from events.checkin.tests.factories import staff_user
from events.registration.tests.factories import TicketTypeFactory, make_teacher
from events.tests.factories import EventIndexPageFactory, EventPageFactory
from events.wzk.access import can_see_member_details
from events.wzk.tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.org/wzk-tajne"
AGENDA = "Porządek obrad: budżet Edubusa"


@pytest.fixture
def meeting(demo_site):
    index = EventIndexPageFactory(parent=demo_site, slug="wydarzenia", title="Wydarzenia")
    document = get_document_model().objects.create(
        title="Protokół z posiedzenia", file=ContentFile(b"%PDF-1.4 protokol", name="protokol.pdf")
    )
    event = EventPageFactory(
        parent=index,
        kind="meeting",
        title="Posiedzenie WZK",
        members_only=True,
        lead=AGENDA,
        online_url=LINK,
        minutes=document,
    )
    TicketTypeFactory(event=event, invitation_required=True)
    return event


def member_of(event, email="czlonek@example.org"):
    """A signed-in account of a WZK member whose term covers the meeting's day."""
    user = get_user_model().objects.create_user(username=email, email=email, password="haslo-testowe-123")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    MemberFactory(user=user, email=email, term_from=event.starts_at.date() - datetime.timedelta(days=30))
    return user


def test_the_public_page_hides_link_agenda_and_minutes_and_a_member_sees_them(client, meeting):
    anonymous = client.get(meeting.url).content.decode()
    client.force_login(make_teacher("inna@example.org"))
    other = client.get(meeting.url).content.decode()
    client.force_login(member_of(meeting))
    member = client.get(meeting.url).content.decode()

    for html in (anonymous, other):
        assert LINK not in html
        assert AGENDA not in html
        assert "/documents/" not in html
        assert "/protokoly/" not in html
        assert "Porządek obrad, link do spotkania online i protokół widzą zalogowani członkowie." in html
    assert LINK in member
    assert AGENDA in member
    assert f'href="/protokoly/{meeting.pk}/"' in member


def test_minutes_download_only_for_members(client, meeting):
    url = f"/protokoly/{meeting.pk}/"
    document = meeting.minutes

    anonymous = client.get(url)
    wagtail_url = client.get(document.url)
    client.force_login(make_teacher("inna@example.org"))
    other = client.get(url)
    other_wagtail_url = client.get(document.url)
    client.force_login(member_of(meeting))
    member = client.get(url)

    assert (anonymous.status_code, anonymous["Location"].split("?")[0]) == (302, "/accounts/login/")
    assert wagtail_url.status_code == 302  # the private collection asks to log in
    assert other.status_code == 404
    assert other_wagtail_url.status_code == 302  # not in the Staff group: asked to log in as someone else
    assert member.status_code == 200
    assert member["Cache-Control"] == "private, no-store"
    assert member["Content-Disposition"] == 'attachment; filename="protokol.pdf"'
    assert b"".join(member.streaming_content) == b"%PDF-1.4 protokol"
    document.refresh_from_db()
    assert document.collection.name == MINUTES_COLLECTION


def test_staff_are_members_of_every_meeting(meeting):
    assert can_see_member_details(staff_user(), meeting)


def test_the_api_never_gives_a_members_only_link_not_even_to_members(client, meeting):
    anonymous = client.get(f"/api/v1/events/{meeting.pk}").json()
    listed = {row["id"]: row for row in client.get("/api/v1/events").json()}[meeting.pk]
    client.force_login(member_of(meeting))
    member = client.get(f"/api/v1/events/{meeting.pk}").json()

    assert (anonymous["online_url"], listed["online_url"], member["online_url"]) == ("", "", "")


def test_feeds_and_search_use_the_public_view(client, meeting):
    item = event_item(meeting)
    found = client.get("/szukaj/", {"q": "budżet Edubusa"}).content.decode()

    assert (item.description, public_view_of(meeting).online_url) == ("", "")
    assert LINK not in repr(item)
    assert "Posiedzenie WZK" not in found


def test_a_public_meeting_shows_everything_to_everyone(client, demo_site):
    index = EventIndexPageFactory(parent=demo_site, slug="wydarzenia", title="Wydarzenia")
    document = get_document_model().objects.create(
        title="Protokół jawny", file=ContentFile(b"%PDF-1.4 jawny", name="jawny.pdf")
    )
    event = EventPageFactory(parent=index, kind="meeting", lead=AGENDA, online_url=LINK, minutes=document)

    html = client.get(event.url).content.decode()
    download = client.get(f"/protokoly/{event.pk}/")

    assert LINK in html and AGENDA in html
    assert download.status_code == 200
    document.refresh_from_db()
    assert document.collection.name != MINUTES_COLLECTION
