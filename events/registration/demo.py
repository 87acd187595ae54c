"""Demo ticket types, questions and codes for the events app's demo events (found by slug)."""

from events.models import EventPage

from .models import InvitationCode, Question, TicketType


def _ticket_type(event, name, **fields):
    sessions = fields.pop("sessions", None)
    ticket_type, _created = TicketType.objects.get_or_create(event=event, name=name, defaults=fields)
    if sessions is not None and _created:
        ticket_type.sessions.set(sessions)
        ticket_type.save()  # a ParentalManyToManyField is written on save
    return ticket_type


def _event(slug, *, open_registration=False):
    event = EventPage.objects.filter(slug=slug).first()
    if event is not None and open_registration and not event.registration_enabled:
        event.registration_enabled = True
        event.save_revision().publish()
    return event


def seed(*, stdout=None):
    festival = _event("festiwal-zawodow-opolskie")
    if festival:
        sessions = list(festival.sessions.order_by("starts_at", "pk")[:2])
        _ticket_type(
            festival,
            "Wstęp indywidualny",
            kind=TicketType.Kind.INDIVIDUAL,
            capacity=300,
            max_group_size=1,
            description="Dla uczniów szkół średnich, studentów i dorosłych; wystarczy imię, nazwisko i e-mail.",
            sessions=sessions,
            position=0,
        )
        _ticket_type(
            festival,
            "Grupa szkolna",
            kind=TicketType.Kind.GROUP,
            capacity=600,
            max_group_size=40,
            school_cap=120,
            description="Klasa z opiekunami; zapisuje nauczyciel zalogowany jako koordynator szkolny.",
            sessions=sessions,
            position=1,
        )
        Question.objects.get_or_create(
            event=festival,
            label="Który zawód najbardziej Cię interesuje?",
            defaults={"kind": Question.Kind.TEXT, "required": False},
        )
    fair = _event("festiwal-uczelni-malopolska", open_registration=True)
    if fair:
        _ticket_type(
            fair, "Wstęp indywidualny", kind=TicketType.Kind.INDIVIDUAL, capacity=2000, max_group_size=1
        )
        _ticket_type(
            fair,
            "Grupa szkolna",
            kind=TicketType.Kind.GROUP,
            capacity=3000,
            max_group_size=35,
            school_cap=140,
            position=1,
        )
        Question.objects.get_or_create(
            event=fair,
            label="Czy potrzebujesz asystencji lub udogodnień?",
            defaults={"kind": Question.Kind.YES_NO, "required": False},
        )
    conference = _event("konferencja-doradztwa-zawodowego")
    if conference:
        _ticket_type(
            conference,
            "Uczestnik konferencji",
            kind=TicketType.Kind.INDIVIDUAL,
            capacity=150,
            max_group_size=1,
            description="Dla doradców zawodowych, nauczycieli i pedagogów.",
        )
        Question.objects.get_or_create(
            event=conference,
            label="Instytucja",
            defaults={"kind": Question.Kind.TEXT, "required": True},
        )
    meeting = _event("posiedzenie-wzk", open_registration=True)
    if meeting:
        member = _ticket_type(
            meeting,
            "Członek zespołu",
            kind=TicketType.Kind.INDIVIDUAL,
            capacity=40,
            max_group_size=1,
            invitation_required=True,
            waitlist_enabled=False,
        )
        InvitationCode.objects.get_or_create(
            code="WZK-CZLONKOWIE-2026",
            defaults={
                "event": meeting,
                "ticket_type": member,
                "max_uses": 40,
                "note": "Dla członków Wojewódzkiego Zespołu Koordynacji",
            },
        )
    if stdout is not None:
        stdout.write("Registration demo: ticket types, questions and an invitation code.\n")
