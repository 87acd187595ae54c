"""Demo survey: "Jak było?" attached to the past partner morning, with about 40 anonymous answers.

If the event has no checked-in registrations yet, a few fictional ones are added (people and a
class with example.org addresses) with their check-ins. Their invitations are written as already
sent and reminded, so the periodic job mails nobody. Idempotent: nothing is added once the
attached survey has responses.
"""

import datetime
import random

from django.utils import timezone

from events.checkin.models import CheckIn, CheckInList
from events.models import EventPage
from events.registration.models import Registration, Ticket, TicketType

from . import queries, services
from .models import EventSurvey, Invitation, Question, Survey, new_token

EVENT_SLUG = "poranek-partnerski-archiwum"
SURVEY_TITLE = "Jak było? Krótka ankieta po wydarzeniu"
QUESTIONS = [
    ("Jak oceniasz wydarzenie jako całość?", Question.Kind.SCALE, "", True),
    ("Na ile przydatne były dla Ciebie informacje?", Question.Kind.SCALE, "", True),
    (
        "Co było najciekawsze?",
        Question.Kind.SINGLE,
        "Rozmowy z pracodawcami\nPrezentacje szkół\nWarsztaty",
        True,
    ),
    (
        "Skąd wiesz o wydarzeniu?",
        Question.Kind.MULTIPLE,
        "Ze szkoły\nOd doradcy zawodowego\nZ internetu\nOd znajomych",
        False,
    ),
    ("Co możemy poprawić?", Question.Kind.LONG_TEXT, "", False),
]
PEOPLE = ["Ewa Przykładowa", "Tomasz Testowy", "Joanna Wzorcowa", "Piotr Demonstracyjny"]
IMPROVEMENTS = [
    "Więcej czasu na rozmowy przy stoiskach.",
    "Lepsze oznakowanie sal.",
    "Przerwa kawowa w połowie.",
    "Materiały do pobrania po wydarzeniu.",
    "Więcej pracodawców z branży logistycznej.",
]


def _survey():
    survey, created = Survey.objects.get_or_create(
        title=SURVEY_TITLE, defaults={"intro": "Pięć pytań, około dwóch minut. Ankieta jest anonimowa."}
    )
    if created:
        for position, (label, kind, choices, required) in enumerate(QUESTIONS):
            Question.objects.create(
                survey=survey, label=label, kind=kind, choices=choices, required=required, sort_order=position
            )
    return survey


def _checked_in(event):
    """Fictional checked-in registrations of the event: four people and a class of 35 pupils."""
    individual, _ = TicketType.objects.get_or_create(
        event=event, name="Uczestnik", defaults={"capacity": 80, "max_group_size": 1}
    )
    group, _ = TicketType.objects.get_or_create(
        event=event,
        name="Grupa szkolna",
        defaults={"kind": TicketType.Kind.GROUP, "capacity": 80, "max_group_size": 40, "position": 1},
    )
    checkin_list, _ = CheckInList.objects.get_or_create(event=event, name="Wejście")
    people = [(name, individual, 0) for name in PEOPLE]
    people.append(("Maria Nauczycielska", group, 35))
    at = event.starts_at
    for number, (name, ticket_type, pupils) in enumerate(people, start=1):
        registration = Registration.objects.create(
            event=event,
            ticket_type=ticket_type,
            status=Registration.Status.CONFIRMED,
            name=name,
            email=f"ankieta.demo{number}@example.org",
            places=pupils + 1 if pupils else 1,
            pupils=pupils,
            adults=1 if pupils else 0,
            school_name="Zespół Szkół Logistycznych (demo)" if pupils else "",
            privacy_notice_version="demo",
            privacy_acknowledged_at=at - datetime.timedelta(days=7),
        )
        ticket = Ticket.objects.create(registration=registration)
        CheckIn.objects.create(
            ticket=ticket, checkin_list=checkin_list, people=registration.places, first_at=at, last_at=at
        )


def _answers(rng, questions):
    values = []
    for question in questions:
        if question.kind == Question.Kind.SCALE:
            values.append(
                services.AnswerValue(question_id=question.pk, number=rng.choice([3, 4, 4, 5, 5, 5, 2]))
            )
        elif question.kind == Question.Kind.SINGLE:
            values.append(
                services.AnswerValue(question_id=question.pk, choices=[rng.choice(question.choice_list)])
            )
        elif question.kind == Question.Kind.MULTIPLE and rng.random() < 0.8:
            picked = [
                choice for choice in question.choice_list if rng.random() < 0.4
            ] or question.choice_list[:1]
            values.append(services.AnswerValue(question_id=question.pk, choices=picked))
        elif question.is_text and rng.random() < 0.3:
            values.append(services.AnswerValue(question_id=question.pk, text=rng.choice(IMPROVEMENTS)))
    return values


def seed(*, stdout):
    event = EventPage.objects.filter(slug=EVENT_SLUG).first()
    if event is None or event.ends_at > timezone.now():
        return
    event_survey, _ = EventSurvey.objects.get_or_create(
        event=event,
        defaults={
            "survey": _survey(),
            "send_after_hours": 2,
            "reminder_after_hours": 72,
            "closes_after_days": 60,
        },
    )
    if event_survey.responses.exists():
        return
    if not queries.checked_in_registrations(event_survey).exists():
        _checked_in(event)
    sent_at = event_survey.send_at
    for registration in queries.checked_in_registrations(event_survey):
        group = registration.ticket_type.is_group and registration.pupils > 0
        Invitation.objects.create(
            event_survey=event_survey,
            registration=registration,
            class_token=new_token() if group else None,
            class_limit=registration.pupils if group else 0,
            sent_at=sent_at,
            reminder_sent_at=event_survey.reminder_at,  # demo addresses: nothing is mailed
        )
    rng = random.Random(2026)
    questions = queries.questions(event_survey.survey)
    answered = 0
    for invitation in Invitation.objects.filter(event_survey=event_survey).order_by("pk"):
        uses = [invitation.token] + [invitation.class_token] * invitation.class_limit
        for token in uses[: 1 + min(invitation.class_limit, 35)]:
            if answered >= 40:
                break
            moment = sent_at + datetime.timedelta(hours=rng.randint(1, 96))
            services.submit_answers(token=token, answers=_answers(rng, questions), now=moment)
            answered += 1
    if stdout:
        stdout.write(f"Feedback survey: {event.title}, {answered} answers")
