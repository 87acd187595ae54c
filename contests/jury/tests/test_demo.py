import pytest

from contests.jury import demo
from contests.jury.models import Assignment, Criterion, JurorProfile, Round
from contests.jury.tests.factories import EntryFactory, make_contest

pytestmark = pytest.mark.django_db


def test_demo_jury_is_created_once_for_the_demo_contest():
    contest = make_contest(slug=demo.CONTEST_SLUG)
    EntryFactory(contest=contest)

    demo.seed()
    demo.seed()

    round = Round.objects.get()
    assert round.contest_id == contest.pk
    assert list(Criterion.objects.filter(round=round).values_list("name", flat=True)) == [
        "Pomysł i przekaz",
        "Realizacja",
        "Zgodność z regulaminem",
    ]
    assert sorted(JurorProfile.objects.values_list("user__email", flat=True)) == [
        "katarzyna.wroblewska@example.org",
        "tomasz.malinowski@example.org",
    ]
    assert Assignment.objects.count() == 2


def test_demo_jury_is_skipped_without_the_demo_contest():
    assert demo.seed() is None
    assert not Round.objects.exists()
