"""The registrant's mails are outbox recipes: written with the registration, rendered by the worker."""

import io

import pytest
import zxingcpp
from django.core import mail as django_mail
from PIL import Image

from cms.outbox import delivery
from cms.outbox import services as mail
from cms.outbox.models import OutgoingEmail
from events.registration import services
from events.registration.models import Registration

from .factories import TicketTypeFactory, register

pytestmark = pytest.mark.django_db

Status = OutgoingEmail.Status


def deliver_all():
    for pk in OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True):
        delivery.deliver_email(email_id=pk)
    return list(OutgoingEmail.objects.order_by("pk").values_list("composer_args", "status"))


def test_registering_writes_a_recipe_and_the_worker_renders_the_ticket_mail():
    ticket_type = TicketTypeFactory(capacity=5)

    registration = register(ticket_type, 0)
    recipe = OutgoingEmail.objects.get()
    before = (recipe.to, recipe.composer, recipe.composer_args, recipe.subject, recipe.attachments)
    delivery.deliver_email(email_id=recipe.pk)
    recipe.refresh_from_db()

    assert before == (
        ["osoba0@example.org"],
        "registration",
        {"registration": registration.pk, "kind": "confirmed"},
        "",
        [],
    )
    assert recipe.status == Status.SENT
    assert recipe.subject == f"Twój bilet: {ticket_type.event.title}"
    [sent] = django_mail.outbox
    assert sent.subject == recipe.subject
    assert [name for name, _content, _type in sent.attachments] == ["wydarzenie.ics", "bilet-qr.png"]
    png = {name: content for name, content, _type in sent.attachments}["bilet-qr.png"]
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert registration.ticket.secret in code.text


def test_a_confirmation_overtaken_by_a_cancellation_is_dropped_and_the_cancellation_sent():
    ticket_type = TicketTypeFactory(capacity=5)
    registration = register(ticket_type, 0)
    services.cancel(registration=registration)

    rows = deliver_all()

    assert rows == [
        ({"registration": registration.pk, "kind": "confirmed"}, Status.DROPPED),
        ({"registration": registration.pk, "kind": "cancelled"}, Status.SENT),
    ]
    assert [m.subject for m in django_mail.outbox] == [f"Zapis anulowany: {ticket_type.event.title}"]


def test_a_waiting_list_notice_overtaken_by_a_promotion_is_dropped():
    ticket_type = TicketTypeFactory(capacity=1)
    first = register(ticket_type, 0)
    second = register(ticket_type, 1)
    services.cancel(registration=first)

    rows = deliver_all()

    second.refresh_from_db()
    assert second.status == Registration.Status.CONFIRMED
    assert rows == [
        ({"registration": first.pk, "kind": "confirmed"}, Status.DROPPED),
        ({"registration": second.pk, "kind": "waitlisted"}, Status.DROPPED),
        ({"registration": first.pk, "kind": "cancelled"}, Status.SENT),
        ({"registration": second.pk, "kind": "promoted"}, Status.SENT),
    ]
    title = ticket_type.event.title
    assert [(m.to, m.subject) for m in django_mail.outbox] == [
        (["osoba0@example.org"], f"Zapis anulowany: {title}"),
        (["osoba1@example.org"], f"Zwolniło się miejsce dla Ciebie: {title}"),
    ]


def test_a_retry_sends_what_the_first_attempt_rendered(settings):
    ticket_type = TicketTypeFactory(capacity=5)
    title = ticket_type.event.title
    register(ticket_type, 0)
    recipe = OutgoingEmail.objects.get()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # refused

    delivery.deliver_email(email_id=recipe.pk)
    recipe.refresh_from_db()
    first = (recipe.status, recipe.subject)
    ticket_type.event.title = "Nowy tytuł"
    ticket_type.event.save(update_fields=["title"])
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    recipe.status, recipe.next_attempt_at = Status.QUEUED, None
    recipe.save(update_fields=["status", "next_attempt_at"])
    delivery.deliver_email(email_id=recipe.pk)

    assert first == (Status.RETRY, f"Twój bilet: {title}")
    assert [m.subject for m in django_mail.outbox] == [f"Twój bilet: {title}"]


def test_the_mail_of_an_erased_registration_is_dropped():
    ticket_type = TicketTypeFactory(capacity=5)
    registration = register(ticket_type, 0)
    Registration.objects.filter(pk=registration.pk).update(email="", name="")

    assert deliver_all() == [({"registration": registration.pk, "kind": "confirmed"}, Status.DROPPED)]
    assert django_mail.outbox == []


def test_an_unknown_composer_is_refused_when_queued():
    with pytest.raises(LookupError):
        mail.queue_composed_email(to=["a@example.org"], composer="nobody", args={})

    assert OutgoingEmail.objects.count() == 0
