"""axe-core (WCAG 2.1 A/AA) on the public page of recommendations, in Polish and English."""

import pytest
from django.core.cache import cache

from cms import demo
from cms.tests.factories import restore_base_data
from events.wzk.tests.factories import MeetingFactory, PartnerMorningFactory, RecommendationFactory
from tests.a11y import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_public_recommendations_page_has_no_axe_violations(page, transactional_db):
    restore_base_data()
    cache.clear()
    demo.seed(stdout=None)
    meeting = MeetingFactory()
    RecommendationFactory(
        number="R/2026/1",
        title="Praktyki w branży IT",
        source_morning=PartnerMorningFactory(topic="Kompetencje IT"),
        status="answered",
        adopted_at=meeting,
        sent_on=meeting.event.starts_at.date(),
        answered_on=meeting.event.starts_at.date(),
        board_answer="Zarząd przeznaczy środki.",
        is_public=True,
    )
    failures = []
    for path in ("/wzk/rekomendacje/", "/en/wzk/rekomendacje/"):
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path}: " + ", ".join(v["id"] for v in violations))
    page.goto("/wzk/rekomendacje/")

    assert failures == []
    assert page.get_by_role("heading", level=2).first.inner_text() == "R/2026/1 Praktyki w branży IT"
