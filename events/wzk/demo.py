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
from events.models import EventPage

from . import services
from .models import AgendaItem, Invitation, Meeting, MeetingDocument, Member, MemberRole, Pillar, Substitute

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
