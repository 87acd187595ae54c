"""The funder's reach figures on a fixture of every kind of row: exact totals, split, basis,
institutions, places, the outside-capital share, the drill-down and the XLSX, before and after an
erasure."""

import datetime
import io
import zoneinfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.privacy.models import DataSubjectRequest
from cms.privacy.services import complete_request, submit_request, verify_request
from cms.reach.admin_views import last_quarter, period_shortcuts
from cms.reach.figures import collect_rows, summarise
from cms.tests.factories import StaffFactory
from events.checkin.models import CheckIn, CheckInList
from events.edubus.tests.factories import StopReportFactory
from events.models import EventAudience
from events.registration.models import Registration
from events.registration.tests.factories import (
    GroupTicketTypeFactory,
    RegistrationFactory,
    TicketTypeFactory,
    make_event,
)

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
PERIOD = {"start": "2026-09-01", "end": "2026-09-30"}
OPOLE = {"municipality": "Opole", "county": "1661", "voivodeship": "16", "municipality_code": "1661011"}
NYSA = {"municipality": "Nysa", "county": "1607", "voivodeship": "16", "municipality_code": "1607053"}


def at(day, hour=9):
    return datetime.datetime(2026, 9, day, hour, tzinfo=WARSAW)


def checked_in(registration, checkin_list, people):
    CheckIn.objects.create(
        ticket=registration.ticket,
        checkin_list=checkin_list,
        people=people,
        first_at=checkin_list.event.starts_at,
        last_at=checkin_list.event.starts_at,
    )


def school_group(ticket_type, *, rspo, pupils, adults, email, **place):
    return RegistrationFactory(
        ticket_type=ticket_type,
        email=email,
        places=pupils + adults,
        pupils=pupils,
        adults=adults,
        school_name=f"Szkoła nr {rspo}",
        school_rspo=rspo,
        school_municipality=place["municipality"],
        school_county=place["county"],
        school_voivodeship=place["voivodeship"],
        school_municipality_code=place["municipality_code"],
    )


def festival(day=10, title="Festiwal Zawodów Opolskie"):
    """A festival in Opole (the capital) for pupils and teachers: two classes and two individuals."""
    event = make_event(title=title, starts_at=at(day), ends_at=at(day + 1, 15), **OPOLE)
    EventAudience.objects.create(page=event, audience="pupils")
    EventAudience.objects.create(page=event, audience="teachers")
    groups = GroupTicketTypeFactory(event=event)
    individuals = TicketTypeFactory(event=event)
    day_1 = CheckInList.objects.create(event=event, name="Dzień 1")
    day_2 = CheckInList.objects.create(event=event, name="Dzień 2")
    brzeg = {"municipality": "Brzeg", "county": "1601", "voivodeship": "16", "municipality_code": "1601011"}
    gluch = {
        "municipality": "Głuchołazy",
        "county": "1607",
        "voivodeship": "16",
        "municipality_code": "1607013",
    }
    whole_class = school_group(
        groups, rspo="100", pupils=20, adults=2, email=f"sp100-{day}@example.org", **brzeg
    )
    checked_in(whole_class, day_1, 15)
    checked_in(whole_class, day_2, 22)  # the largest head-count through one door: 22
    short_class = school_group(
        groups, rspo="101", pupils=10, adults=1, email=f"sp101-{day}@example.org", **gluch
    )
    checked_in(short_class, day_1, 7)  # 7 of 11: 6 pupils (6.36), 1 adult
    came = RegistrationFactory(ticket_type=individuals, email=f"jan-{day}@example.org")
    checked_in(came, day_1, 1)
    RegistrationFactory(ticket_type=individuals, email=f"ewa-{day}@example.org")  # booked, did not come
    return event


@pytest.fixture
def fixture():
    event = festival()
    fair = make_event(
        title="Targi Edukacyjne Nysa", kind="fair", starts_at=at(20), ends_at=at(20, 15), **NYSA
    )
    EventAudience.objects.create(page=fair, audience="career_advisers")
    teacher = RegistrationFactory(ticket_type=TicketTypeFactory(event=fair), email="doradca@example.org")
    checked_in(teacher, CheckInList.objects.create(event=fair, name="Wejście"), 1)
    report = StopReportFactory(
        visitors=140,
        stop__arrival=at(15),
        stop__place_name="Szkoła Podstawowa nr 5 w Nysie",
        stop__municipality_code="1607053",
    )
    # Outside the period: not counted.
    StopReportFactory(visitors=99, stop__arrival=datetime.datetime(2026, 10, 2, 9, tzinfo=WARSAW))
    return {"event": event, "fair": fair, "report": report}


def figures_of_the_period():
    summary = summarise(collect_rows(start=datetime.date(2026, 9, 1), end=datetime.date(2026, 9, 30)))
    return summary


EXPECTED_TOTALS = {
    "activities": 3,
    "registrations": 5,
    "places": 36,  # 22 + 11 + 1 + 1 (festival) + 1 (fair)
    "people": 171,  # 22 + 7 + 1 + 0 + 1 + 140
    "pupils": 26,  # 20 + 6
    "teachers": 1,  # the career adviser at the fair (its only audience)
    "adults": 3,  # 2 + 1 accompanying adults
    "others": 0,
    "unknown": 141,  # the festival's individual (two audiences) and the Edubus visitors
    "checked_in": 31,
    "counted": 0,
    "report": 140,
    "participants": 0,
    "schools": 3,  # rspo:100, rspo:101 and the Edubus host school by name
    "schools_rspo": 2,
    "universities": 0,
    "employers": 0,
    "public": 0,
    "other_institutions": 0,
    "municipalities": 4,  # Brzeg, Głuchołazy, Opole, Nysa
    "counties": 3,
    "activities_located": 3,
    "activities_outside_capital": 2,  # the fair and the stop in Nysa; the festival is in Opole
    "people_located": 171,
    "people_outside_capital": 170,  # all but the festival's individual (placed at the venue, Opole)
}


def test_exact_totals_split_basis_institutions_places_and_outside_capital_share(fixture):
    summary = figures_of_the_period()
    figures = summary.figures

    assert {name: getattr(figures, name) for name in EXPECTED_TOTALS} == EXPECTED_TOTALS
    assert (
        figures.pupils + figures.teachers + figures.adults + figures.others + figures.unknown
        == figures.people
    )
    assert figures.checked_in + figures.counted + figures.report + figures.participants == figures.people
    assert (figures.activities_outside_capital_share, figures.people_outside_capital_share) == (66.7, 99.4)
    assert [
        (c.county, c.activities, c.registrations, c.places, c.people, c.schools, c.municipalities)
        for c in summary.by_county
    ] == [
        ("1601", 1, 1, 22, 22, 1, 1),
        ("1607", 3, 2, 12, 148, 2, 2),
        ("1661", 1, 2, 2, 1, 0, 1),
    ]
    assert [(m.name, m.municipality, m.people, m.figures.pupils) for m in summary.by_municipality] == [
        # by county label: "Opole (miasto na prawach powiatu)" sorts before "powiat brzeski"
        ("Opole (gmina miejska)", "1661011", 1, 0),
        ("Brzeg (gmina miejska)", "1601011", 22, 20),
        ("Głuchołazy (gmina miejsko-wiejska)", "1607013", 7, 6),
        ("Nysa (gmina miejsko-wiejska)", "1607053", 141, 0),
    ]
    assert [
        (t.label, t.activities, t.people, t.figures.pupils, t.figures.teachers, t.figures.unknown)
        for t in summary.by_type
    ] == [
        ("Edubus", 1, 140, 0, 0, 140),
        ("festiwal", 1, 30, 26, 0, 1),
        ("targi", 1, 1, 0, 1, 0),
    ]


def test_erasure_changes_no_reach_figure(fixture):
    before = figures_of_the_period()
    for email in ("sp101-10@example.org", "jan-10@example.org"):
        request = submit_request(kind=DataSubjectRequest.Kind.ERASURE, email=email)
        verify_request(request=request)
        complete_request(request=request, by=StaffFactory())

    after = figures_of_the_period()

    erased = Registration.objects.filter(email="", event=fixture["event"])
    assert sorted(erased.values_list("status", "places", "school_rspo", "school_municipality_code")) == [
        ("confirmed", 1, "", ""),
        ("confirmed", 11, "101", "1607013"),
    ]
    assert after.figures == before.figures
    assert {name: getattr(after.figures, name) for name in EXPECTED_TOTALS} == EXPECTED_TOTALS
    assert after.by_county == before.by_county and after.by_municipality == before.by_municipality


def test_drill_down_lists_the_activities_behind_a_figure_with_their_records(client, fixture):
    client.force_login(StaffFactory())
    event, fair, report = fixture["event"], fixture["fair"], fixture["report"]

    outside = client.get("/admin/reach/rows/", {**PERIOD, "outside_capital": "1"}).content.decode()
    pupils = client.get("/admin/reach/rows/", {**PERIOD, "kind": "pupils"}).content.decode()
    county = client.get("/admin/reach/rows/", {**PERIOD, "county": "1607"}).content.decode()
    dashboard = client.get("/admin/reach/", PERIOD).content.decode()
    wrong = client.get("/admin/reach/rows/", {**PERIOD, "kind": "aliens"})

    assert f'href="/admin/edubus/stopreport/edit/{report.pk}/"' in outside
    assert f'href="/admin/registrations/{fair.pk}/?status=confirmed"' in outside
    assert f"/admin/registrations/{event.pk}/" not in outside
    assert "Razem 2 działania" in outside
    assert f'href="/admin/registrations/{event.pk}/?status=confirmed"' in pupils
    # The festival's rows with pupils are the two classes: 22 + 7 people, 26 pupils.
    assert "<td>2</td>\n            <td>2</td><td>33</td><td>29</td>\n            <td>26</td>" in pupils
    assert "<td>148</td>" in county
    assert (
        '<td id="reach-kind-pupils"><a href="/admin/reach/rows/?start=2026-09-01&amp;end=2026-09-30&amp;activity_type=&amp;kind=pupils">26</a></td>'
        in dashboard
    )
    assert (
        '<dd id="reach-outside-capital"><a href="/admin/reach/rows/?start=2026-09-01&amp;end=2026-09-30&amp;activity_type=&amp;outside_capital=1">66,7%</a></dd>'
        in dashboard
    )
    assert (
        '<td id="reach-basis-report"><a href="/admin/reach/rows/?start=2026-09-01&amp;end=2026-09-30&amp;activity_type=&amp;basis=report">140</a></td>'
        in dashboard
    )
    assert wrong.status_code == 200
    assert "Tej liczby nie da się prześledzić" in wrong.content.decode()


def cells(sheet, first_row):
    return [[cell.value for cell in row] for row in sheet.iter_rows(min_row=first_row)]


def test_funder_xlsx_has_a_summary_a_sheet_per_type_and_per_county_with_the_period_and_rule(client, fixture):
    client.force_login(StaffFactory())

    response = client.get("/admin/reach/", {**PERIOD, "format": "xlsx"})

    assert response["Content-Disposition"] == 'attachment; filename="reach-20260901-20260930.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Podsumowanie",
        "Rodzaje działań",
        "Powiaty",
        "Gminy",
        "Edubus",
        "festiwal",
        "targi",
        "1601 brzeski",
        "1607 nyski",
        "1661 Opole",
    ]
    summary = book["Podsumowanie"]
    assert [row[0] for row in cells(summary, 1)[:5]] == [
        "Zasięg działań",
        "Od",
        "Do",
        "Rodzaj działania",
        "Zasada liczenia",
    ]
    assert summary["B2"].value == datetime.datetime(2026, 9, 1)
    assert summary["B3"].value == datetime.datetime(2026, 9, 30)
    assert summary["B4"].value == "Wszystkie działania"
    assert summary["B5"].value.startswith("Osoby objęte działaniami liczy się raz")
    assert cells(summary, 6) == [
        ["Wskaźnik", "Wartość"],
        ["Działania", 3],
        ["Zgłoszenia", 5],
        ["Zgłoszone miejsca", 36],
        ["Liczba osób", 171],
        ["w tym: Uczniowie", 26],
        ["w tym: Nauczyciele i doradcy zawodowi", 1],
        ["w tym: Rodzice i inni dorośli", 3],
        ["w tym: Inne osoby", 0],
        ["w tym: Nieznane", 141],
        ["ustalone na podstawie: Zarejestrowani przy wejściu", 31],
        ["ustalone na podstawie: Policzeni przy wejściu", 0],
        ["ustalone na podstawie: Ze sprawozdania", 140],
        ["ustalone na podstawie: Imienna lista uczestników", 0],
        ["Szkoły", 3],
        ["Szkoły z numerem RSPO", 2],
        ["Uczelnie", 0],
        ["Pracodawcy", 0],
        ["Instytucje publiczne", 0],
        ["Inne instytucje", 0],
        ["Gminy", 4],
        ["Powiaty", 3],
        ["Działania ze znanym miejscem", 3],
        ["Działania poza miastem wojewódzkim", 2],
        ["Odsetek działań poza miastem wojewódzkim (%)", 66.7],
        ["Osoby ze znaną gminą", 171],
        ["Osoby spoza miasta wojewódzkiego", 170],
        ["Odsetek osób spoza miasta wojewódzkiego (%)", 99.4],
    ]
    festival_sheet = book["festiwal"]
    assert festival_sheet["B6"].value == "festiwal"
    assert cells(festival_sheet, 7) == [
        [
            "Działanie",
            "Rodzaj działania",
            "Zgłoszenia",
            "Zgłoszone miejsca",
            "Liczba osób",
            "Uczniowie",
            "Nauczyciele i doradcy zawodowi",
            "Rodzice i inni dorośli",
            "Inne osoby",
            "Nieznane",
            "Zarejestrowani przy wejściu",
            "Policzeni przy wejściu",
            "Ze sprawozdania",
            "Imienna lista uczestników",
            "Szkoły",
        ],
        ["Festiwal Zawodów Opolskie", "festiwal", 4, 35, 30, 26, 0, 3, 0, 1, 30, 0, 0, 0, 2],
        ["Razem", None, 4, 35, 30, 26, 0, 3, 0, 1, 30, 0, 0, 0, 2],
    ]
    nyski = book["1607 nyski"]
    assert nyski["B6"].value == "nyski (opolskie)"
    assert cells(nyski, 8) == [
        [
            "Szkoła Podstawowa nr 5 w Nysie, Nysa 2026-09-15",
            "Edubus",
            0,
            0,
            140,
            0,
            0,
            0,
            0,
            140,
            0,
            0,
            140,
            0,
            1,
        ],
        ["Festiwal Zawodów Opolskie", "festiwal", 1, 11, 7, 6, 0, 1, 0, 0, 7, 0, 0, 0, 1],
        ["Targi Edukacyjne Nysa", "targi", 1, 1, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0],
        ["Razem", None, 2, 12, 148, 6, 1, 1, 0, 140, 8, 0, 140, 0, 2],
    ]
    counties = book["Powiaty"]
    assert cells(counties, 7)[1] == ["opolskie", "nyski", 3, 2, 12, 148, 6, 1, 1, 0, 140, 8, 0, 140, 0, 2, 2]


def test_last_quarter_and_this_year_are_one_click_away():
    today = datetime.date(2026, 12, 4)

    assert last_quarter(today) == (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    assert last_quarter(datetime.date(2026, 2, 10)) == (
        datetime.date(2025, 10, 1),
        datetime.date(2025, 12, 31),
    )
    assert [(s["url"], s["xlsx_url"]) for s in period_shortcuts("edubus", today)] == [
        (
            "?start=2026-07-01&end=2026-09-30&activity_type=edubus",
            "?start=2026-07-01&end=2026-09-30&activity_type=edubus&format=xlsx",
        ),
        (
            "?start=2026-01-01&end=2026-12-04&activity_type=edubus",
            "?start=2026-01-01&end=2026-12-04&activity_type=edubus&format=xlsx",
        ),
    ]


def test_dashboard_runs_as_many_queries_for_many_events_as_for_one(client, fixture):
    client.force_login(StaffFactory())
    client.get("/admin/reach/", PERIOD)  # warm the register and the session

    with CaptureQueriesContext(connection) as few:
        client.get("/admin/reach/", PERIOD)
    for day in (2, 4, 6, 24, 26):
        festival(day=day, title=f"Festiwal {day}")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/reach/", PERIOD)

    assert (
        '<dd id="reach-activities"><a href="/admin/reach/rows/?start=2026-09-01&amp;end=2026-09-30&amp;activity_type=">8</a></dd>'
        in response.content.decode()
    )
    assert len(many) == len(few)
