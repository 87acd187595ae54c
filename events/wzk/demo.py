"""Demo content of the WZK (``seed_demo``); fictional people and institutions only."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from events.access import private_minutes_collection
from events.models import EventPage

from . import services
from .models import AgendaItem, Invitation, Meeting, MeetingDocument, Member, Pillar, Substitute

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
