"""Demo content of the WZK for ``seed_demo``. Each part of the app seeds in its own block and
finds the others' rows when they exist (idempotent; fictional people, ``example.org`` addresses).

Roster (order 70): 20 members across the five pillars with a chair, a vice-chair and the
secretary of the coordination office, a few standing substitutes, two former members whose term
has ended, and one member who signs in (``czlonek.wzk@example.org`` with the demo admin's password).
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cms import demo as cms_demo
from events.access import private_minutes_collection
from events.checkin import services as checkin_services
from events.demo import _at, ensure_event, ensure_index
from events.models import EventKind, EventPage
from events.registration.models import Registration, Ticket, TicketType

from . import queries, services
from .access import current_members_on
from .models import (
    AgendaItem,
    Conclusion,
    Invitation,
    Meeting,
    MeetingDocument,
    Member,
    MemberRole,
    Minutes,
    MinutesComment,
    PartnerMorning,
    Pillar,
    Recommendation,
    StudyVisit,
    Substitute,
)

# ---- Roster -----------------------------------------------------------------------------------

DEMO_MEMBER_EMAIL = "czlonek.wzk@example.org"
TERM_FROM = datetime.date(2024, 1, 1)
TERM_TO = datetime.date(2027, 12, 31)
RESOLUTION = ("Uchwała nr XII/345/2023 Zarządu Województwa", datetime.date(2023, 12, 12))

# (first name, last name, e-mail local part, institution, pillar, role)
ROSTER = (
    (
        "Barbara",
        "Nowicka",
        "barbara.nowicka",
        "Urząd Marszałkowski Województwa",
        Pillar.STRATEGY,
        MemberRole.CHAIR,
    ),
    ("Piotr", "Zalewski", "piotr.zalewski", "Kuratorium Oświaty", Pillar.EDUCATION, MemberRole.VICE_CHAIR),
    (
        "Magdalena",
        "Krawczyk",
        "magdalena.krawczyk",
        "Wojewódzki Urząd Pracy",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.SECRETARY,
    ),
    (
        "Joanna",
        "Przybylska",
        "czlonek.wzk",
        "Regionalny Ośrodek Doskonalenia Nauczycieli",
        Pillar.EDUCATION,
        MemberRole.MEMBER,
    ),
    (
        "Krzysztof",
        "Sadowski",
        "krzysztof.sadowski",
        "Uniwersytet Regionalny",
        Pillar.EDUCATION,
        MemberRole.MEMBER,
    ),
    ("Ewa", "Michalska", "ewa.michalska", "Zespół Szkół Technicznych", Pillar.EDUCATION, MemberRole.MEMBER),
    (
        "Tomasz",
        "Jaworski",
        "tomasz.jaworski",
        "Centrum Kształcenia Zawodowego",
        Pillar.EDUCATION,
        MemberRole.MEMBER,
    ),
    ("Agnieszka", "Wilk", "agnieszka.wilk", "Izba Przemysłowo-Handlowa", Pillar.ECONOMY, MemberRole.MEMBER),
    ("Marcin", "Kubiak", "marcin.kubiak", "Klaster Firm Produkcyjnych", Pillar.ECONOMY, MemberRole.MEMBER),
    (
        "Katarzyna",
        "Sobczak",
        "katarzyna.sobczak",
        "Branżowe Centrum Umiejętności",
        Pillar.ECONOMY,
        MemberRole.MEMBER,
    ),
    ("Paweł", "Wróbel", "pawel.wrobel", "Agencja Rozwoju Regionalnego", Pillar.ECONOMY, MemberRole.MEMBER),
    (
        "Monika",
        "Górska",
        "monika.gorska",
        "Departament Rozwoju Regionalnego",
        Pillar.STRATEGY,
        MemberRole.MEMBER,
    ),
    ("Andrzej", "Czarnecki", "andrzej.czarnecki", "Związek Gmin Regionu", Pillar.STRATEGY, MemberRole.MEMBER),
    (
        "Natalia",
        "Pietrzak",
        "natalia.pietrzak",
        "Obserwatorium Rynku Pracy",
        Pillar.STRATEGY,
        MemberRole.MEMBER,
    ),
    (
        "Grzegorz",
        "Baran",
        "grzegorz.baran",
        "Departament Funduszy Europejskich",
        Pillar.EU_FUNDS,
        MemberRole.MEMBER,
    ),
    (
        "Aleksandra",
        "Szulc",
        "aleksandra.szulc",
        "Punkt Informacyjny Funduszy Europejskich",
        Pillar.EU_FUNDS,
        MemberRole.MEMBER,
    ),
    ("Rafał", "Lis", "rafal.lis", "Instytucja Pośrednicząca FEP", Pillar.EU_FUNDS, MemberRole.MEMBER),
    (
        "Dorota",
        "Mazurek",
        "dorota.mazurek",
        "Wojewódzka Rada Dialogu Społecznego",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
    (
        "Łukasz",
        "Kalinowski",
        "lukasz.kalinowski",
        "Związek Rzemiosła Polskiego — izba regionalna",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
    (
        "Beata",
        "Urbańska",
        "beata.urbanska",
        "Federacja Organizacji Pozarządowych",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
)
# Members of the previous term: their term has ended, they stay in the history.
FORMER = (
    (
        "Henryk",
        "Stępień",
        "henryk.stepien",
        "Ochotniczy Hufiec Pracy",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
    ("Irena", "Kołodziej", "irena.kolodziej", "Powiatowy Urząd Pracy", Pillar.ECONOMY, MemberRole.MEMBER),
)
FORMER_TERM = (datetime.date(2022, 6, 1), datetime.date(2023, 12, 31))
# (member's e-mail local part, substitute's name, institution, e-mail local part)
SUBSTITUTES = (
    ("barbara.nowicka", "Jan Szymański", "Urząd Marszałkowski Województwa", "jan.szymanski"),
    ("piotr.zalewski", "Renata Duda", "Kuratorium Oświaty", "renata.duda"),
    ("agnieszka.wilk", "Adam Ostrowski", "Izba Przemysłowo-Handlowa", "adam.ostrowski"),
    ("grzegorz.baran", "Sylwia Kaczmarek", "Departament Funduszy Europejskich", "sylwia.kaczmarek"),
)


def _email(local):
    return f"{local}@example.org"


def seed_roster(*, stdout=None):
    members = {}
    for rows, (term_from, term_to) in ((ROSTER, (TERM_FROM, TERM_TO)), (FORMER, FORMER_TERM)):
        for first_name, last_name, local, institution, pillar, role in rows:
            member, _created = Member.objects.get_or_create(
                email=_email(local),
                term_from=term_from,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "institution": institution,
                    "pillar": pillar,
                    "role": role,
                    "term_to": term_to,
                    "resolution_number": RESOLUTION[0] if term_from == TERM_FROM else "Uchwała nr XL/12/2022",
                    "resolution_date": RESOLUTION[1]
                    if term_from == TERM_FROM
                    else datetime.date(2022, 5, 20),
                },
            )
            members[local] = member
    for member_local, name, institution, local in SUBSTITUTES:
        Substitute.objects.get_or_create(
            member=members[member_local],
            name=name,
            defaults={"institution": institution, "email": _email(local)},
        )
    demo_member = members[DEMO_MEMBER_EMAIL.split("@")[0]]
    user = ensure_member_login(demo_member)
    if stdout:
        stdout.write(
            f"wzk: roster of {len(ROSTER)} members and {len(FORMER)} former members; "
            f"member login {user.email if user else '(no password yet)'}"
        )
    return members


def ensure_member_login(member):
    """The demo member's account, with the demo admin's password (``None`` before it exists)."""
    password = cms_demo.admin_password()
    if password is None:
        return None
    User = get_user_model()
    user = member.user or User.objects.filter(email=member.email).first()
    if user is None:
        user = User(
            username=member.email.split("@")[0],
            email=member.email,
            first_name=member.first_name,
            last_name=member.last_name,
        )
    if not user.check_password(password):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=member.email, defaults={"verified": True, "primary": True}
    )
    if member.user_id != user.pk:
        member.user = user
        member.save(update_fields=["user", "updated_at"])
    return user


def roster_demo_logins():
    """The ``DEMO_LOGINS`` of the roster: the demo member, with the demo admin's password."""
    if not Member.objects.filter(email=DEMO_MEMBER_EMAIL, user__email=DEMO_MEMBER_EMAIL).exists():
        return []
    return [("WZK member", DEMO_MEMBER_EMAIL, cms_demo.admin_password(), "/wzk/moje/")]


# --- meetings and invitations ------------------------------------------------------------------

UPCOMING_MEETING_SLUG = "posiedzenie-wzk"
DEMO_ONLINE_URL = "https://meet.example.org/wzk-posiedzenie"
FALLBACK_MEMBERS = [
    ("Aleksandra", "Przykładowa", "Kuratorium Oświaty (przykład)", Pillar.EDUCATION),
    ("Bartosz", "Testowy", "Izba Rzemiosła (przykład)", Pillar.ECONOMY),
    ("Celina", "Wzorcowa", "Departament Strategii (przykład)", Pillar.STRATEGY),
    ("Dariusz", "Fikcyjny", "Instytucja Zarządzająca RPO (przykład)", Pillar.EU_FUNDS),
    ("Ewelina", "Demonstracyjna", "Rada Dialogu Społecznego (przykład)", Pillar.SOCIAL_DIALOGUE),
]
AGENDA = [
    ("Otwarcie posiedzenia i przyjęcie porządku obrad", "Przewodnicząca WZK"),
    ("Przyjęcie protokołu z poprzedniego posiedzenia", "Sekretariat biura koordynacji"),
    ("Sprawozdanie z festiwali zawodów", "Biuro koordynacji"),
    ("Plan działań na kolejny rok", "Wiceprzewodniczący WZK"),
    ("Wolne wnioski", ""),
]
DOCUMENTS = [
    ("Materiały na posiedzenie WZK", "materialy-posiedzenie-wzk.txt", False),
    ("Prezentacja: plan działań", "prezentacja-plan-dzialan.txt", True),
]


def _members():
    current = Member.objects.filter(term_to__isnull=True).order_by("pk")
    members = list(current[:20]) or list(Member.objects.order_by("pk")[:20])
    if members:
        return members
    term_from = timezone.localdate() - datetime.timedelta(days=400)
    for index, (first, last, institution, pillar) in enumerate(FALLBACK_MEMBERS):
        member, _ = Member.objects.get_or_create(
            email=f"czlonek.demo{index + 1}@example.org",
            term_from=term_from,
            defaults={"first_name": first, "last_name": last, "institution": institution, "pillar": pillar},
        )
        members.append(member)
    Substitute.objects.get_or_create(
        member=members[0], name="Zofia Zastępcza", defaults={"institution": members[0].institution}
    )
    return members


def _document(title, filename):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        text = f"{title}\n\nDokument demonstracyjny dla członków WZK (treść fikcyjna).\n"
        document = Document.objects.create(
            title=title,
            file=ContentFile(text.encode(), name=filename),
            collection=private_minutes_collection(),
        )
    return document


def seed_meetings(*, stdout=None):
    """The upcoming members-only meeting of the events demo becomes a WZK meeting: agenda,
    documents for members, an online link, a guest, invitations sent and a mix of replies."""
    event = EventPage.objects.filter(slug=UPCOMING_MEETING_SLUG).first()
    if event is None:
        return
    if not event.online_url:
        event.online_url = DEMO_ONLINE_URL
        event.save(update_fields=["online_url"])
    meeting, _ = Meeting.objects.get_or_create(
        event=event, defaults={"number": "12. posiedzenie", "mode": Meeting.Mode.HYBRID}
    )
    if not meeting.agenda_items.exists():
        for position, (title, presenter) in enumerate(AGENDA):
            AgendaItem.objects.create(meeting=meeting, sort_order=position, title=title, presenter=presenter)
    if not meeting.documents.exists():
        for position, (title, filename, presentation) in enumerate(DOCUMENTS):
            MeetingDocument.objects.create(
                meeting=meeting,
                sort_order=position,
                document=_document(title, filename),
                is_presentation=presentation,
            )
    services.keep_documents_private(meeting=meeting)
    members = _members()
    services.invite_guest(
        meeting=meeting,
        name="Gustaw Gościnny",
        email="gosc.demo@example.org",
        institution="Stowarzyszenie Przykładowe",
    )
    services.send_invitations(meeting=meeting)
    invitations = {i.member_id: i for i in Invitation.objects.filter(meeting=meeting, member__in=members)}
    replies = [
        {"answer": Invitation.Answer.YES},
        {"answer": Invitation.Answer.NO},
        {
            "answer": Invitation.Answer.SUBSTITUTE,
            "substitute_name": "Zenon Zastępujący",
            "substitute_institution": "Instytucja zastępcy (przykład)",
            "substitute_email": "zastepca.demo@example.org",
        },
        {"answer": Invitation.Answer.YES},
    ]
    for member, reply in zip(members, replies, strict=False):
        invitation = invitations.get(member.pk)
        if invitation is not None and invitation.answered_at is None:
            services.answer_invitation(invitation=invitation, **reply)
    if stdout is not None:
        stdout.write("WZK: the upcoming meeting has its agenda, documents, invitations and replies.")


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------

PAST_MEETING_SLUG = "posiedzenie-wzk-protokol"
# Used only when the roster's demo (order 70) has not made any members: fictional people.
PAST_MEETING_FALLBACK_MEMBERS = [
    ("Anna", "Przykładowa", "Kuratorium Oświaty", Pillar.EDUCATION),
    ("Bartosz", "Testowy", "Izba Rzemieślnicza", Pillar.ECONOMY),
    ("Celina", "Demonstracyjna", "Departament Strategii", Pillar.STRATEGY),
    ("Dariusz", "Fikcyjny", "Departament Funduszy Europejskich", Pillar.EU_FUNDS),
    ("Ewa", "Wzorcowa", "Wojewódzka Rada Dialogu Społecznego", Pillar.SOCIAL_DIALOGUE),
    ("Filip", "Modelowy", "Politechnika Przykładowa", Pillar.EDUCATION),
]
PAST_MEETING_AGENDA = [
    ("Otwarcie posiedzenia i przyjęcie porządku obrad", "Przewodnicząca WZK"),
    ("Sprawozdanie z festiwali zawodów", "Biuro koordynacji"),
    ("Wnioski z poranków partnerskich", "Wiceprzewodniczący WZK"),
    ("Wolne wnioski", ""),
]
MINUTES_BODY = (
    "<h2>Porządek posiedzenia</h2><ol>{agenda}</ol>"
    "<h2>Dyskusja</h2><p>Członkowie omówili wyniki festiwali zawodów i frekwencję szkół z powiatów "
    "oddalonych od stolicy województwa.</p>"
    "<h2>Wnioski</h2><p>Zespół rekomenduje zwiększenie liczby dni otwartych u pracodawców "
    "i wspólny kalendarz wydarzeń doradztwa zawodowego.</p>"
)


def _members_for(day):
    members = list(current_members_on(day).order_by("last_name", "first_name"))
    if len(members) >= 5:
        return members
    term_from = day - datetime.timedelta(days=400)
    for first, last, institution, pillar in PAST_MEETING_FALLBACK_MEMBERS:
        Member.objects.get_or_create(
            email=f"{first.lower()}.{last.lower()}@example.org".replace("ł", "l").replace("ó", "o"),
            term_from=term_from,
            defaults={"first_name": first, "last_name": last, "institution": institution, "pillar": pillar},
        )
    return list(current_members_on(day).order_by("last_name", "first_name"))


def _ticket(event, ticket_type, invitation, at):
    if invitation.registration_id is None:
        registration = Registration.objects.create(
            event=event,
            ticket_type=ticket_type,
            status=Registration.Status.CONFIRMED,
            name=invitation.substitute_name or invitation.name,
            email=invitation.email,
            privacy_notice_version="demo",
            privacy_acknowledged_at=at,
        )
        Ticket.objects.get_or_create(registration=registration)
        Invitation.objects.filter(pk=invitation.pk).update(registration=registration)
        invitation.registration = registration
    return Ticket.objects.get(registration_id=invitation.registration_id)


def seed_minutes(*, stdout):
    """A past meeting with invitations, check-ins at the door, online presence, a substitute and a
    guest, the quorum met, and approved minutes published to members with the attendance."""
    event = EventPage.objects.filter(slug=PAST_MEETING_SLUG).first()
    if event is None:
        return
    meeting, _created = Meeting.objects.get_or_create(
        event=event, defaults={"number": "11. posiedzenie", "mode": Meeting.Mode.HYBRID}
    )
    if Minutes.objects.filter(meeting=meeting, status=Minutes.Status.PUBLISHED).exists():
        return
    if not meeting.agenda_items.exists():
        for position, (title, presenter) in enumerate(PAST_MEETING_AGENDA):
            AgendaItem.objects.create(meeting=meeting, title=title, presenter=presenter, sort_order=position)
    starts = event.starts_at
    members = _members_for(timezone.localtime(starts).date())
    invitations = []
    for member in members:
        invitation, _new = Invitation.objects.get_or_create(
            meeting=meeting,
            member=member,
            defaults={"answer": Invitation.Answer.YES, "sent_at": starts - datetime.timedelta(days=14)},
        )
        invitations.append(invitation)
    ticket_type, _new = TicketType.objects.get_or_create(
        event=event,
        name="Członkowie WZK",
        defaults={"kind": TicketType.Kind.INDIVIDUAL, "capacity": 100, "max_group_size": 1},
    )
    # Two thirds at the door, two online, one sends a substitute, the rest absent.
    at_door = invitations[: max(0, len(invitations) * 2 // 3 - 3)]
    online = invitations[len(at_door) : len(at_door) + 2]
    substitute = invitations[len(at_door) + 2]
    Invitation.objects.filter(pk=substitute.pk).update(
        answer=Invitation.Answer.SUBSTITUTE,
        substitute_name="Tomasz Zastępczy",
        substitute_institution=substitute.member.institution,
    )
    substitute.answer, substitute.substitute_name = Invitation.Answer.SUBSTITUTE, "Tomasz Zastępczy"
    guest, _new = Invitation.objects.get_or_create(
        meeting=meeting,
        member=None,
        guest_email="gosc.wzk@example.org",
        defaults={"guest_name": "Halina Gościnna", "guest_institution": "Fundacja Przykładowa"},
    )
    checkin_list = checkin_services.default_list_for(event)
    for minute, invitation in enumerate([*at_door, substitute, guest]):
        ticket = _ticket(event, ticket_type, invitation, starts - datetime.timedelta(days=10))
        checkin_services.check_in(
            secret=ticket.secret,
            checkin_list=checkin_list,
            scanned_by=None,
            now=starts - datetime.timedelta(minutes=10) + datetime.timedelta(minutes=minute % 12),
        )
    for invitation in online:
        Invitation.objects.filter(pk=invitation.pk, present_online_at__isnull=True).update(
            present_online_at=starts + datetime.timedelta(minutes=2)
        )
    minutes = services.draft_minutes(meeting=meeting)
    agenda = "".join(f"<li>{title}</li>" for title, _presenter in PAST_MEETING_AGENDA)
    MinutesComment.objects.get_or_create(
        minutes=minutes,
        invitation=invitations[0],
        defaults={
            "text": "Proszę dopisać w dyskusji liczbę szkół z powiatów oddalonych.",
            "resolved_at": starts + datetime.timedelta(days=5),
        },
    )
    minutes.body = MINUTES_BODY.format(agenda=agenda)
    minutes.status = Minutes.Status.PUBLISHED
    minutes.visibility = Minutes.Visibility.MEMBERS
    minutes.sent_for_comments_at = starts + datetime.timedelta(days=2)
    minutes.comments_until = starts + datetime.timedelta(days=9)
    minutes.approved_at = starts + datetime.timedelta(days=10)
    minutes.published_at = starts + datetime.timedelta(days=10)
    minutes.attendance = queries.attendance_of(meeting).to_record()
    minutes.save()
    if stdout is not None:
        stdout.write("WZK: a past meeting with its attendance and published minutes ready.")


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
