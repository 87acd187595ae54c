"""Demo content of certificates: a past festival with check-ins and its certificates issued."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from events.checkin.models import CheckIn, CheckInList
from events.demo import INDEX_SLUG, ensure_event
from events.models import EventIndexPage, EventKind
from events.registration.models import Registration, Ticket, TicketType
from events.registration.services import PRIVACY_NOTICE_VERSION

from . import services
from .models import CertificateSettings

SLUG = "festiwal-zawodow-opolskie-jesien"
DEMO_TEACHER_EMAIL = "teacher@example.org"  # the contests demo's teacher, if seeded

# (name, e-mail, ticket kind, school, pupils, adults, checked in): fictional people only.
PEOPLE = [
    ("Zofia Wiśniewska", "zofia.wisniewska@example.org", "individual", "", 0, 0, 1),
    ("Łukasz Żak", "lukasz.zak@example.org", "individual", "", 0, 0, 1),
    ("Tomasz Zieliński", "tomasz.zielinski@example.org", "individual", "", 0, 0, 0),  # did not come
    ("Ewa Przykładowa", DEMO_TEACHER_EMAIL, "group", "Publiczna Szkoła Podstawowa nr 3 w Opolu", 24, 2, 23),
]


def _day(days_ago, hour):
    date = timezone.localdate() - datetime.timedelta(days=days_ago)
    while date.weekday() >= 5:  # a working day
        date -= datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour)))


def seed(*, stdout=None):
    index = EventIndexPage.objects.filter(slug=INDEX_SLUG).first()
    if index is None:
        return
    starts_at = _day(20, 9)
    event = ensure_event(
        index,
        slug=SLUG,
        title="Jesienny Festiwal Zawodów w Opolu",
        kind=EventKind.FESTIVAL,
        lead="Pokazy zawodów, warsztaty i rozmowy z pracodawcami — festiwal już się odbył.",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=6),
        venue_name="Centrum Wystawienniczo-Kongresowe",
        street="ul. Wrocławska 151",
        postal_code="45-837",
        municipality="Opole",
        organiser="Wojewódzki Urząd Pracy w Opolu",
        audiences=["pupils", "teachers"],
    )
    if event.certificates.exists():
        return
    individual, _ = TicketType.objects.get_or_create(
        event=event,
        name="Wstęp indywidualny",
        defaults={"kind": TicketType.Kind.INDIVIDUAL, "capacity": 300, "max_group_size": 1},
    )
    group, _ = TicketType.objects.get_or_create(
        event=event,
        name="Klasa z opiekunami",
        defaults={"kind": TicketType.Kind.GROUP, "capacity": 400, "max_group_size": 40},
    )
    entrance, _ = CheckInList.objects.get_or_create(event=event, name="Wejście")
    teacher = get_user_model().objects.filter(email=DEMO_TEACHER_EMAIL).first()
    checked_in_at = starts_at + datetime.timedelta(minutes=20)
    for name, email, kind, school, pupils, adults, present in PEOPLE:
        is_group = kind == "group"
        registration, _ = Registration.objects.get_or_create(
            event=event,
            email=email,
            defaults={
                "ticket_type": group if is_group else individual,
                "status": Registration.Status.CONFIRMED,
                "name": name,
                "places": pupils + adults if is_group else 1,
                "pupils": pupils,
                "adults": adults,
                "school_name": school,
                "teacher": teacher if is_group else None,
                "privacy_notice_version": PRIVACY_NOTICE_VERSION,
                "privacy_acknowledged_at": starts_at - datetime.timedelta(days=10),
            },
        )
        ticket, _ = Ticket.objects.get_or_create(registration=registration)
        if present:
            CheckIn.objects.get_or_create(
                ticket=ticket,
                checkin_list=entrance,
                defaults={"people": present, "first_at": checked_in_at, "last_at": checked_in_at},
            )
    CertificateSettings.objects.get_or_create(
        event=event,
        defaults={
            "enabled": True,
            "signatory_name": "Anna Przykładowa",
            "signatory_function": "Dyrektor Wojewódzkiego Urzędu Pracy w Opolu",
        },
    )
    count = services.issue_certificates(
        event=event, now=event.ends_at + datetime.timedelta(hours=1), mail=False
    )
    if stdout:
        stdout.write(f"Certificates demo: {event.title}, {count} certificates issued")
