"""Partner mornings, recommendations, study visits, reach and the member's private calendar feed."""

import datetime
import io

import icalendar
import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from cms.reach.figures import collect_rows
from cms.tests.factories import StaffFactory, UserFactory
from events.calendars.tests.checks import libical_errors
from events.checkin.models import CheckIn
from events.checkin.tests.factories import CheckInListFactory, RegistrationFactory, TicketFactory
from events.tests.factories import EventPageFactory
from events.wzk import reach, services
from events.wzk.models import AgendaItem, Recommendation
from events.wzk.tests.factories import (
    ConclusionFactory,
    InvitationFactory,
    MeetingFactory,
    MemberFactory,
    PartnerMorningFactory,
    RecommendationFactory,
    StudyVisitFactory,
)

pytestmark = pytest.mark.django_db
SECRET_LINK = "https://meet.example.org/tajny-pokoj-4f9a"


def rules(**overrides):
    data = {
        "status": Recommendation.Status.DRAFTED,
        "adopted_at": None,
        "sent_on": None,
        "board_answer": "",
        "answered_on": None,
        "implemented_on": None,
        "is_public": False,
        "source_morning": object(),
    }
    data.update(overrides)
    return services.recommendation_problems(**data)


def test_an_adopted_recommendation_needs_the_meeting():
    assert rules(status="adopted") == {
        "adopted_at": "Rekomendacja przyjęta musi wskazywać posiedzenie, na którym WZK ją przyjął."
    }


def test_an_answered_recommendation_needs_the_answer_and_its_date(db):
    meeting = MeetingFactory()
    problems = rules(
        status="answered", adopted_at=meeting, sent_on=timezone.localdate() + datetime.timedelta(days=30)
    )
    assert problems == {
        "board_answer": "Rekomendacja z odpowiedzią zarządu musi zawierać treść tej odpowiedzi.",
        "answered_on": "Podaj datę odpowiedzi zarządu.",
    }


def test_only_an_adopted_recommendation_may_be_public_and_it_needs_one_source():
    assert rules(is_public=True, source_morning=None) == {
        "source_morning": "Wskaż jedno źródło rekomendacji: poranek partnerski, posiedzenie albo wizytę studyjną.",
        "is_public": "Na stronie publicznej można pokazać tylko rekomendację przyjętą przez WZK.",
    }


def test_the_board_cannot_answer_before_the_recommendation_was_sent(db):
    meeting = MeetingFactory()
    day = timezone.localtime(meeting.event.starts_at).date()
    problems = rules(
        status="answered",
        adopted_at=meeting,
        sent_on=day + datetime.timedelta(days=5),
        answered_on=day + datetime.timedelta(days=2),
        board_answer="Tak.",
    )
    assert problems == {"answered_on": "Zarząd nie może odpowiedzieć przed wysłaniem rekomendacji."}


def test_save_refuses_an_inconsistent_status():
    morning = PartnerMorningFactory()
    with pytest.raises(ValidationError):
        services.save_recommendation(
            recommendation=Recommendation(title="T", text="X", source_morning=morning, status="sent")
        )


def test_the_number_suggested_is_the_next_of_the_year():
    RecommendationFactory(number="R/2026/1")
    RecommendationFactory(number="R/2026/7")
    RecommendationFactory(number="R/2025/9")
    assert services.suggest_recommendation_number(year=2026) == "R/2026/8"
    assert services.suggest_recommendation_number(year=2027) == "R/2027/1"


def test_a_recommendation_from_a_conclusion_starts_with_its_text_and_source():
    RecommendationFactory(number=f"R/{timezone.localdate().year}/4")
    conclusion = ConclusionFactory(text="Więcej praktyk.\nDruga linia.")
    assert services.recommendation_draft_from_conclusion(conclusion=conclusion) == {
        "number": f"R/{timezone.localdate().year}/5",
        "title": "Więcej praktyk.",
        "text": "Więcej praktyk.\nDruga linia.",
        "source_morning": conclusion.morning.pk,
        "conclusion": conclusion.pk,
        "status": "drafted",
    }


def test_the_admin_add_form_is_prefilled_from_a_conclusion(client):
    conclusion = ConclusionFactory(text="Wspólne szkolenia nauczycieli.")
    client.force_login(StaffFactory())
    response = client.get(f"/admin/wzk/rekomendacje/z-wniosku/{conclusion.pk}/", follow=True)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["text"] == "Wspólne szkolenia nauczycieli."
    assert form.initial["source_morning"] == conclusion.morning.pk


def test_the_admin_form_shows_the_rule_in_polish_and_keeps_the_input(client):
    morning = PartnerMorningFactory()
    client.force_login(StaffFactory())
    response = client.post(
        "/admin/wzk/rekomendacje/new/",
        {
            "number": "R/2026/1",
            "title": "Praktyki",
            "text": "Tekst",
            "status": "adopted",
            "source_morning": morning.pk,
        },
    )
    assert response.status_code == 200
    assert "Rekomendacja przyjęta musi wskazywać posiedzenie" in response.content.decode()
    assert response.context["form"]["title"].value() == "Praktyki"
    assert Recommendation.objects.count() == 0


def test_the_register_exports_exact_cells(client):
    meeting = MeetingFactory(
        number="3. posiedzenie", event__starts_at=timezone.make_aware(datetime.datetime(2026, 3, 10, 10))
    )
    morning = PartnerMorningFactory(topic="Kompetencje IT")
    RecommendationFactory(
        number="R/2026/1",
        title="Praktyki",
        text="=SUM(A1)",
        source_morning=morning,
        status="answered",
        adopted_at=meeting,
        sent_on=datetime.date(2026, 3, 20),
        answered_on=datetime.date(2026, 4, 15),
        board_answer="Zgoda zarządu.",
        is_public=True,
    )
    client.force_login(StaffFactory())
    response = client.get("/admin/wzk/rekomendacje/rejestr.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Numer", "Tytuł", "Rekomendacja", "Źródło", "Status", "Przyjęta na posiedzeniu",
        "Wysłana do zarządu", "Odpowiedź z dnia", "Wdrożona", "Odpowiedź zarządu", "Na stronie publicznej",
    ]  # fmt: skip
    assert rows[1] == [
        "R/2026/1",
        "Praktyki",
        "=SUM(A1)",
        "Poranek partnerski: Kompetencje IT",
        "z odpowiedzią zarządu",
        "3. posiedzenie (10.03.2026)",
        datetime.datetime(2026, 3, 20),
        datetime.datetime(2026, 4, 15),
        None,
        "Zgoda zarządu.",
        "tak",
    ]
    assert sheet["C2"].data_type == "s"


def _public_recommendations(count, first=10):
    meeting = MeetingFactory()
    for number in range(count):
        morning = PartnerMorningFactory(topic=f"Temat {number}")
        RecommendationFactory(
            number=f"R/2026/{number + first}", title=f"Publiczna {number}", source_morning=morning,
            status="adopted", adopted_at=meeting, is_public=True,
        )  # fmt: skip


def test_the_public_page_shows_only_public_adopted_recommendations(client):
    meeting = MeetingFactory()
    morning = PartnerMorningFactory(topic="Zielona energia")
    RecommendationFactory(
        number="R/2026/1", title="Pokazana", source_morning=morning, status="answered", adopted_at=meeting,
        sent_on=datetime.date(2026, 1, 5), answered_on=datetime.date(2026, 2, 1),
        board_answer="Zarząd przeznaczy środki.", is_public=True,
    )  # fmt: skip
    RecommendationFactory(
        number="R/2026/2", title="Niepubliczna", source_morning=morning, status="adopted", adopted_at=meeting
    )
    RecommendationFactory(
        number="R/2026/3", title="Szkic", source_morning=morning, status="drafted", is_public=True
    )

    response = client.get("/wzk/rekomendacje/")
    text = response.content.decode()
    assert response.status_code == 200
    assert (
        "Pokazana" in text
        and "Zarząd przeznaczy środki." in text
        and "Poranek partnerski: Zielona energia" in text
    )
    assert "Niepubliczna" not in text and "Szkic" not in text
    english = client.get("/en/wzk/rekomendacje/").content.decode()
    assert "Recommendations of the WZK" in english and "Pokazana" in english


def test_the_public_page_runs_the_same_queries_for_2_and_10_recommendations(client):
    _public_recommendations(2)
    client.get("/wzk/rekomendacje/")
    cache.clear()
    with CaptureQueriesContext(connection) as two:
        client.get("/wzk/rekomendacje/")
    _public_recommendations(8, first=20)
    cache.clear()
    with CaptureQueriesContext(connection) as ten:
        response = client.get("/wzk/rekomendacje/")
    assert response.content.decode().count('class="wzk-recommendation"') == 10
    assert len(ten) == len(two), [query["sql"][:80] for query in ten.captured_queries]


def test_the_event_page_of_a_partner_morning_shows_its_topic(client):
    morning = PartnerMorningFactory(topic="Kompetencje przyszłości w branży IT")
    response = client.get(morning.event.url)
    assert 'class="partner-morning-topic"' in response.content.decode()
    assert "Kompetencje przyszłości w branży IT" in response.content.decode()


def test_a_visit_participant_must_be_a_member_on_its_dates(client):
    former = MemberFactory(
        term_from=datetime.date(2020, 1, 1), term_to=datetime.date(2021, 1, 1), last_name="Dawny"
    )
    client.force_login(StaffFactory())
    response = client.post(
        "/admin/wzk/wizyty/new/",
        {
            "title": "Wizyta",
            "country": "Niemcy",
            "starts_on": "2026-05-04",
            "ends_on": "2026-05-07",
            "participants": [former.pk],
        },
    )
    assert response.status_code == 200
    assert f"Nie byli członkami WZK w dniach wizyty: {former.name}." in response.content.decode()


# --- reach --------------------------------------------------------------------------------------


def _checked_in(registration, people=1):
    ticket = TicketFactory(registration=registration)
    checkin_list = CheckInListFactory(event=registration.event)
    now = timezone.now()
    CheckIn.objects.create(ticket=ticket, checkin_list=checkin_list, people=people, first_at=now, last_at=now)


def test_reach_of_a_meeting_counts_each_attendee_once_across_providers():
    meeting = MeetingFactory(
        event__starts_at=timezone.now() - datetime.timedelta(hours=3),
        event__ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    event = meeting.event
    at_the_door = InvitationFactory(
        meeting=meeting, member=MemberFactory(institution="Izba A", county="2061", voivodeship="20")
    )
    at_the_door.registration = RegistrationFactory(ticket_type__event=event, places=1, pupils=0, adults=1)
    at_the_door.save()
    _checked_in(at_the_door.registration)
    InvitationFactory(
        meeting=meeting, member=MemberFactory(institution="Izba A"), present_online_at=timezone.now()
    )
    InvitationFactory(
        meeting=meeting, member=MemberFactory(institution="Urząd B"), present_online_at=timezone.now()
    )
    InvitationFactory(meeting=meeting, member=MemberFactory(institution="Nieobecni C"))
    day = timezone.localdate()

    rows = [
        row
        for row in collect_rows(start=day - datetime.timedelta(days=1), end=day)
        if row.activity_key == f"event:{event.pk}"
    ]
    assert sum(row.people for row in rows) == 3
    wzk_rows = list(reach.meeting_rows(start=day - datetime.timedelta(days=1), end=day))
    assert sorted(row.institution for row in wzk_rows) == ["wzk:izba a", "wzk:izba a", "wzk:urząd b"]
    assert {row.basis for row in wzk_rows} == {"checked_in"}
    assert [row.county for row in wzk_rows if row.people == 0] == ["2061"]
    assert {row.county for row in wzk_rows if row.people == 1} == {event.county}


def test_a_partner_morning_is_counted_once_by_its_registrations():
    morning = PartnerMorningFactory(event__starts_at=timezone.now() - datetime.timedelta(hours=2))
    for _number in range(2):
        registration = RegistrationFactory(ticket_type__event=morning.event, places=1, pupils=0, adults=1)
        _checked_in(registration)
    day = timezone.localdate()
    rows = [
        row
        for row in collect_rows(start=day - datetime.timedelta(days=1), end=day)
        if row.activity_key == f"event:{morning.event.pk}"
    ]
    assert sum(row.people for row in rows) == 2
    assert len(rows) == 2


def test_reach_of_a_study_visit_counts_its_participants():
    visit = StudyVisitFactory(starts_on=datetime.date(2026, 5, 4), ends_on=datetime.date(2026, 5, 7))
    visit.participants.set(
        [
            MemberFactory(institution="Izba A", county="2061", voivodeship="20"),
            MemberFactory(institution="Izba A"),
            MemberFactory(institution="Urząd B"),
        ]
    )
    visit.save()
    rows = list(reach.visit_rows(start=datetime.date(2026, 5, 1), end=datetime.date(2026, 5, 31)))
    assert sum(row.people for row in rows) == 3
    assert len({row.institution for row in rows}) == 2
    assert {row.basis for row in rows} == {"participants"}
    assert sorted(row.county for row in rows) == ["", "", "2061"]
    assert rows[0].records_url.endswith(f"/admin/wzk/wizyty/edit/{visit.pk}/")
    assert list(reach.visit_rows(start=datetime.date(2026, 6, 1), end=datetime.date(2026, 6, 30))) == []


# --- the member's private calendar feed ---------------------------------------------------------


def _invited_member():
    member = MemberFactory(user=UserFactory())
    meeting = MeetingFactory(event__online_url=SECRET_LINK, event__lead="Plan na rok")
    AgendaItem.objects.create(
        meeting=meeting, title="Przyjęcie porządku", presenter="Przewodnicząca", sort_order=0
    )
    InvitationFactory(meeting=meeting, member=member)
    return member, meeting


def test_the_private_feed_holds_the_invited_meetings_with_link_and_agenda(client):
    member, meeting = _invited_member()
    MeetingFactory()  # not invited
    token = services.turn_on_calendar_feed(member=member)
    assert len(token) >= 43

    response = client.get(f"/wzk/kalendarz/{token}.ics")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    events = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [f"wzk-meeting-{meeting.pk}@127.0.0.1"]
    description = str(events[0]["DESCRIPTION"])
    assert SECRET_LINK in description and "1. Przyjęcie porządku (Przewodnicząca)" in description
    assert libical_errors(response.content) == []


def test_a_revoked_feed_address_gives_404_and_the_new_one_works(client):
    member, _meeting = _invited_member()
    old = services.turn_on_calendar_feed(member=member)
    new = services.revoke_calendar_feed(member=member)
    assert new != old
    assert client.get(f"/wzk/kalendarz/{old}.ics").status_code == 404
    assert client.get(f"/wzk/kalendarz/{new}.ics").status_code == 200


def test_the_member_turns_the_feed_on_and_revokes_it_from_their_page(client):
    member, _meeting = _invited_member()
    client.force_login(member.user)
    assert "Turn on" in client.get("/en/wzk/kalendarz/").content.decode()
    client.post("/wzk/kalendarz/", {"action": "turn_on"})
    member.refresh_from_db()
    first = member.calendar_token
    assert first in client.get("/wzk/kalendarz/").content.decode()
    client.post("/wzk/kalendarz/", {"action": "revoke"})
    member.refresh_from_db()
    assert member.calendar_token not in (None, first)


def test_every_public_feed_holds_no_members_only_detail(client):
    _member, meeting = _invited_member()
    event = meeting.event
    cache.clear()
    urls = [
        "/calendar.ics",
        "/en/calendar.ics",
        "/calendar/meeting.ics",
        f"/calendar/{event.voivodeship}/{event.county}.ics",
        f"/wydarzenia/{event.pk}.ics",
        "/api/v1/events",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert SECRET_LINK not in body, url
        assert "Przyjęcie porządku" not in body and "Plan na rok" not in body, url
    assert str(event.pk) in client.get("/calendar.ics").content.decode()


def test_a_partner_morning_belongs_to_a_workshop_event(client):
    festival = EventPageFactory(kind="festival")
    client.force_login(StaffFactory())
    response = client.post(
        "/admin/wzk/poranki/new/",
        {
            "event": festival.pk,
            "topic": "Temat",
            "conclusions-TOTAL_FORMS": "0",
            "conclusions-INITIAL_FORMS": "0",
            "conclusions-MIN_NUM_FORMS": "0",
            "conclusions-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Wybierz wydarzenie rodzaju „poranek partnerski / warsztaty”." in response.content.decode()


def test_the_register_export_keeps_the_status_filter(client):
    morning = PartnerMorningFactory()
    RecommendationFactory(number="R/2026/1", title="Szkic", source_morning=morning)
    RecommendationFactory(
        number="R/2026/2",
        title="Przyjęta",
        source_morning=morning,
        status="adopted",
        adopted_at=MeetingFactory(),
    )
    client.force_login(StaffFactory())
    response = client.get("/admin/wzk/rekomendacje/rejestr.xlsx?status=adopted")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == ["Przyjęta"]
