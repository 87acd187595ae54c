"""Recording counts (idempotent, never below 0), the counter page without JavaScript, the API, the
staff view with its correction and exports, and the reach rows with no double counting."""

import datetime
import io
import uuid

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms.reach.figures import collect_rows, summarise
from cms.tests.factories import TeacherFactory
from events.checkin.services import check_in
from events.checkin.tests.factories import CheckInListFactory, EventPageFactory, group_ticket, staff_user
from events.counting import queries, reach
from events.counting.models import Category, HeadCount
from events.counting.services import CountError, record_count
from events.edubus.tests.factories import StopFactory, StopReportFactory
from events.models import EventKind
from events.tests.factories import ZoneFactory

from .factories import HeadCountFactory, counter_user

pytestmark = pytest.mark.django_db
WARSAW = queries.WARSAW


def test_a_batch_sent_twice_is_counted_once():
    event = EventPageFactory()
    batch = uuid.uuid4()

    first = record_count(client_id=batch, category=Category.PUPILS, delta=10, recorded_by=None, event=event)
    again = record_count(client_id=batch, category=Category.PUPILS, delta=10, recorded_by=None, event=event)

    assert (first.created, again.created) == (True, False)
    assert (first.bucket, again.bucket) == (10, 10)
    assert HeadCount.objects.count() == 1


def test_a_correction_never_takes_a_bucket_below_zero():
    event = EventPageFactory()
    hour = datetime.datetime(2026, 12, 1, 10, 20, tzinfo=WARSAW)
    record_count(client_id=uuid.uuid4(), category="adults", delta=2, recorded_by=None, event=event, hour=hour)

    taken = record_count(
        client_id=uuid.uuid4(), category="adults", delta=-5, recorded_by=None, event=event, hour=hour
    )
    other = record_count(
        client_id=uuid.uuid4(), category="pupils", delta=-1, recorded_by=None, event=event, hour=hour
    )

    assert (taken.count.delta, taken.bucket) == (-2, 0)
    assert (other.count.delta, other.bucket) == (0, 0)
    assert taken.count.hour == datetime.datetime(2026, 12, 1, 10, tzinfo=WARSAW)


def test_a_zone_of_another_event_is_refused():
    zone = ZoneFactory()
    with pytest.raises(CountError) as refused:
        record_count(
            client_id=uuid.uuid4(),
            category="pupils",
            delta=1,
            recorded_by=None,
            event=EventPageFactory(),
            zone=zone,
        )
    assert refused.value.field == "zone"


def test_the_counter_page_without_javascript_posts_a_count(client):
    client.force_login(counter_user())
    zone = ZoneFactory()
    url = f"/licznik/?event={zone.page.pk}&zone={zone.pk}"
    page = client.get(url)
    assert page.status_code == 200
    client_id = page.context["form"]["client_id"].initial

    data = {
        "event": zone.page.pk,
        "zone": zone.pk,
        "category": "teachers",
        "delta": "10",
        "client_id": client_id,
    }
    response = client.post("/licznik/", data)
    client.post("/licznik/", data)  # the same form posted twice (a double tap) counts once

    assert response.status_code == 302
    assert response["Location"] == f"/licznik/?event={zone.page.pk}&zone={zone.pk}&category=teachers"
    assert list(HeadCount.objects.values_list("zone", "category", "delta")) == [(zone.pk, "teachers", 10)]
    page = client.get(response["Location"])
    assert page.context["totals"]["total"] == 10
    assert "Policzono +10 (Nauczyciele i doradcy zawodowi)." in page.content.decode()


def test_the_counter_page_refuses_a_teacher_and_keeps_bad_input(client):
    client.force_login(TeacherFactory())
    assert client.get("/licznik/").status_code == 403
    client.force_login(counter_user())
    event = EventPageFactory()
    response = client.post(
        "/licznik/",
        {
            "event": event.pk,
            "category": "pupils",
            "delta": "1",
            "school_rspo": "12a",
            "client_id": uuid.uuid4(),
        },
    )
    assert response.status_code == 200
    assert 'value="12a"' in response.content.decode()
    assert HeadCount.objects.count() == 0


def test_the_api_counts_a_batch_once_and_gives_the_hour_totals(client):
    client.force_login(counter_user())
    zone = ZoneFactory()
    batch = {
        "id": str(uuid.uuid4()),
        "event": zone.page.pk,
        "zone": zone.pk,
        "category": "pupils",
        "delta": 10,
    }

    first = client.post("/api/v1/counting/counts", batch, content_type="application/json")
    again = client.post("/api/v1/counting/counts", batch, content_type="application/json")
    totals = client.get(f"/api/v1/counting/totals?event={zone.page.pk}&zone={zone.pk}")

    assert first.status_code == 200
    assert (first.json()["created"], again.json()["created"]) == (True, False)
    assert totals.json()["total"] == 10
    assert totals.json()["categories"]["pupils"] == 10


def test_the_api_refuses_a_zone_of_another_event_in_the_error_shape(client):
    client.force_login(counter_user())
    batch = {
        "id": str(uuid.uuid4()),
        "event": EventPageFactory().pk,
        "zone": ZoneFactory().pk,
        "category": "pupils",
        "delta": 1,
    }
    response = client.post("/api/v1/counting/counts", batch, content_type="application/json")

    assert response.status_code == 422
    assert response.json() == {"code": "invalid", "message": "Choose a zone of this event.", "fields": {}}


def test_staff_see_the_zone_by_hour_table_correct_it_and_export(client):
    client.force_login(staff_user())
    first, second = ZoneFactory(), None
    event = first.page
    second = ZoneFactory(page=event)
    ten, eleven = (datetime.datetime(2026, 12, 1, h, tzinfo=WARSAW) for h in (10, 11))
    HeadCountFactory(event=event, zone=first, hour=ten, delta=30)
    HeadCountFactory(event=event, zone=second, hour=ten, delta=12, category="adults")
    HeadCountFactory(event=event, zone=second, hour=eleven, delta=5, category="teachers")

    page = client.get(f"/admin/counting/event/{event.pk}/")
    table = page.context["table"]
    assert [cells for _hour, cells, _total in table["grid"]] == [[30, 12], [0, 5]]
    assert table["zone_totals"] == [30, 17]
    assert [people for _v, _l, people in table["categories"]] == [30, 5, 12, 0, 0]
    assert "BEZ biletu" in page.content.decode()

    response = client.post(
        f"/admin/counting/event/{event.pk}/",
        {
            "hour": "2026-12-01T11:40",
            "zone": second.pk,
            "category": "teachers",
            "delta": "-2",
            "client_id": uuid.uuid4(),
        },
    )
    assert response.status_code == 302
    assert queries.table(event=event)["zone_totals"] == [30, 15]

    csv = client.get(f"/admin/counting/event/{event.pk}/?format=csv")
    assert csv.content.decode("utf-8-sig").count("\n") == 5  # header + 4 records
    xlsx = client.get(f"/admin/counting/event/{event.pk}/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content))["Strefy wg godzin"]
    assert [cell.value for cell in sheet[sheet.max_row]][1:] == [30, 15, 45]


def test_reach_adds_counted_walk_ins_to_the_checked_in_class_and_replaces_a_counted_stop_report():
    scanner = staff_user()
    fair = EventPageFactory(kind=EventKind.FAIR, starts_at=timezone.now() - datetime.timedelta(hours=2))
    ticket = group_ticket(event=fair, places=25, school_rspo="12345")
    check_in(secret=ticket.secret, checkin_list=CheckInListFactory(event=fair), scanned_by=scanner)
    north, south = ZoneFactory(page=fair), ZoneFactory(page=fair)
    hour = queries.hour_of(fair.starts_at)
    for zone, category, people in (
        (north, "pupils", 40),
        (north, "teachers", 3),
        (south, "pupils", 20),
        (south, "adults", 7),
        (south, "unknown", 4),
    ):
        record_count(
            client_id=uuid.uuid4(),
            category=category,
            delta=people,
            recorded_by=scanner,
            event=fair,
            zone=zone,
            hour=hour,
        )
    record_count(
        client_id=uuid.uuid4(),
        category="pupils",
        delta=-1,
        recorded_by=scanner,
        event=fair,
        zone=south,
        hour=hour,
    )
    record_count(
        client_id=uuid.uuid4(), category="pupils", delta=18, recorded_by=scanner, event=fair, zone=north,
        hour=hour + datetime.timedelta(hours=1), school_rspo="777", school_name="SP 7",
    )  # fmt: skip
    counted_stop = StopReportFactory(visitors=150, stop__arrival=fair.starts_at).stop
    record_count(
        client_id=uuid.uuid4(),
        category="pupils",
        delta=60,
        recorded_by=scanner,
        stop=counted_stop,
        hour=counted_stop.arrival,
    )
    record_count(
        client_id=uuid.uuid4(),
        category="teachers",
        delta=4,
        recorded_by=scanner,
        stop=counted_stop,
        hour=counted_stop.arrival,
    )
    typed_stop = StopReportFactory(visitors=90, stop__arrival=fair.starts_at).stop

    day = timezone.localdate(fair.starts_at)
    rows = [row for row in collect_rows(start=day, end=day) if row.activity_key in (
        f"event:{fair.pk}", f"edubus-stop:{counted_stop.pk}", f"edubus-stop:{typed_stop.pk}")]  # fmt: skip
    summary = summarise(rows)

    by_basis = {}
    for row in rows:
        by_basis.setdefault((row.activity_key, row.basis), []).append(row)
    assert sum(r.people for r in by_basis[f"event:{fair.pk}", "checked_in"]) == 25
    fair_counted = sorted(by_basis[f"event:{fair.pk}", "counted"], key=lambda r: r.school)
    assert [(r.school, r.people, r.pupils, r.teachers, r.adults, r.others) for r in fair_counted] == [
        ("", 73, 59, 3, 7, 0),
        ("rspo:777", 18, 18, 0, 0, 0),
    ]
    assert fair_counted[0].records_url == f"/admin/counting/event/{fair.pk}/"
    assert (f"edubus-stop:{counted_stop.pk}", "report") not in by_basis
    assert [
        (r.people, r.pupils, r.teachers) for r in by_basis[f"edubus-stop:{counted_stop.pk}", "counted"]
    ] == [(64, 60, 4)]
    assert [r.people for r in by_basis[f"edubus-stop:{typed_stop.pk}", "report"]] == [90]
    assert summary.people == 25 + 73 + 18 + 64 + 90
    assert summary.activities == 3
    # the class's RSPO 12345, the counted SP 7 and the typed stop's host school
    assert summary.schools == 3


def test_the_demo_counts_are_seeded_once():
    call_command("seed_demo", stdout=io.StringIO())
    first = HeadCount.objects.count()
    call_command("seed_demo", stdout=io.StringIO())

    assert first > 0
    assert HeadCount.objects.count() == first
    assert HeadCount.objects.filter(stop__isnull=False).exists()
    assert HeadCount.objects.filter(zone__isnull=False).values("zone").distinct().count() == 3


def test_a_stop_whose_counts_were_all_taken_back_keeps_its_typed_report():
    stop = StopReportFactory(visitors=90).stop
    hour = stop.arrival
    record_count(client_id=uuid.uuid4(), category="pupils", delta=3, recorded_by=None, stop=stop, hour=hour)
    record_count(client_id=uuid.uuid4(), category="pupils", delta=-3, recorded_by=None, stop=stop, hour=hour)
    day = timezone.localdate(stop.arrival)

    rows = [row for row in collect_rows(start=day, end=day) if row.activity_key == f"edubus-stop:{stop.pk}"]

    assert [(row.basis, row.people) for row in rows] == [("report", 90)]


def _queries_for(targets, fn):
    for _number in range(targets):
        HeadCountFactory(event=EventPageFactory(), hour=datetime.datetime(2026, 12, 1, 10, tzinfo=WARSAW))
        HeadCountFactory(
            stop=StopFactory(), event=None, hour=datetime.datetime(2026, 12, 1, 10, tzinfo=WARSAW)
        )
    with CaptureQueriesContext(connection) as captured:
        list(fn())
    return len(captured)


@pytest.mark.parametrize(
    "fn",
    [
        queries.counted_targets,
        lambda: reach.reach_rows(start=datetime.date(2000, 1, 1), end=datetime.date(2100, 1, 1)),
    ],
    ids=["staff list", "reach rows"],
)
def test_the_staff_list_and_the_reach_rows_run_a_constant_number_of_queries(fn):
    few = _queries_for(2, fn)
    many = _queries_for(8, fn)

    assert many == few
