from collections import Counter

import pytest
from django.utils import translation

from contests.jury import services
from contests.jury.models import Assignment
from contests.jury.tests.factories import (
    EntryFactory,
    JurorFactory,
    JurorProfileFactory,
    RoundFactory,
    SchoolFactory,
    make_contest,
)
from contests.models import Entry

pytestmark = pytest.mark.django_db


def contest_with_entries(count, **kwargs):
    contest = make_contest(**kwargs)
    entries = [EntryFactory(contest=contest) for _ in range(count)]
    return contest, entries


def test_every_juror_gets_every_accepted_entry_of_the_category():
    contest, entries = contest_with_entries(3, categories=("SP", "LO"))
    other_category = contest.categories.get(name="LO")
    EntryFactory(contest=contest, category=other_category)
    EntryFactory(contest=contest, status=Entry.Status.SUBMITTED)  # not formally accepted
    round = RoundFactory(contest=contest)
    jurors = [JurorFactory() for _ in range(2)]

    report = services.assign_jurors(round=round, jurors=jurors, category=contest.categories.get(name="SP"))

    assert report.created == 6
    assert set(Assignment.objects.values_list("juror_id", "entry_id")) == {
        (juror.pk, entry.pk) for juror in jurors for entry in entries
    }


def test_balanced_assignment_gives_n_jurors_per_entry_and_an_even_load():
    contest, _entries = contest_with_entries(7)
    round = RoundFactory(contest=contest)
    jurors = [JurorFactory() for _ in range(5)]

    services.assign_jurors(round=round, jurors=jurors, per_entry=3)

    per_entry = Counter(Assignment.objects.values_list("entry_id", flat=True))
    per_juror = Counter(Assignment.objects.values_list("juror_id", flat=True))
    assert set(per_entry.values()) == {3}
    assert sorted(per_juror.values()) == [4, 4, 4, 4, 5]  # 21 sheets over 5 jurors


def test_conflicts_of_school_and_municipality_are_never_assigned():
    contest = make_contest()
    own_school = SchoolFactory(municipality="Brzeg")
    same_town = SchoolFactory(municipality="  brzeg ")
    elsewhere = SchoolFactory(municipality="Nysa")
    own_entry = EntryFactory(contest=contest, school=own_school)
    town_entry = EntryFactory(contest=contest, school=same_town)
    free_entry = EntryFactory(contest=contest, school=elsewhere)
    conflicted = JurorProfileFactory(school=own_school, municipality="Brzeg").user
    round = RoundFactory(contest=contest)

    with translation.override("en"):
        report = services.assign_jurors(round=round, jurors=[conflicted])

    assert list(Assignment.objects.values_list("entry_id", flat=True)) == [free_entry.pk]
    assert {(entry.pk, reason) for _juror, entry, reason in report.conflicts} == {
        (own_entry.pk, "the juror's own school"),
        (town_entry.pk, "the juror's municipality"),
    }


def test_balanced_assignment_skips_conflicts_and_reports_entries_left_short():
    contest = make_contest()
    school = SchoolFactory()
    entry = EntryFactory(contest=contest, school=school)
    round = RoundFactory(contest=contest)
    free = [JurorFactory(), JurorFactory()]
    conflicted = JurorProfileFactory(school=school).user

    report = services.assign_jurors(round=round, jurors=[conflicted, *free], per_entry=3)

    assert set(Assignment.objects.values_list("juror_id", flat=True)) == {j.pk for j in free}
    assert report.short == [entry]


def test_rerunning_after_a_recusal_tops_up_with_another_juror():
    contest, (entry,) = contest_with_entries(1)
    round = RoundFactory(contest=contest)
    jurors = [JurorFactory() for _ in range(3)]
    services.assign_jurors(round=round, jurors=jurors, per_entry=2)
    first = Assignment.objects.filter(entry=entry).order_by("juror_id").first()

    services.recuse(assignment=first, reason="Znam autorów filmu")
    report = services.assign_jurors(round=round, jurors=jurors, per_entry=2)

    assert report.created == 1
    assert Assignment.objects.filter(entry=entry, recused=False).count() == 2
    assert Assignment.objects.get(pk=first.pk).recusal_reason == "Znam autorów filmu"


def test_recusal_needs_a_reason():
    contest, _entries = contest_with_entries(1)
    round = RoundFactory(contest=contest)
    services.assign_jurors(round=round, jurors=[JurorFactory()])
    with pytest.raises(services.JuryError):
        services.recuse(assignment=Assignment.objects.get(), reason="  ")
