"""Demo content of the WZK (``SEED_DEMO``), each part in its own block and idempotent.

Fictional people and institutions only. Parts that need members look them up and create a few
themselves when the roster's demo has not run, so each part works alone and together.
"""

import datetime

from django.utils import timezone

from events.demo import _at, ensure_event, ensure_index
from events.models import EventKind, EventPage

from . import services
from .models import Conclusion, Meeting, Member, PartnerMorning, Pillar, Recommendation, StudyVisit

# --- recs: partner mornings, recommendations, a study visit (order 73) --------------------------

RECS_MEMBERS = [
    ("Halina", "Przykładowa", "halina.przykladowa@example.org", "Fikcyjna Izba Rzemiosła", Pillar.ECONOMY),
    (
        "Marek",
        "Testowy",
        "marek.testowy@example.org",
        "Zmyślone Centrum Kształcenia Zawodowego",
        Pillar.EDUCATION,
    ),
    ("Zofia", "Wzorcowa", "zofia.wzorcowa@example.org", "Urząd Województwa (przykład)", Pillar.EU_FUNDS),
    (
        "Piotr",
        "Demonstracyjny",
        "piotr.demonstracyjny@example.org",
        "Rada Dialogu (przykład)",
        Pillar.SOCIAL_DIALOGUE,
    ),
]

MORNINGS = [
    {
        "slug": "poranek-partnerski-kompetencje-it",
        "title": "Poranek partnerski: kompetencje przyszłości w branży IT",
        "topic": "Kompetencje przyszłości w branży IT",
        "days": -75,
        "notes": (
            "<p>Pracodawcy branży IT i dyrektorzy techników rozmawiali o tym, czego brakuje absolwentom: "
            "pracy w zespole, podstaw chmury i bezpieczeństwa.</p>"
        ),
        "conclusions": [
            "Więcej praktyk zawodowych u pracodawców IT już w drugiej klasie technikum.",
            "Wspólne szkolenia nauczycieli przedmiotów zawodowych z ekspertami z firm.",
        ],
    },
    {
        "slug": "poranek-partnerski-zielona-energia",
        "title": "Poranek partnerski: zielona energia i nowe zawody",
        "topic": "Zielona energia i nowe zawody",
        "days": -40,
        "notes": (
            "<p>Instalatorzy odnawialnych źródeł energii i szkoły branżowe o nowych kwalifikacjach "
            "i o pracowniach, których brakuje.</p>"
        ),
        "conclusions": [
            "Doposażenie pracowni instalacji fotowoltaicznych w szkołach branżowych.",
            "Kursy kwalifikacyjne dla dorosłych przekwalifikowujących się do branży energii.",
        ],
    },
]


def _demo_members():
    members = list(Member.objects.order_by("pk"))
    if len(members) >= 3:
        return members
    term_from = timezone.localdate() - datetime.timedelta(days=400)
    for first_name, last_name, email, institution, pillar in RECS_MEMBERS:
        Member.objects.get_or_create(
            email=email,
            term_from=term_from,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "institution": institution,
                "pillar": pillar,
            },
        )
    return list(Member.objects.order_by("pk"))


def _adopting_meeting():
    """The past meeting (the events demo's page with minutes) as a WZK meeting."""
    event = EventPage.objects.filter(slug="posiedzenie-wzk-protokol", kind=EventKind.MEETING).first()
    if event is None:
        return None
    meeting, _created = Meeting.objects.get_or_create(event=event, defaults={"number": "Posiedzenie (demo)"})
    return meeting


def _morning(index, spec, meeting):
    event = ensure_event(
        index,
        slug=spec["slug"],
        title=spec["title"],
        kind=EventKind.WORKSHOP,
        lead="Spotkanie szkół i pracodawców przy kawie: jeden temat, wnioski dla WZK.",
        starts_at=_at(spec["days"], 9),
        ends_at=_at(spec["days"], 11),
        venue_name="Centrum Partnerstwa (przykład)",
        street="ul. Przykładowa 1",
        postal_code="15-001",
        municipality="Białystok",
        county="2061",
        voivodeship="20",
        organiser="Wojewódzki Zespół Koordynacji",
        audiences=["teachers", "employers"],
    )
    morning = PartnerMorning.objects.filter(event=event).first()
    if morning is None:
        morning = PartnerMorning(event=event, topic=spec["topic"], notes=spec["notes"], presented_at=meeting)
        morning.conclusions = [Conclusion(text=text) for text in spec["conclusions"]]
        morning.save()
    return morning


def _recommendation(title, **fields):
    existing = Recommendation.objects.filter(title=title).first()
    if existing is not None:
        return existing
    return services.save_recommendation(recommendation=Recommendation(title=title, **fields))


def seed_recs(*, home, stdout=None):
    index = ensure_index(home)
    members = _demo_members()
    meeting = _adopting_meeting()
    mornings = [_morning(index, spec, meeting) for spec in MORNINGS]

    today = timezone.localdate()
    visit = StudyVisit.objects.filter(title="Wizyta studyjna: kształcenie dualne w Saksonii").first()
    if visit is None:
        starts_on = today - datetime.timedelta(days=100)
        visit = StudyVisit.objects.create(
            title="Wizyta studyjna: kształcenie dualne w Saksonii",
            country="Niemcy",
            destination="Drezno",
            institutions="Izba rzemieślnicza (przykład)\nSzkoła zawodowa (przykład)",
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=3),
            report=(
                "<p>Uczniowie spędzają u pracodawcy trzy dni w tygodniu; izba prowadzi egzaminy. "
                "Wnioski: umowy szkół z izbami i wspólne egzaminy zawodowe.</p>"
            ),
        )
        during = [
            member
            for member in members
            if member.is_current_on(starts_on) and member.is_current_on(visit.ends_on)
        ]
        visit.participants.set(during[:3])
        visit.save()

    if meeting is not None:
        adopted_day = timezone.localtime(meeting.event.starts_at).date()
        first, second = (morning.conclusions.first() for morning in mornings)
        _recommendation(
            "Praktyki w branży IT od drugiej klasy",
            text=first.text,
            source_morning=mornings[0],
            conclusion=first,
            status=Recommendation.Status.ADOPTED,
            adopted_at=meeting,
            is_public=True,
        )
        _recommendation(
            "Pracownie fotowoltaiki w szkołach branżowych",
            text=second.text,
            source_morning=mornings[1],
            conclusion=second,
            status=Recommendation.Status.ANSWERED,
            adopted_at=meeting,
            sent_on=adopted_day + datetime.timedelta(days=7),
            answered_on=adopted_day + datetime.timedelta(days=30),
            board_answer=(
                "Zarząd województwa przeznaczy środki na doposażenie pracowni w pięciu szkołach "
                "w kolejnym naborze."
            ),
            is_public=True,
        )
    _recommendation(
        "Umowy szkół z izbami rzemieślniczymi",
        text="Zarząd województwa zachęca szkoły do umów z izbami o wspólnych egzaminach zawodowych.",
        source_visit=visit,
        status=Recommendation.Status.DRAFTED,
    )
    if stdout is not None:
        stdout.write("WZK: partner mornings, recommendations and a study visit ready.")
