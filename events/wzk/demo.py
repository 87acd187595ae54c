"""Demo content of the WZK (fictional people only)."""

import datetime

from django.utils import timezone

from events.checkin import services as checkin_services
from events.models import EventPage
from events.registration.models import Registration, Ticket, TicketType

from . import queries, services
from .access import current_members_on
from .models import AgendaItem, Invitation, Meeting, Member, Minutes, MinutesComment, Pillar

# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------

PAST_MEETING_SLUG = "posiedzenie-wzk-protokol"
# Used only when the roster's demo (order 70) has not made any members: fictional people.
FALLBACK_MEMBERS = [
    ("Anna", "Przykładowa", "Kuratorium Oświaty", Pillar.EDUCATION),
    ("Bartosz", "Testowy", "Izba Rzemieślnicza", Pillar.ECONOMY),
    ("Celina", "Demonstracyjna", "Departament Strategii", Pillar.STRATEGY),
    ("Dariusz", "Fikcyjny", "Departament Funduszy Europejskich", Pillar.EU_FUNDS),
    ("Ewa", "Wzorcowa", "Wojewódzka Rada Dialogu Społecznego", Pillar.SOCIAL_DIALOGUE),
    ("Filip", "Modelowy", "Politechnika Przykładowa", Pillar.EDUCATION),
]
AGENDA = [
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
    for first, last, institution, pillar in FALLBACK_MEMBERS:
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
        for position, (title, presenter) in enumerate(AGENDA):
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
    agenda = "".join(f"<li>{title}</li>" for title, _presenter in AGENDA)
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
