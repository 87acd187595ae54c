"""The outbox against a real SMTP server (aiosmtpd) in the test run: while the server is away,
registrations succeed and their mails wait; once it is back, every mail arrives exactly once.
Also: what the site logs while mail fails holds no e-mail address."""

import io
import logging
import socket
import time
from collections import Counter
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse

from cms.jobs.scheduler import enqueue_due
from cms.outbox.models import OutgoingEmail
from cms.outbox.tasks import requeue_due_emails, send_outgoing_email
from events.registration.tests.factories import TicketTypeFactory

pytestmark = pytest.mark.django_db


class CountingHandler:
    """Counts the messages the server accepted, per recipient; refuses the addresses in ``refuse``."""

    def __init__(self, refuse=()):
        self.received = Counter()
        self.messages = []
        self.refuse = set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            self.received[address] += 1
        self.messages.append(message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """An SMTP server that is not started yet; the site's SMTP backend points at its port."""
    port = free_port()
    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield controller, handler
    if controller._thread is not None:
        controller.stop()


def register_on_page(client, ticket_type, n):
    data = {
        "token": f"token-{n}",
        "ticket_type": ticket_type.pk,
        "name": f"Osoba {n}",
        "email": f"osoba{n}@example.org",
        "privacy": "on",
    }
    return client.post(reverse("registration:register", args=[ticket_type.event_id]), data)


def register_by_api(client, ticket_type, n):
    body = {
        "ticket_type": ticket_type.pk,
        "name": f"Osoba {n}",
        "email": f"osoba{n}@example.org",
        "privacy_consent": True,
    }
    return client.post(
        f"/api/v1/events/{ticket_type.event_id}/registrations", body, content_type="application/json"
    )


def test_mail_queued_while_the_smtp_server_is_down_arrives_exactly_once_after_it_is_back(
    client, smtp, settings, django_capture_on_commit_callbacks
):
    controller, handler = smtp
    settings.EDUFEST_OUTBOX_RETRY_BASE_SECONDS = 1
    ticket_type = TicketTypeFactory(capacity=10)

    with django_capture_on_commit_callbacks(execute=True):
        on_page = [register_on_page(client, ticket_type, n).status_code for n in range(1, 4)]
        by_api = [register_by_api(client, ticket_type, n).status_code for n in range(4, 6)]

    assert (on_page, by_api) == ([302, 302, 302], [201, 201])
    rows = OutgoingEmail.objects.order_by("pk")
    assert [(row.to, row.status, row.attempts) for row in rows] == [
        ([f"osoba{n}@example.org"], OutgoingEmail.Status.RETRY, 1) for n in range(1, 6)
    ]
    assert all("ConnectionRefusedError" in row.last_error for row in rows)

    controller.start()
    with django_capture_on_commit_callbacks(execute=True):
        requeue_due_emails.enqueue()  # too early: the back-off pause has not passed
    assert sum(handler.received.values()) == 0

    time.sleep(1.2)
    with django_capture_on_commit_callbacks(execute=True):
        enqueued = enqueue_due()  # the scheduler's periodic round
    assert "cms.outbox.tasks.requeue_due_emails" in enqueued

    # Running the retry and every delivery task again changes nothing.
    with django_capture_on_commit_callbacks(execute=True):
        requeue_due_emails.enqueue()
        for row in rows:
            send_outgoing_email.enqueue(row.pk)

    assert handler.received == Counter({f"osoba{n}@example.org": 1 for n in range(1, 6)})
    assert sorted(m["Message-ID"] for m in handler.messages) == sorted(
        f"<outbox-{row.pk}-{row.created_at:%Y%m%d%H%M%S}@example.org>" for row in rows
    )
    assert [(row.status, row.attempts) for row in OutgoingEmail.objects.order_by("pk")] == [
        (OutgoingEmail.Status.SENT, 2)
    ] * 5


@pytest.fixture
def site_log():
    """What the configured console handler (with its personal-data filter) writes."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    stream = io.StringIO()
    old_stream = handler.setStream(stream)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    yield stream
    root.setLevel(old_level)
    handler.setStream(old_stream)


def test_registering_logs_nothing_that_contains_the_e_mail_address(
    client, smtp, site_log, django_capture_on_commit_callbacks
):
    controller, handler = smtp
    handler.refuse = {"osoba1@example.org"}
    controller.start()
    ticket_type = TicketTypeFactory(capacity=10)

    with django_capture_on_commit_callbacks(execute=True):
        response = register_on_page(client, ticket_type, 1)
        client.get(f"/zapisy/{'x' * 10}/")  # a 404 is logged too

    log = site_log.getvalue()
    email = OutgoingEmail.objects.get()
    assert response.status_code == 302
    assert "osoba1@example.org" in email.last_error  # the server named the refused address …
    assert f"Outgoing e-mail {email.pk} not sent (attempt 1)" in log  # … and the warning was logged
    assert "SMTPRecipientsRefused" in log
    assert "osoba1@example.org" not in log
    assert "osoba1" not in log
    assert "[e-mail]" in log
