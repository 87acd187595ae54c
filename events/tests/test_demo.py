import datetime

from django.utils import timezone
from wagtail import hooks
from wagtail.documents import get_document_model

from cms.hooks import SEED_DEMO
from events.demo import event_day, is_working_day
from events.models import EventIndexPage, EventPage, Session, Stand, Zone

SLUGS = {
    "festiwal-zawodow-opolskie",
    "festiwal-uczelni-malopolska",
    "konferencja-doradztwa-zawodowego",
    "poranek-partnerski-archiwum",
    "webinar-ksztalcenie-dualne",
    "posiedzenie-wzk",
    "posiedzenie-wzk-protokol",
}


def seed(home):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ == "events.wagtail_hooks":
            fn(home=home, stdout=None)


def counts():
    models = (EventIndexPage, EventPage, Session, Zone, Stand, get_document_model())
    return tuple(model.objects.count() for model in models)


def test_demo_events_are_seeded_once(demo_site):
    seed(demo_site)
    first = counts()
    seed(demo_site)

    assert counts() == first
    index = EventIndexPage.objects.get(slug="wydarzenia")
    assert index.show_in_menus and index.get_parent().pk == demo_site.pk
    assert set(EventPage.objects.child_of(index).values_list("slug", flat=True)) == SLUGS


def test_demo_events_are_dated_around_today(demo_site):
    seed(demo_site)
    now = timezone.now()
    events = {event.slug: event for event in EventPage.objects.all()}

    festival = events["festiwal-zawodow-opolskie"]
    assert festival.registration_enabled
    assert festival.registration_opens_at < now < festival.registration_closes_at < festival.starts_at
    assert timezone.localdate(festival.ends_at) - timezone.localdate(
        festival.starts_at
    ) == datetime.timedelta(days=1)
    assert len({timezone.localdate(session.starts_at) for session in festival.sessions.all()}) == 2
    assert set(festival.audiences.values_list("audience", flat=True)) == {"pupils", "teachers"}
    assert (festival.county, festival.voivodeship, festival.postal_code) == ("1661", "16", "45-836")

    fair = events["festiwal-uczelni-malopolska"]
    assert (fair.venue_name, fair.street, fair.postal_code, fair.county, fair.voivodeship) == (
        "EXPO Kraków",
        "ul. Galicyjska 9",
        "31-586",
        "1261",
        "12",
    )
    assert fair.zones.count() == 11
    assert Stand.objects.filter(event=fair).count() == 34
    assert not Stand.objects.filter(event=fair, zone=None).exists()

    conference = events["konferencja-doradztwa-zawodowego"]
    assert now < conference.registration_opens_at < conference.starts_at
    assert events["poranek-partnerski-archiwum"].ends_at < now
    webinar = events["webinar-ksztalcenie-dualne"]
    assert webinar.is_online and webinar.online_url and not webinar.venue_name
    assert events["posiedzenie-wzk"].members_only
    past_meeting = events["posiedzenie-wzk-protokol"]
    assert past_meeting.members_only and past_meeting.ends_at < now
    assert past_meeting.minutes.file.read().decode().startswith("Protokół z posiedzenia")
    for event in events.values():
        event.full_clean()


def test_demo_pages_render(client, demo_site):
    seed(demo_site)

    for event in EventPage.objects.all():
        assert client.get(event.url).status_code == 200
    assert client.get("/wydarzenia/").status_code == 200
    assert client.get("/wydarzenia/archiwum/").status_code == 200


def test_demo_events_fall_on_working_days(demo_site):
    seed(demo_site)

    days = {
        (event.slug, timezone.localdate(moment))
        for event in EventPage.objects.prefetch_related("sessions")
        for moment in [event.starts_at, event.ends_at, *(s.starts_at for s in event.sessions.all())]
    }

    assert [(slug, day) for slug, day in days if not is_working_day(day)] == []


def test_demo_event_days_skip_weekends_holidays_and_christmas_eve():
    today = datetime.date(2026, 12, 3)  # a Thursday

    assert event_day(10, today=today) == datetime.date(2026, 12, 14)  # not Sunday the 13th
    assert event_day(21, today=today) == datetime.date(2026, 12, 28)  # not 24-27 December
    assert event_day(0, today=datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 4)
    for offset in range(120):
        first = event_day(offset, today=today)
        assert is_working_day(first) and is_working_day(first + datetime.timedelta(days=1))
