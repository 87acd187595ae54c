"""Crashes lose nothing: real processes killed with SIGKILL at a known moment (PostgreSQL only).

Each test copies the migrated test database into a database of its own, starts real processes on
it (gunicorn with the development settings, ``manage.py db_worker``) and stops them inside a
transaction with a pause point (``cms/jobs/pause.py``: the process waits for an advisory lock the test
holds), then kills them with ``kill -9``.
"""

import datetime
import http.client
import json
import os
import signal
import threading

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import Site

from cms.jobs.models import TaskWorker
from cms.outbox.models import OutgoingEmail
from cms.tests.factories import restore_base_data
from events.registration.models import Registration, Ticket
from events.registration.tasks import send_reminders
from events.registration.tests.factories import TicketTypeFactory, make_event, register

from .processes import (
    BIN,
    PYTHON,
    PausePoint,
    children,
    free_port,
    own_database,
    process_env,
    spawn,
    stop,
    wait_for,
)

# The django_db marker only makes pytest-django create the test database, which each test copies.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def crash_db(django_db_blocker):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (advisory locks, real processes on one database)")
    with own_database(django_db_blocker, suffix="crash") as name:
        if not Site.objects.exists():
            restore_base_data()
        yield name


def counts():
    return {
        "registrations": Registration.objects.count(),
        "tickets": Ticket.objects.count(),
        "outbox": OutgoingEmail.objects.count(),
        "tasks": DBTaskResult.objects.count(),
    }


def post_registration(port, event, ticket_type, key, email):
    body = json.dumps(
        {"ticket_type": ticket_type.pk, "name": "Anna Nowak", "email": email, "privacy_consent": True}
    )
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        client.request(
            "POST",
            f"/api/v1/events/{event.pk}/registrations",
            body=body,
            headers={"Content-Type": "application/json", "Idempotency-Key": key},
        )
        response = client.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        client.close()


def api_answers(port):
    try:
        client = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        client.request("GET", "/api/v1/events")
        return client.getresponse().status == 200
    except OSError:
        return False


def test_web_process_killed_in_a_registration_leaves_nothing_and_the_retry_registers_once(crash_db, tmp_path):
    ticket_type = TicketTypeFactory(capacity=5)
    event = ticket_type.event
    before = counts()
    port = free_port()
    env = process_env(crash_db, tmp_path, EDUFEST_PAUSE_POINTS="registration.register")
    pause = PausePoint(crash_db, "registration.register")
    server = spawn(
        [BIN / "gunicorn", "--pythonpath", "site", "wsgi:application", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", "1", "--preload", "--graceful-timeout", "1"],
        env=env,
        log=tmp_path / "gunicorn.log",
    )
    try:
        wait_for(lambda: api_answers(port), timeout=60, interval=0.2, message="gunicorn to answer")
        outcome = {}

        def first_attempt():
            try:
                outcome["response"] = post_registration(
                    port, event, ticket_type, "klucz-1", "anna@example.org"
                )
            except (OSError, http.client.HTTPException) as error:
                outcome["error"] = error

        request = threading.Thread(target=first_attempt)
        request.start()
        backend = pause.waiting_backend()
        # The registration, its ticket and its outbox mail are written, but only inside the open
        # transaction: nobody else sees them.
        assert counts() == before
        [worker] = children(server.pid)
        os.kill(worker, signal.SIGKILL)
        request.join(timeout=10)
        assert "response" not in outcome
        assert isinstance(outcome["error"], (ConnectionError, http.client.RemoteDisconnected))

        pause.release()
        pause.backend_gone(backend)
        assert counts() == before

        # gunicorn's master starts a new worker; the client retries with the same key.
        wait_for(lambda: api_answers(port), timeout=60, interval=0.2, message="a new gunicorn worker")
        first = post_registration(port, event, ticket_type, "klucz-1", "anna@example.org")
        again = post_registration(port, event, ticket_type, "klucz-1", "anna@example.org")
    finally:
        pause.close()
        stop(server)

    # The API answers every accepted registration alike (issue 21.13); the row says confirmed.
    assert first[0] == 201 and first[1]["status"] == "accepted"
    assert again == first
    after = counts()
    assert {name: after[name] - before[name] for name in after} == {
        "registrations": 1,
        "tickets": 1,
        "outbox": 1,
        "tasks": 1,
    }
    registration = Registration.objects.get(email="anna@example.org", ticket_type=ticket_type)
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.ticket is not None
    assert OutgoingEmail.objects.get(to=["anna@example.org"]).status == OutgoingEmail.Status.QUEUED


def test_worker_killed_in_a_task_runs_it_again_after_restart_and_every_task_takes_effect_once(
    crash_db, tmp_path, settings
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    now = timezone.now()
    event = make_event(
        starts_at=now + datetime.timedelta(hours=10), ends_at=now + datetime.timedelta(hours=16)
    )
    ticket_type = TicketTypeFactory(event=event, capacity=10)
    registrations = [register(ticket_type, n) for n in range(3)]
    # Queued: the reminder run first (higher priority), three confirmation mails, Wagtail's own
    # tasks from publishing the event page.
    reminders = send_reminders.using(priority=10).enqueue()
    queued = DBTaskResult.objects.ready().count()
    assert DBTaskResult.objects.filter(task_path__endswith="send_outgoing_email").count() == 3

    env = process_env(
        crash_db,
        tmp_path,
        EDUFEST_PAUSE_POINTS="registration.send_due_reminders",
        EDUFEST_WORKER_LOST_SECONDS=2,
    )
    worker_args = [PYTHON, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"]
    worker_args += ["--queue-name", "*"]  # the mails (queue "mail") and the reminder run (default)
    pause = PausePoint(crash_db, "registration.send_due_reminders")
    first = spawn(worker_args + ["--worker-id", "worker-a"], env=env, log=tmp_path / "worker-a.log")
    second = None
    try:
        backend = pause.waiting_backend(timeout=60)
        # The worker is inside the reminder run: registrations marked and mails queued, uncommitted.
        running = DBTaskResult.objects.get(pk=reminders.id)
        assert running.status == "RUNNING" and running.worker_ids == ["worker-a"]
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        pause.release()
        pause.backend_gone(backend)
        assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 0
        assert OutgoingEmail.objects.count() == 3
        assert DBTaskResult.objects.get(pk=reminders.id).status == "RUNNING"

        second = spawn(worker_args + ["--worker-id", "worker-b"], env=env, log=tmp_path / "worker-b.log")
        wait_for(
            lambda: (
                DBTaskResult.objects.count() == queued + 3
                and not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
            ),
            timeout=60,
            interval=0.2,
            message="every queued task and the 3 reminders' mails to succeed",
        )
    finally:
        pause.close()
        stop(first)
        if second is not None:
            stop(second)

    done = DBTaskResult.objects.get(pk=reminders.id)
    assert done.worker_ids == ["worker-a", "worker-b"]
    assert done.return_value == 3
    assert Registration.objects.filter(reminder_sent_at__isnull=False).count() == 3
    outbox = list(OutgoingEmail.objects.values_list("to", "status", "attempts"))
    assert sorted(outbox) == sorted([([registration.email], "sent", 1) for registration in registrations] * 2)
    # Django's file backend names a file by the second and the connection's id(), so two mails
    # sent in one second by connections at the same address share a file: count the messages.
    mail_files = (tmp_path / "mail").iterdir()
    assert sum(path.read_text().count("\n" + "-" * 79 + "\n") for path in mail_files) == 6
    # worker-b stopped cleanly (SIGTERM) and removed its heartbeat; worker-a's is left to expire.
    assert list(TaskWorker.objects.values_list("worker_id", flat=True)) == ["worker-a"]
