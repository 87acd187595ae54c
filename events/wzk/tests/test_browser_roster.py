"""In Chromium: an invited member sets the password from the e-mail link, lands on their area, and
both pages pass axe."""

import re

import pytest
from django.core import mail

from events.wzk import services
from tests.a11y import assert_no_axe_violations

from .factories import InvitationFactory, MemberFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_invited_member_sets_a_password_and_sees_their_area(page, demo_site):
    member = MemberFactory(first_name="Joanna", last_name="Przybylska", email="joanna@example.org")
    invitation = InvitationFactory(member=member)
    services.invite_member(member=member)
    link = re.search(r"https?://\S+/wzk/haslo/\S+/", mail.outbox[-1].body).group(0)

    page.goto("/" + link.split("://", 1)[1].split("/", 1)[1])
    assert page.get_by_role("heading", name="Ustaw hasło", level=1).is_visible()
    assert_no_axe_violations(page)
    page.get_by_label(re.compile(r"^Hasło:?$")).fill("Kadencja-2026-wzk")
    page.get_by_label(re.compile(r"^Hasło \(ponownie\)")).fill("Kadencja-2026-wzk")
    page.get_by_role("button", name="Ustaw hasło i zaloguj się").click()
    page.wait_for_url("**/wzk/moje/")

    assert page.get_by_role("heading", name="Moje WZK", level=1).is_visible()
    assert page.get_by_role("link", name=str(invitation.meeting)).get_attribute("href") == (
        f"/wzk/zaproszenie/{invitation.token}/"
    )
    assert_no_axe_violations(page)
