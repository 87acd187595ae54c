"""Factories of the WZK: roster, meetings, invitations, minutes, mornings, visits, recommendations.

member = MemberFactory(pillar="economy")                 # current, term from a year ago
meeting = MeetingFactory()                               # an upcoming members-only meeting page
invitation = InvitationFactory(meeting=meeting)          # for a new member
guest = InvitationFactory(meeting=meeting, member=None, guest_name="Gość", guest_email="gosc@example.org")
"""

import datetime

import factory
from django.utils import timezone

from events.registration.tests.factories import RegistrationFactory, TicketTypeFactory
from events.tests.factories import EventPageFactory
from events.wzk.models import (
    Conclusion,
    Invitation,
    Meeting,
    Member,
    Minutes,
    PartnerMorning,
    Pillar,
    Recommendation,
    StudyVisit,
)


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    first_name = factory.Sequence(lambda n: f"Imię{n}")
    last_name = factory.Sequence(lambda n: f"Nazwisko{n}")
    email = factory.Sequence(lambda n: f"czlonek{n}@example.org")
    institution = factory.Sequence(lambda n: f"Instytucja {n}")
    pillar = Pillar.EDUCATION
    term_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=365))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    event = factory.SubFactory(
        EventPageFactory,
        kind="meeting",
        members_only=True,
        title=factory.Sequence(lambda n: f"Posiedzenie WZK nr {n}"),
        online_url="https://meet.example.org/wzk",
    )
    number = factory.Sequence(lambda n: f"{n}. posiedzenie")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    member = factory.SubFactory(MemberFactory)


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    body = "<h2>Porządek obrad</h2><p>Wnioski z dyskusji.</p>"


class PartnerMorningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMorning

    event = factory.SubFactory(EventPageFactory, kind="workshop", title="Poranek partnerski")
    topic = "Kompetencje przyszłości w branży IT"


class ConclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conclusion

    morning = factory.SubFactory(PartnerMorningFactory)
    text = "Więcej praktyk zawodowych u pracodawców."


class StudyVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StudyVisit

    title = "Wizyta studyjna: szkolnictwo dualne"
    country = "Niemcy"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=60))
    ends_on = factory.LazyAttribute(lambda visit: visit.starts_on + datetime.timedelta(days=3))


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    number = factory.Sequence(lambda n: f"R/2026/{n}")
    title = "Praktyki zawodowe"
    text = "Zarząd województwa wspiera praktyki zawodowe u pracodawców."


# Attendance and minutes (the minutes helper's block)


def with_ticket(invitation, **fields):
    """Give ``invitation`` the registration and ticket a yes answer holds (on the meeting's event)."""
    event = invitation.meeting.event
    ticket_type = TicketTypeFactory(event=event, name="Członkowie", capacity=100)
    registration = RegistrationFactory(
        ticket_type=ticket_type, event=event, name=invitation.name, email=invitation.email, **fields
    )
    invitation.registration = registration
    invitation.save(update_fields=["registration"])
    return registration.ticket
