import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cms.tests.factories import StaffFactory
from contests.jury import queries, services
from contests.jury.models import ExternalFigure, PublicVote, Result, Round, VoteWindow
from contests.jury.scoring import round2
from contests.jury.tests.factories import (
    AssignmentFactory,
    CriterionFactory,
    EntryFactory,
    JurorFactory,
    RoundFactory,
    make_contest,
    submit_sheet,
)
from contests.models import Entry

pytestmark = pytest.mark.django_db


def judged_round(kind=Round.Kind.FINAL, **round_fields):
    """Three entries, two jurors; criteria weights 2 and 1 on 0-10.

    anna:   A (8, 4) → 66.67   B (6, 6) → 60.00   C (10, 10) → 100.00
    bartek: A (5, 8) → 60.00   B (7, 5) → 63.33   C (4, 4) → 40.00
    mean:   A 63.33            B 61.67            C 70.00
    """
    contest = make_contest(results_published_at=timezone.now() - datetime.timedelta(hours=1))
    round = RoundFactory(contest=contest, kind=kind, **round_fields)
    CriterionFactory(round=round, name="Pomysł", weight=Decimal(2))
    CriterionFactory(round=round, name="Realizacja", weight=Decimal(1))
    anna, bartek = JurorFactory(first_name="Anna"), JurorFactory(first_name="Bartek")
    entries = {name: EntryFactory(contest=contest, title=f"Film {name}") for name in "ABC"}
    sheets = {
        anna: {"A": (8, 4), "B": (6, 6), "C": (10, 10)},
        bartek: {"A": (5, 8), "B": (7, 5), "C": (4, 4)},
    }
    for juror, by_entry in sheets.items():
        for name, values in by_entry.items():
            submit_sheet(AssignmentFactory(round=round, juror=juror, entry=entries[name]), values)
    return round, entries


def summary(round):
    table = queries.round_results(round)
    return [(row.entry.title, round2(row.final), row.rank, row.tied) for row in table.categories[0].rows]


def test_results_aggregate_weighted_totals_by_mean():
    round, _entries = judged_round()
    assert summary(round) == [
        ("Film C", Decimal("70.00"), 1, False),
        ("Film A", Decimal("63.33"), 2, False),
        ("Film B", Decimal("61.67"), 3, False),
    ]


def test_results_with_per_juror_normalisation():
    round, _entries = judged_round(normalise=True)
    # all six totals: M = 65, S = sqrt(1905.56 / 6) = 17.821
    # anna: mean 75.56, sd 17.50 → A 55.95, B 49.16, C 89.90
    # bartek: mean 54.44, sd 10.30 → A 74.61, B 80.37, C 40.02
    assert summary(round) == [
        ("Film A", Decimal("65.28"), 1, False),
        ("Film C", Decimal("64.96"), 2, False),
        ("Film B", Decimal("64.77"), 3, False),
    ]


def test_equal_results_share_a_place():
    round, entries = judged_round(aggregation="median")
    ExternalFigure.objects.create(round=round, entry=entries["A"], value=1)
    round.jury_weight, round.external_weight, round.composite_mode = 0, 1, "points"
    round.save()
    # external: A 1, B 0, C 0 → points A 3; B and C share place 2 and its 2 points
    assert summary(round) == [
        ("Film A", Decimal("3.00"), 1, False),
        ("Film B", Decimal("2.00"), 2, True),
        ("Film C", Decimal("2.00"), 2, True),
    ]


def test_composite_mixes_jury_public_vote_and_external_figure():
    round, entries = judged_round(jury_weight=50, public_weight=30, external_weight=20)
    for index, email in enumerate(["a@example.org", "b@example.org", "c@example.org"]):
        PublicVote.objects.create(
            category=entries["B"].category,
            entry=entries["B"] if index else entries["A"],
            email=email,
            confirmed_at=timezone.now(),
        )
    PublicVote.objects.create(category=entries["B"].category, entry=entries["C"], email="x@example.org")
    ExternalFigure.objects.create(round=round, entry=entries["A"], value=Decimal(10))
    ExternalFigure.objects.create(round=round, entry=entries["C"], value=Decimal(5))
    # raw, scaled to the best: jury A 90.48 B 88.10 C 100; votes (confirmed only) A 50 B 100 C 0;
    # external A 100 B 0 C 50 → A 45.24+15+20 = 80.24, B 44.05+30 = 74.05, C 50+10 = 60.00
    assert summary(round) == [
        ("Film A", Decimal("80.24"), 1, False),
        ("Film B", Decimal("74.05"), 2, False),
        ("Film C", Decimal("60.00"), 3, False),
    ]


def test_approving_a_final_round_freezes_places_and_marks_laureates():
    round, entries = judged_round(laureate_places=2)
    staff = StaffFactory()

    services.approve_results(round=round, user=staff)

    assert sorted(Result.objects.values_list("entry__title", "rank", "passed")) == [
        ("Film A", 2, True),
        ("Film B", 3, False),
        ("Film C", 1, True),
    ]
    assert Entry.objects.get(pk=entries["C"].pk).status == Entry.Status.AWARDED
    assert Entry.objects.get(pk=entries["B"].pk).status == Entry.Status.NOT_AWARDED


def test_the_next_round_takes_only_entries_that_passed():
    round, entries = judged_round(kind=Round.Kind.SCORING, advance_count=2)
    services.approve_results(round=round, user=StaffFactory())
    final = RoundFactory(contest=round.contest, order=2, kind=Round.Kind.FINAL, intake=Round.Intake.PASSED)
    assert set(queries.round_entries(final)) == {entries["A"], entries["C"]}


def test_staff_see_results_and_download_xlsx_and_the_jury_report(client):
    round, _entries = judged_round()
    client.force_login(StaffFactory())

    page = client.get(reverse("jury_admin:round", args=[round.pk]))
    assert page.status_code == 200
    assert "70,00" in page.content.decode() or "70.00" in page.content.decode()

    xlsx = client.get(reverse("jury_admin:xlsx", args=[round.pk]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [(row[1], row[3], row[8]) for row in rows] == [
        (1, "Film C", 70.0),
        (2, "Film A", 63.33),
        (3, "Film B", 61.67),
    ]

    report = client.get(reverse("jury_admin:report", args=[round.pk])).content.decode()
    assert "Film C" in report
    pdf = client.get(reverse("jury_admin:report_pdf", args=[round.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_staff_approve_from_the_admin(client):
    round, _entries = judged_round()
    client.force_login(StaffFactory())
    client.post(reverse("jury_admin:round", args=[round.pk]), {"action": "approve"})
    assert Round.objects.get(pk=round.pk).is_approved


def test_jurors_cannot_open_the_staff_results(client):
    round, _entries = judged_round()
    client.force_login(JurorFactory())
    assert client.get(reverse("jury_admin:round", args=[round.pk])).status_code in (302, 403)


def test_staff_run_balanced_assignment_from_the_admin(client):
    contest = make_contest()
    round = RoundFactory(contest=contest)
    EntryFactory(contest=contest)
    jurors = [JurorFactory(), JurorFactory()]
    client.force_login(StaffFactory())
    client.post(
        reverse("jury_admin:round", args=[round.pk]),
        {"action": "assign", "jurors": [j.pk for j in jurors], "per_entry": "1"},
    )
    assert round.assignments.count() == 1


def published_contest_with_laureate(published_at, approve=True):
    round, entries = judged_round(laureate_places=1)
    round.contest.results_published_at = published_at
    round.contest.save()
    if approve:
        services.approve_results(round=round, user=StaffFactory())
    return round, entries


def test_results_page_is_hidden_before_the_gala(client):
    round, _entries = published_contest_with_laureate(timezone.now() + datetime.timedelta(hours=2))
    assert client.get(reverse("jury:results", args=[round.contest.slug])).status_code == 404


def test_results_page_is_hidden_without_approval(client):
    round, _entries = published_contest_with_laureate(
        timezone.now() - datetime.timedelta(hours=2), approve=False
    )
    assert client.get(reverse("jury:results", args=[round.contest.slug])).status_code == 404


def test_results_page_shows_the_laureates_after_the_gala(client):
    round, _entries = published_contest_with_laureate(timezone.now() - datetime.timedelta(minutes=1))
    html = client.get(reverse("jury:results", args=[round.contest.slug])).content.decode()
    assert "Film C" in html
    assert "Film A" not in html


def test_public_votes_do_not_count_in_results_while_voting_runs():
    round, entries = judged_round(jury_weight=0, public_weight=1)
    round.contest.public_vote = True
    round.contest.save()
    window = VoteWindow.objects.create(
        contest=round.contest,
        opens_at=timezone.now() - datetime.timedelta(days=1),
        closes_at=timezone.now() + datetime.timedelta(hours=1),
    )
    PublicVote.objects.create(
        category=entries["B"].category, entry=entries["B"], email="a@example.org", confirmed_at=timezone.now()
    )
    round = Round.objects.get(pk=round.pk)
    assert [row.public for row in queries.round_results(round).categories[0].rows] == [0, 0, 0]

    window.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    window.save()
    round = Round.objects.get(pk=round.pk)
    assert summary(round)[0] == ("Film B", Decimal("100.00"), 1, False)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def add_judged_entry(round, jurors, title):
    entry = EntryFactory(contest=round.contest, title=title)
    for juror in jurors:
        submit_sheet(AssignmentFactory(round=round, juror=juror, entry=entry), (5, 5))
    return entry


def test_staff_results_and_public_results_have_a_constant_query_count(client):
    round, _entries = published_contest_with_laureate(timezone.now() - datetime.timedelta(minutes=1))
    round.laureate_places = 10
    round.save()
    jurors = list({a.juror for a in round.assignments.all()})
    client.force_login(StaffFactory())
    staff_url = reverse("jury_admin:round", args=[round.pk])
    public_url = reverse("jury:results", args=[round.contest.slug])
    services.approve_results(round=round, user=StaffFactory())
    count_queries(client, staff_url)  # warm the session and the site caches
    count_queries(client, public_url)
    small = (count_queries(client, staff_url), count_queries(client, public_url))

    for index in range(3):
        add_judged_entry(round, jurors, f"Dodatkowy {index}")
    services.approve_results(round=round, user=StaffFactory())

    assert (count_queries(client, staff_url), count_queries(client, public_url)) == small
