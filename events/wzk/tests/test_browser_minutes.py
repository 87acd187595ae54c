"""The invitee's presence and comments pages and the published minutes pass axe's WCAG 2.1 AA
rules; the online confirmation works in the browser."""

import datetime

import pytest
from django.utils import timezone

from events.tests.factories import EventPageFactory
from events.wzk import services
from events.wzk.models import Invitation, Meeting, Minutes
from events.wzk.tests.factories import InvitationFactory, MeetingFactory
from tests.a11y import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_invitee_confirms_presence_and_comments_and_anyone_reads_public_minutes(page, demo_site):
    starts = timezone.now() - datetime.timedelta(minutes=5)
    event = EventPageFactory(
        kind="meeting", members_only=True, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2)
    )
    meeting = MeetingFactory(event=event, mode=Meeting.Mode.ONLINE)
    invitation = InvitationFactory(meeting=meeting)
    minutes = services.draft_minutes(meeting=meeting)
    services.send_minutes_for_comments(
        minutes=minutes, comments_until=timezone.now() + datetime.timedelta(days=3)
    )

    page.goto(f"/wzk/zaproszenie/{invitation.token}/obecnosc/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Jestem obecny/obecna").click()
    page.locator("[data-present]").wait_for()
    assert Invitation.objects.get(pk=invitation.pk).present_online_at is not None

    page.goto(f"/wzk/zaproszenie/{invitation.token}/protokol/")
    assert_no_axe_violations(page)
    page.get_by_label("Twoja uwaga").fill("Proszę uzupełnić wnioski.")
    page.get_by_role("button", name="Wyślij uwagę").click()
    page.get_by_text("Dziękujemy: uwaga trafiła do biura koordynacji.").wait_for()
    assert list(minutes.comments.values_list("text", flat=True)) == ["Proszę uzupełnić wnioski."]

    services.resolve_minutes_comment(comment=minutes.comments.get())
    services.approve_minutes(minutes=minutes, by=None)
    services.publish_minutes(minutes=minutes, visibility=Minutes.Visibility.PUBLIC)
    page.goto(f"/wzk/protokoly/{minutes.pk}/")
    assert_no_axe_violations(page)
    assert "kworum" in page.locator("[data-quorum]").inner_text()
