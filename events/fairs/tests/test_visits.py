"""Stand visit codes: the visitor's page counts one visit per phone and hour, the exhibitor sets
the material, sees the counts and prints the QR, staff see every stand, reach adds only the fair's
visitors nobody else saw."""

import datetime
import io
import zoneinfo

import pypdf
import pytest
import zxingcpp
from django.test import Client
from django.utils import timezone

from cms.reach.figures import collect_rows, summarise
from events.checkin.models import CheckIn
from events.checkin.tests.factories import CheckInListFactory, RegistrationFactory, group_ticket, staff_user
from events.checkin.tests.factories import TicketFactory as CheckinTicketFactory
from events.checkin.tests.factories import TicketTypeFactory as CheckinTicketTypeFactory
from events.counting.tests.factories import HeadCountFactory
from events.fairs import demo, queries, reach, services
from events.fairs.models import Application, ExhibitorCall, ExhibitorPass, StandVisitCode, StandVisitHour
from events.tests.factories import StandFactory

from .factories import ApplicationFactory, ExhibitorCallFactory, exhibitor_person, make_fair

pytestmark = pytest.mark.django_db

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(day, hour, minute=0):
    return datetime.datetime(2027, 3, day, hour, minute, tzinfo=WARSAW)


def fair_call(visits=True, **fair):
    fair.setdefault("starts_at", at(10, 9))
    fair.setdefault("ends_at", at(11, 15))
    return ExhibitorCallFactory(event=make_fair(**fair), stand_visits_enabled=visits)


def accepted(call, **stand):
    stand.setdefault("zone", call.event.zones.first())
    stand.setdefault("number", "12")
    stand.setdefault("institution", "Politechnika Opolska")
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED)
    application.stand = StandFactory(event=call.event, **stand)
    application.save()
    return application


def fair_today(**fair):
    now = timezone.now()
    return fair_call(
        starts_at=now - datetime.timedelta(hours=2), ends_at=now + datetime.timedelta(hours=2), **fair
    )


def visit_code(**stand):
    application = accepted(fair_today(), **stand)
    return services.ensure_visit_code(stand=application.stand)


def visits(stand):
    return [(row.hour.astimezone(WARSAW), row.visits) for row in StandVisitHour.objects.filter(stand=stand)]


# ---- the visitor's page ---------------------------------------------------------------------


def test_opening_the_code_shows_the_material_and_counts_one_visit_in_the_current_warsaw_hour(client):
    code = visit_code()
    services.save_visit_material(
        code=code,
        material="Rekrutacja na informatykę.\nDzień otwarty 20 marca.",
        material_url="https://example.org/ulotka.pdf",
    )

    response = client.get(f"/stoisko/{code.token}/")

    assert response.status_code == 200
    assert "Politechnika Opolska" in response.content.decode()
    assert "Rekrutacja na informatykę." in response.content.decode()
    assert 'href="https://example.org/ulotka.pdf"' in response.content.decode()
    assert visits(code.stand) == [(queries.hour_of(timezone.now()), 1)]
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"


def test_a_reload_by_the_same_phone_within_the_hour_counts_once_and_another_phone_counts_again(client):
    code = visit_code()

    first = client.get(f"/stoisko/{code.token}/")
    client.get(f"/stoisko/{code.token}/")
    client.get(f"/stoisko/{code.token}/")
    Client().get(f"/stoisko/{code.token}/")

    cookie = first.cookies[f"stand_visit_{code.pk}"]
    assert cookie.value == queries.hour_of(timezone.now()).strftime("%Y%m%d%H")
    assert cookie["path"] == f"/stoisko/{code.token}/"
    assert 0 < cookie["max-age"] <= 3600
    assert visits(code.stand) == [(queries.hour_of(timezone.now()), 2)]


def test_the_english_page_counts_too_and_is_in_english(client):
    code = visit_code()

    response = client.get(f"/en/stoisko/{code.token}/")

    assert "The fair's page" in response.content.decode()
    assert StandVisitHour.objects.get(stand=code.stand).visits == 1


def test_a_wrong_token_is_404_and_counts_nothing(client):
    code = visit_code()

    assert client.get(f"/stoisko/{code.token[:-1]}x/").status_code == 404
    assert StandVisitHour.objects.count() == 0


def test_with_the_calls_switch_off_the_code_is_404_and_counts_nothing(client):
    code = visit_code()
    call = code.stand.event.exhibitor_call
    call.stand_visits_enabled = False
    call.save()

    assert client.get(f"/stoisko/{code.token}/").status_code == 404
    assert StandVisitHour.objects.count() == 0


def test_one_address_cannot_inflate_the_count_beyond_the_rate_limit(settings):
    settings.EDUFEST_STAND_VISIT_RATE_LIMIT = 3
    code = visit_code()

    statuses = [Client().get(f"/stoisko/{code.token}/").status_code for _ in range(5)]

    assert statuses == [200] * 5  # the material is still shown
    assert StandVisitHour.objects.get(stand=code.stand).visits == 3


def test_a_head_request_counts_nothing(client):
    code = visit_code()

    assert client.head(f"/stoisko/{code.token}/").status_code == 200
    assert StandVisitHour.objects.count() == 0


def test_a_visit_stores_only_the_stand_the_hour_and_a_number():
    code = services.ensure_visit_code(stand=accepted(fair_call()).stand)

    services.count_stand_visit(stand=code.stand, at=at(10, 9, 59))
    services.count_stand_visit(stand=code.stand, at=at(10, 9, 1))
    services.count_stand_visit(stand=code.stand, at=at(10, 10, 0))

    assert list(StandVisitHour.objects.values("stand", "hour", "visits")) == [
        {"stand": code.stand.pk, "hour": at(10, 9), "visits": 2},
        {"stand": code.stand.pk, "hour": at(10, 10), "visits": 1},
    ]
    assert {field.name for field in StandVisitHour._meta.concrete_fields} == {"id", "stand", "hour", "visits"}


def test_a_code_opened_before_or_after_the_fair_shows_the_material_and_counts_nothing(client):
    code = services.ensure_visit_code(stand=accepted(fair_call()).stand)  # 10-11 March 2027

    response = client.get(f"/stoisko/{code.token}/")

    assert response.status_code == 200
    assert services.count_stand_visit(stand=code.stand, at=at(9, 23, 59)) is None
    assert services.count_stand_visit(stand=code.stand, at=at(12, 0, 0)) is None
    assert services.count_stand_visit(stand=code.stand, at=at(11, 23, 59)) == at(11, 23)
    assert visits(code.stand) == [(at(11, 23), 1)]


# ---- the exhibitor's page -------------------------------------------------------------------


def test_the_exhibitor_sees_visits_per_hour_of_each_fair_day(client):
    application = accepted(fair_call())
    for moment in (at(10, 9, 5), at(10, 9, 40), at(10, 11, 0), at(11, 14, 59)):
        services.count_stand_visit(stand=application.stand, at=moment)
    # counted on the 12th when the fair was on that day, before its dates were moved
    StandVisitHour.objects.create(stand=application.stand, hour=at(12, 8), visits=1)
    client.force_login(exhibitor_person(application.exhibitor))

    response = client.get(f"/wystawca/stoisko/{application.pk}/odwiedziny/")

    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    days = response.context["days"]
    # 9:00-15:00 each fair day, and the day after because somebody scanned then
    assert [(day["day"].isoformat(), day["total"]) for day in days] == [
        ("2027-03-10", 3),
        ("2027-03-11", 1),
        ("2027-03-12", 1),
    ]
    assert [(row["hour"].hour, row["visits"], row["percent"]) for row in days[0]["hours"]] == [
        (9, 2, 100),
        (10, 0, 0),
        (11, 1, 50),
        (12, 0, 0),
        (13, 0, 0),
        (14, 0, 0),
    ]
    assert [row["hour"].hour for row in days[2]["hours"]] == [8, 9, 10, 11, 12, 13, 14]
    assert response.context["total"] == 5
    html = response.content.decode()
    assert "09:00\u201309:59" in html
    assert StandVisitCode.objects.filter(stand=application.stand).count() == 1
    assert f"/stoisko/{application.stand.visit_code.token}/" in html


def test_the_exhibitor_saves_the_material_and_a_bad_link_keeps_what_was_typed(client):
    application = accepted(fair_call())
    client.force_login(exhibitor_person(application.exhibitor))
    url = f"/wystawca/stoisko/{application.pk}/odwiedziny/"

    bad = client.post(url, {"material": "Nasze kierunki", "material_url": "http://"})
    good = client.post(url, {"material": "Nasze kierunki", "material_url": "https://example.org/kierunki"})

    assert bad.status_code == 400
    assert "Wpisz poprawny URL." in bad.content.decode()
    assert "Nasze kierunki</textarea>" in bad.content.decode()
    assert good.status_code == 302
    code = StandVisitCode.objects.get(stand=application.stand)
    assert (code.material, code.material_url) == ("Nasze kierunki", "https://example.org/kierunki")


def test_another_exhibitors_person_gets_404_and_a_visitor_is_sent_to_log_in(client):
    application = accepted(fair_call())
    other = accepted(application.call, number="13", institution="Uniwersytet Opolski")
    url = f"/wystawca/stoisko/{application.pk}/odwiedziny/"

    anonymous = client.get(url)
    client.force_login(exhibitor_person(other.exhibitor))

    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert client.get(url).status_code == 404
    assert client.get(url + "kod.pdf").status_code == 404


def test_without_stand_visits_in_the_call_the_exhibitors_page_is_404(client):
    application = accepted(fair_call(visits=False))
    client.force_login(exhibitor_person(application.exhibitor))

    assert client.get(f"/wystawca/stoisko/{application.pk}/odwiedziny/").status_code == 404
    assert StandVisitCode.objects.count() == 0


def test_the_qr_pdf_names_the_stand_and_its_code_opens_the_stand_page(client, settings):
    settings.SITE_URL = "https://edufest.example.org"
    application = accepted(fair_call(title="Targi Uczelni Opolskie"))
    client.force_login(exhibitor_person(application.exhibitor))

    response = client.get(f"/wystawca/stoisko/{application.pk}/odwiedziny/kod.pdf")

    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.1)  # A4
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Targi Uczelni Opolskie" in text
    assert "Politechnika Opolska" in text
    assert "Stoisko 12, Strefa 1" in text
    url = f"https://edufest.example.org/stoisko/{application.stand.visit_code.token}/"
    image = next(iter(reader.pages[0].images)).image
    assert [result.text for result in zxingcpp.read_barcodes(image.convert("L"))] == [url]


# ---- staff -----------------------------------------------------------------------------------


def test_staff_see_every_stands_visits_by_day_and_give_the_stands_their_codes(client):
    call = fair_call()
    application = accepted(call)
    loose = StandFactory(
        event=call.event, zone=call.event.zones.last(), number="40", institution="Cech Rzemiosł"
    )
    services.count_stand_visit(stand=application.stand, at=at(10, 10))
    services.count_stand_visit(stand=application.stand, at=at(11, 10))
    services.count_stand_visit(stand=application.stand, at=at(11, 12))
    client.force_login(staff_user())
    url = f"/admin/fairs/odwiedziny/{call.event.pk}/"

    before = client.get(url)
    made = client.post(url)
    after = client.get(url)

    table = before.context["table"]
    assert [(line["stand"].number, line["by_day"], line["total"]) for line in table["stands"]] == [
        ("12", [1, 2], 3),
        ("40", [0, 0], 0),
    ]
    assert (table["totals"], table["total"]) == ([1, 2], 3)
    assert before.context["without_code"] == 2
    assert made.status_code == 302
    assert StandVisitCode.objects.filter(stand__in=[application.stand, loose]).count() == 2
    assert after.context["without_code"] == 0
    assert call.event.title in client.get("/admin/fairs/odwiedziny/").content.decode()


def test_every_stand_gets_one_code_however_often_the_codes_are_given():
    call = fair_call()
    stands = [StandFactory(event=call.event, zone=call.event.zones.first()) for _ in range(3)]
    services.ensure_visit_code(stand=stands[0])

    assert services.ensure_visit_codes(event=call.event) == 2
    assert services.ensure_visit_codes(event=call.event) == 0
    assert StandVisitCode.objects.filter(stand__in=stands).count() == 3


# ---- reach -----------------------------------------------------------------------------------


def checked_in(registration, checkin_list, people):
    ticket = CheckinTicketFactory(registration=registration)
    CheckIn.objects.create(
        ticket=ticket, checkin_list=checkin_list, people=people, first_at=at(10, 9), last_at=at(10, 9)
    )


def test_reach_adds_only_the_busiest_stands_visitors_beyond_the_checked_in_and_the_counted():
    call = fair_call()
    fair = call.event
    door, hall = CheckInListFactory(event=fair), CheckInListFactory(event=fair, name="Hala B")
    # a class of 25 (through two doors: counted once, as the largest) and one person: 26 checked in
    klass = group_ticket(event=fair, places=25).registration
    checked_in(klass, door, 20)
    checked_in(klass, hall, 25)
    checked_in(RegistrationFactory(ticket_type=CheckinTicketTypeFactory(event=fair)), door, 1)
    # a stand staff member's pass is not a visitor
    staff_pass = RegistrationFactory(ticket_type=CheckinTicketTypeFactory(event=fair, name="Wystawcy"))
    busy, quiet = accepted(call), accepted(call, number="13", institution="Uniwersytet Opolski")
    ExhibitorPass.objects.create(application=busy, registration=staff_pass, name="Jan Stoiskowy")
    checked_in(staff_pass, door, 1)
    # 30 counted at the entrance (a correction of -2 included)
    HeadCountFactory(event=fair, hour=at(10, 9), delta=32)
    HeadCountFactory(event=fair, hour=at(10, 10), delta=-2)
    # the busiest stand: 90 visits over two days; the other 40; together never added
    for _ in range(80):
        services.count_stand_visit(stand=busy.stand, at=at(10, 11))
    for _ in range(10):
        services.count_stand_visit(stand=busy.stand, at=at(11, 10))
    for _ in range(40):
        services.count_stand_visit(stand=quiet.stand, at=at(10, 12))
    # another fair whose stands saw fewer than came through the door adds nobody
    small = fair_call(title="Targi małe", starts_at=at(10, 10), ends_at=at(10, 14))
    checked_in(
        group_ticket(event=small.event, places=10).registration, CheckInListFactory(event=small.event), 10
    )
    small_stand = accepted(small).stand
    for _ in range(7):
        services.count_stand_visit(stand=small_stand, at=at(10, 11))

    rows = list(collect_rows(start=at(10, 0).date(), end=at(11, 0).date()))
    stand_rows = list(reach.reach_rows(start=at(10, 0).date(), end=at(11, 0).date()))
    summary = summarise([row for row in rows if row.activity_key == f"event:{fair.pk}"])
    small_rows = [row for row in rows if row.activity_key == f"event:{small.event.pk}"]

    assert [(row.activity_key, row.basis, row.people) for row in stand_rows] == [
        (f"event:{fair.pk}", "counted", 34)
    ]
    assert stand_rows[0].records_url == f"/admin/fairs/odwiedziny/{fair.pk}/"
    assert stand_rows[0].municipality == "Opole"
    # 90 - 26 - 30 = 34 beside the 26 checked in and the 30 counted (the pass's 1 is area D's to drop)
    assert summary.figures.counted == 30 + 34
    assert summary.activities == 1
    assert [(row.basis, row.people) for row in small_rows] == [("checked_in", 10)]


def test_the_rule_never_goes_below_zero():
    assert reach.extra_visitors(most_visits=90, checked_in=26, counted=30) == 34
    assert reach.extra_visitors(most_visits=50, checked_in=26, counted=30) == 0
    assert reach.extra_visitors(most_visits=0, checked_in=0, counted=0) == 0


def test_the_reach_dashboard_states_the_stand_visits_rule(client):
    client.force_login(staff_user())

    response = client.get("/admin/reach/")

    assert "liczba odwiedzin najczęściej odwiedzanego stoiska minus osoby" in " ".join(
        response.content.decode().split()
    )


def _reach_queries(django_assert_num_queries, fairs):
    for n in range(fairs):
        call = fair_call(title=f"Targi {n}")
        checked_in(
            group_ticket(event=call.event, places=5).registration, CheckInListFactory(event=call.event), 5
        )
        HeadCountFactory(event=call.event, hour=at(10, 9), delta=3)
        stand = accepted(call, number=str(n)).stand
        for _ in range(20):
            services.count_stand_visit(stand=stand, at=at(10, 11))
    with django_assert_num_queries(4):
        rows = list(reach.reach_rows(start=at(10, 0).date(), end=at(11, 0).date()))
    return rows


@pytest.mark.parametrize("fairs", [1, 4])
def test_the_reach_rows_of_stand_visits_take_four_queries_for_one_fair_or_many(
    django_assert_num_queries, fairs
):
    rows = _reach_queries(django_assert_num_queries, fairs)

    assert [row.people for row in rows] == [12] * fairs


@pytest.mark.parametrize("stands", [1, 5])
def test_the_staff_table_reads_two_queries_for_one_stand_or_many(django_assert_num_queries, stands):
    call = fair_call()
    for n in range(stands):
        stand = StandFactory(event=call.event, zone=call.event.zones.first(), number=str(n + 1))
        services.ensure_visit_code(stand=stand)
        services.count_stand_visit(stand=stand, at=at(10, 10))

    with django_assert_num_queries(2):
        table = queries.stand_visit_table(call.event)

    assert table["total"] == stands
    assert [line["code"] is not None for line in table["stands"]] == [True] * stands


def test_staff_print_every_stands_qr_code_one_page_each(client, settings):
    settings.SITE_URL = "https://edufest.example.org"
    call = fair_call()
    first = accepted(call, number="1", institution="Akademia Górnicza")
    second = accepted(call, number="2", institution="Uniwersytet Ekonomiczny")
    accepted(call, number="3", institution="Bez kodu")
    codes = [services.ensure_visit_code(stand=application.stand) for application in (second, first)]
    client.force_login(staff_user())

    response = client.get(f"/admin/fairs/odwiedziny/{call.event.pk}/kody.pdf")

    reader = pypdf.PdfReader(io.BytesIO(response.content))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(texts) == 2
    assert "Akademia Górnicza Stoisko 1, Strefa 1" in texts[0]
    assert "Uniwersytet Ekonomiczny Stoisko 2, Strefa 1" in texts[1]
    image = next(iter(reader.pages[1].images)).image
    assert [result.text for result in zxingcpp.read_barcodes(image.convert("L"))] == [
        f"https://edufest.example.org/stoisko/{codes[0].token}/"
    ]


def test_without_any_code_the_staff_pdf_sends_back_to_the_fairs_visits(client):
    call = fair_call()
    client.force_login(staff_user())

    response = client.get(f"/admin/fairs/odwiedziny/{call.event.pk}/kody.pdf")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/fairs/odwiedziny/{call.event.pk}/"


def test_the_exhibitors_page_speaks_english_under_en_and_polish_plurals_by_default(client):
    application = accepted(fair_call())
    for _ in range(5):
        services.count_stand_visit(stand=application.stand, at=at(10, 10))
    client.force_login(exhibitor_person(application.exhibitor))

    polish = " ".join(client.get(f"/wystawca/stoisko/{application.pk}/odwiedziny/").content.decode().split())
    english = " ".join(
        client.get(f"/en/wystawca/stoisko/{application.pk}/odwiedziny/").content.decode().split()
    )

    assert "Kod otwarto łącznie 5 razy." in polish
    assert "5 odwiedzin" in polish
    assert "Visits to your stand" in english
    assert "The code was opened 5 times in all." in english


def test_the_demo_gives_the_university_fair_codes_material_and_visits_once():
    call = fair_call(slug="festiwal-uczelni-malopolska")
    first = accepted(call, number="1")
    second = accepted(call, number="2", institution="Uniwersytet Jagielloński")
    loose = StandFactory(event=call.event, zone=call.event.zones.first(), number="9")
    ExhibitorCall.objects.filter(pk=call.pk).update(stand_visits_enabled=False)

    demo.seed_visits(stdout=io.StringIO())
    rows = sorted(StandVisitHour.objects.values_list("stand", "hour", "visits"))
    demo.seed_visits(stdout=io.StringIO())

    assert ExhibitorCall.objects.get(pk=call.pk).stand_visits_enabled
    assert StandVisitCode.objects.filter(stand__in=[first.stand, second.stand, loose]).count() == 3
    assert StandVisitCode.objects.get(stand=first.stand).material == demo.DEMO_MATERIAL
    assert sorted(StandVisitHour.objects.values_list("stand", "hour", "visits")) == rows
    assert [
        (hour.astimezone(WARSAW).hour, visits) for stand, hour, visits in rows if stand == second.stand.pk
    ] == [
        (9, 10),
        (10, 28),
        (11, 41),
        (12, 34),
        (13, 17),
        (14, 5),
    ]
    assert StandVisitHour.objects.filter(stand=loose).count() == 0


def test_the_demo_without_the_exhibitors_call_adds_nothing():
    make_fair(slug="festiwal-uczelni-malopolska")

    demo.seed_visits(stdout=io.StringIO())

    assert StandVisitCode.objects.count() == 0
