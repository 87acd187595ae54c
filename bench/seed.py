"""Data each benchmark needs, written into the bench database with the apps' own models and the
factories the tests use (factory-boy is in requirements-dev). Runs inside the Django-configured
driver process (bench/run.py), never in the server under test."""

import datetime
import io
import secrets

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.utils import timezone

from cms.tests.factories import StaffFactory, TeacherFactory
from contests.models import Film
from contests.tests.factories import EntryFactory, SchoolFactory, make_contest
from events.models import EventAudience, EventIndexPage, EventPage
from events.registration.models import Registration, Ticket, TicketType
from events.tests.factories import EventIndexPageFactory, EventPageFactory


def create_baseline_table():
    """The table of the bare insert view (bench/views.py); it lives in the bench database only."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_row (id bigserial PRIMARY KEY, created_at timestamptz NOT NULL,"
            " payload bytea NOT NULL)"
        )
        cursor.execute("TRUNCATE bench_row")


def baseline_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_row")
        return cursor.fetchone()[0]


def demo_event():
    """A published event of the demo content (its page is what a visitor opens from the home page)."""
    return (
        EventPage.objects.live()
        .public()
        .exclude(slug__startswith="bench")
        .filter(starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )


def rush_event(*, places, title):
    """An open event with one individual ticket type of ``places`` places and no waiting list."""
    event = EventPageFactory(
        title=title,
        slug=f"bench-{secrets.token_hex(4)}",
        registration_enabled=True,
        starts_at=timezone.now() + datetime.timedelta(days=30),
    )
    ticket_type = TicketType.objects.create(
        event=event, name="Wstęp", kind=TicketType.Kind.INDIVIDUAL, capacity=places, max_group_size=1,
        waitlist_enabled=False,
    )  # fmt: skip
    return event, ticket_type


def oversold(ticket_type):
    """(confirmed places in the database, capacity, confirmed registrations, tickets)."""
    confirmed = Registration.objects.filter(ticket_type=ticket_type, status=Registration.Status.CONFIRMED)
    places = confirmed.aggregate(total=Sum("places"))["total"] or 0
    tickets = Ticket.objects.filter(registration__ticket_type=ticket_type).count()
    return places, ticket_type.capacity, confirmed.count(), tickets


def ticket_secrets(ticket_type):
    return list(
        Ticket.objects.filter(registration__ticket_type=ticket_type)
        .order_by("pk")
        .values_list("secret", flat=True)
    )


def api_token():
    """A staff user and a bearer token made the documented way: ``manage.py create_api_token``."""
    staff = StaffFactory(username=f"bench-staff-{secrets.token_hex(3)}")
    output = io.StringIO()
    call_command("create_api_token", staff.username, name="bench scanner", stdout=output)
    return output.getvalue().strip().splitlines()[-1]


def teacher_session(*, upload_mb):
    """A teacher of a school with a draft entry in an open contest whose category takes the film;
    returns (entry id, session cookie value, CSRF secret) — the state of a signed-in browser."""
    teacher = TeacherFactory(username=f"bench-teacher-{secrets.token_hex(3)}")
    school = SchoolFactory(teachers=[teacher], rspo=str(secrets.randbelow(10**9)))
    contest = make_contest(
        max_file_size_mb=max(upload_mb + 1, 50), accepted_containers="mp4,mov,mkv,webm,avi"
    )
    entry = EntryFactory(contest=contest, school=school)
    session = SessionStore()
    session[SESSION_KEY] = str(teacher.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # axes comes first
    session[HASH_SESSION_KEY] = teacher.get_session_auth_hash()
    session.save()
    csrf = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret as Django's cookie holds
    return entry.pk, session.session_key, csrf


def film_path(entry_id):
    film = Film.objects.filter(entry_id=entry_id).first()
    return film.original.storage.path(film.original.name) if film else None


EVENT_DEFAULTS = {
    "kind": "festival",
    "lead": "Spotkania z pracodawcami i doradcami zawodowymi.",
    "venue_name": "Centrum Wystawienniczo-Kongresowe",
    "street": "ul. Wrocławska 115",
    "postal_code": "45-836",
    "municipality": "Opole",
    "county": "1661",
    "voivodeship": "16",
    "organiser": "Wojewódzki Urząd Pracy w Opolu",
}


def add_live_page(parent, page):
    """Add ``page`` live under ``parent`` as a published page looks in the database, without a
    revision or the publish signals: list and feed data at a fraction of the cost of a publish."""
    now = timezone.now()
    page.first_published_at = page.last_published_at = now
    page.live = True
    parent.add_child(instance=page)
    return page


def add_event(parent, *, audiences=(), **fields):
    page = EventPage(**{**EVENT_DEFAULTS, **fields})
    page.audiences = [EventAudience(audience=audience) for audience in audiences]
    return add_live_page(parent, page)


def feed_items():
    """VEVENTs in /calendar.ics as the server would answer it now."""
    cache.clear()
    response = Client().get("/calendar.ics")
    return response.content.count(b"BEGIN:VEVENT")


def calendar_events(total):
    """Add public events (spread over the next 80 days) until the feed holds ``total`` items."""
    index = EventIndexPage.objects.filter(slug="bench-kalendarz").first()
    if index is None:
        index = EventIndexPageFactory(slug="bench-kalendarz", title="Kalendarz (bench)", show_in_menus=False)
    missing = total - feed_items()
    start = timezone.now().replace(minute=0, second=0, microsecond=0)
    for number in range(max(0, missing)):
        begins = start + datetime.timedelta(days=1 + number % 80, hours=number % 9)
        add_event(
            index,
            title=f"Wydarzenie kalendarza {number}",
            slug=f"bench-kal-{number}",
            starts_at=begins,
            ends_at=begins + datetime.timedelta(hours=3),
            audiences=["pupils"],
        )
    return feed_items()
