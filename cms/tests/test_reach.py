import datetime
import io

import openpyxl
from django.utils import translation
from wagtail import hooks

from cms.hooks import REACH_FIGURES
from cms.reach.figures import CountyFigures, ReachRow, TypeFigures, activity_types, filter_rows, summarise
from cms.tests.factories import StaffFactory, TeacherFactory

ROWS = [
    ReachRow(
        "event:festival",
        "Festiwal",
        "event:1",
        registrations=1,
        people=25,
        places=28,
        school="rspo:100",
        municipality="Brzeg",
        county="1601",
        voivodeship="16",
    ),
    ReachRow(
        "event:festival",
        "Festiwal",
        "event:1",
        registrations=1,
        people=20,
        places=20,
        school="rspo:101",
        municipality="Skarbimierz",
        county="1601",
        voivodeship="16",
    ),
    ReachRow(
        "event:festival",
        "Festiwal",
        "event:1",
        registrations=1,
        people=1,
        places=2,
        school="",
        municipality="Opole",
        county="1661",
        voivodeship="16",
    ),
    ReachRow(
        "edubus",
        "Edubus",
        "stop:7",
        registrations=0,
        people=60,
        school="rspo:100",
        municipality="brzeg ",
        county="1601",
        voivodeship="16",
    ),
    ReachRow(
        "contest",
        "Konkurs",
        "contest:3",
        registrations=1,
        people=4,
        school="rspo:200",
        municipality="Brzesko",
        county="1202",
        voivodeship="12",
    ),
    ReachRow(
        "contest",
        "Konkurs",
        "contest:3",
        registrations=1,
        people=3,
        school="rspo:201",
        municipality="Kraków",
        county="1261",
        voivodeship="12",
    ),
]


def test_summary_counts_distinct_activities_schools_municipalities_and_counties():
    with translation.override("pl"):
        summary = summarise(ROWS)

    assert (summary.activities, summary.registrations, summary.people, summary.places) == (3, 5, 113, 50)
    assert (summary.schools, summary.municipalities, summary.counties) == (4, 5, 4)


def test_summary_per_county_keeps_same_named_counties_of_different_voivodeships_apart():
    with translation.override("pl"):
        summary = summarise(ROWS)

    assert summary.by_county == [
        CountyFigures("12", "małopolskie", "1202", "brzeski", 1, 1, 4, 1, 1),
        CountyFigures("12", "małopolskie", "1261", "Kraków", 1, 1, 3, 1, 1),
        CountyFigures("16", "opolskie", "1601", "brzeski", 2, 2, 105, 2, 2, places=48),
        CountyFigures("16", "opolskie", "1661", "Opole", 1, 1, 1, 0, 1, places=2),
    ]


def test_summary_per_activity_type():
    assert summarise(ROWS).by_type == [
        TypeFigures("edubus", "Edubus", 1, 0, 60),
        TypeFigures("event:festival", "Festiwal", 1, 3, 46, places=50),
        TypeFigures("contest", "Konkurs", 1, 2, 7),
    ]


def test_filter_by_activity_type():
    summary = summarise(filter_rows(ROWS, "contest"))

    assert (summary.activities, summary.registrations, summary.people) == (1, 2, 7)
    assert (summary.schools, summary.municipalities, summary.counties) == (2, 2, 2)
    assert filter_rows(ROWS, "") == ROWS


def test_activity_types_come_from_the_rows():
    assert activity_types(ROWS) == [
        ("edubus", "Edubus"),
        ("event:festival", "Festiwal"),
        ("contest", "Konkurs"),
    ]


def test_empty_period_gives_zeros():
    summary = summarise([])

    assert (summary.activities, summary.people, summary.counties, summary.by_county) == (0, 0, 0, [])


def _provider_calls():
    calls = []

    def provider(*, start, end):
        calls.append((start, end))
        return ROWS

    return provider, calls


def test_dashboard_shows_figures_of_the_registered_providers(client, db):
    provider, calls = _provider_calls()
    client.force_login(StaffFactory())

    with hooks.register_temporarily(REACH_FIGURES, provider):
        response = client.get("/admin/reach/", {"start": "2026-01-01", "end": "2026-06-30"})

    content = response.content.decode()
    assert response.status_code == 200
    assert calls == [(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))]
    assert (
        '<dd id="reach-people"><a href="/admin/reach/rows/?start=2026-01-01&amp;end=2026-06-30&amp;activity_type=">113</a></dd>'
        in content
    )
    assert (
        '<dd id="reach-places"><a href="/admin/reach/rows/?start=2026-01-01&amp;end=2026-06-30&amp;activity_type=">50</a></dd>'
        in content
    )
    assert '<dd id="reach-counties"><a href="#reach-county-heading">4</a></dd>' in content
    assert '<option value="contest">Konkurs</option>' in content
    assert (
        'id="reach-chart-data"' in content
        and "<script>" not in content.split('id="reach-chart-data"')[0][-200:]
    )


def test_dashboard_filters_by_activity_type_and_refuses_unknown_types(client, db):
    provider, _calls = _provider_calls()
    client.force_login(StaffFactory())

    with hooks.register_temporarily(REACH_FIGURES, provider):
        filtered = client.get(
            "/admin/reach/", {"start": "2026-01-01", "end": "2026-06-30", "activity_type": "contest"}
        )
        unknown = client.get(
            "/admin/reach/", {"start": "2026-01-01", "end": "2026-06-30", "activity_type": "gala"}
        )
        reversed_dates = client.get("/admin/reach/", {"start": "2026-06-30", "end": "2026-01-01"})

    assert (
        '<dd id="reach-people"><a href="/admin/reach/rows/?start=2026-01-01&amp;end=2026-06-30&amp;activity_type=contest">7</a></dd>'
        in filtered.content.decode()
    )
    assert "W wybranym okresie nie ma działań tego rodzaju." in unknown.content.decode()
    assert "reach-people" not in unknown.content.decode()
    assert "Data końcowa nie może być wcześniejsza niż początkowa." in reversed_dates.content.decode()


def test_dashboard_exports_the_same_figures_to_xlsx(client, db):
    provider, _calls = _provider_calls()
    client.force_login(StaffFactory())

    with hooks.register_temporarily(REACH_FIGURES, provider):
        response = client.get("/admin/reach/", {"start": "2026-01-01", "end": "2026-06-30", "format": "xlsx"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    summary, types, counties = workbook.worksheets[:3]
    assert [[cell.value for cell in row] for row in summary.iter_rows(min_row=7, max_row=10)] == [
        ["Działania", 3],
        ["Zgłoszenia", 5],
        ["Zgłoszone miejsca", 50],
        ["Liczba osób", 113],
    ]
    assert [cell.value for cell in counties[9]] == [
        "opolskie",
        "brzeski",
        2,
        2,
        48,
        105,
        *(0, 0, 0, 0, 105),  # not split by kind
        *(105, 0, 0, 0),  # all "checked in" (the rows' default basis)
        2,
        2,
    ]
    assert [cell.value for cell in types[8]][:5] == ["Festiwal", 1, 3, 50, 46]
    assert types.max_row == 9
    assert workbook.sheetnames[4:] == [
        "Edubus",
        "Festiwal",
        "Konkurs",
        "1202 brzeski",
        "1261 Kraków",
        "1601 brzeski",
        "1661 Opole",
    ]


def test_dashboard_is_for_staff_only(client, db):
    client.force_login(TeacherFactory())

    response = client.get("/admin/reach/")

    assert response.status_code in (302, 403)


def test_dashboard_fills_the_date_fields_with_iso_dates_the_date_input_understands(client, db):
    provider, _calls = _provider_calls()
    client.force_login(StaffFactory())

    with hooks.register_temporarily(REACH_FIGURES, provider):
        first = client.get("/admin/reach/")
        again = client.get("/admin/reach/", {"start": "2026-01-01", "end": "2026-06-30"})

    today = datetime.date.today()
    content = first.content.decode()
    assert f'type="date" name="start" value="{today.year}-01-01"' in content
    assert f'type="date" name="end" value="{today.isoformat()}"' in content
    assert 'value="2026-01-01"' in again.content.decode()
    assert "To pole jest wymagane" not in again.content.decode()
