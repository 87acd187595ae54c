import datetime
import threading

import pytest
from django.core import mail as django_mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.users.models import UserProfile

from cms.outbox import delivery
from cms.outbox import services as mail
from cms.outbox.models import OutgoingEmail
from cms.outbox.tasks import requeue_due_emails, send_outgoing_email

from .factories import OutgoingEmailFactory, StaffFactory, TeacherFactory

Status = OutgoingEmail.Status


@pytest.fixture
def smtp_refused(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 9  # discard port: nothing listens, the connection is refused
    settings.EMAIL_TIMEOUT = 2


def test_back_off_doubles_from_the_base_and_stops_at_the_cap(settings):
    settings.EDUFEST_OUTBOX_RETRY_BASE_SECONDS = 60
    settings.EDUFEST_OUTBOX_RETRY_MAX_SECONDS = 4 * 60 * 60

    delays = [delivery.retry_delay(attempts).total_seconds() for attempts in range(1, 11)]

    assert delays == [60, 120, 240, 480, 960, 1920, 3840, 7680, 14400, 14400]


def test_failing_mail_waits_longer_after_each_attempt_and_fails_after_the_last(
    db, settings, smtp_refused, django_capture_on_commit_callbacks
):
    settings.EDUFEST_OUTBOX_MAX_ATTEMPTS = 4
    settings.EDUFEST_OUTBOX_RETRY_BASE_SECONDS = 60
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(to="jan@example.org", subject="Bilet", body_text="Treść")

    pauses = []
    for _ in range(3):
        email.refresh_from_db()
        assert email.status == Status.RETRY
        pauses.append(int((email.next_attempt_at - email.last_attempt_at).total_seconds()))
        delivery.deliver_email(email_id=email.pk)

    email.refresh_from_db()
    assert pauses == [60, 120, 240]
    assert (email.status, email.attempts, email.next_attempt_at) == (Status.FAILED, 4, None)
    assert email.last_error.startswith("ConnectionRefusedError")
    assert delivery.deliver_email(email_id=email.pk) is None


def test_requeue_sends_only_rows_that_are_due(db, django_capture_on_commit_callbacks):
    now = timezone.now()
    past, future = now - datetime.timedelta(seconds=1), now + datetime.timedelta(minutes=5)
    OutgoingEmailFactory(subject="retry due", status=Status.RETRY, attempts=1, next_attempt_at=past)
    OutgoingEmailFactory(subject="retry later", status=Status.RETRY, attempts=1, next_attempt_at=future)
    OutgoingEmailFactory(subject="queued, task lost", status=Status.QUEUED, next_attempt_at=past)
    OutgoingEmailFactory(subject="queued just now", status=Status.QUEUED, next_attempt_at=future)
    OutgoingEmailFactory(subject="worker died", status=Status.SENDING, attempts=1, locked_until=past)
    OutgoingEmailFactory(subject="being sent", status=Status.SENDING, attempts=1, locked_until=future)
    OutgoingEmailFactory(subject="sent", status=Status.SENT, attempts=1, next_attempt_at=past)
    OutgoingEmailFactory(subject="failed", status=Status.FAILED, attempts=10, next_attempt_at=past)

    with django_capture_on_commit_callbacks(execute=True):
        requeue_due_emails.enqueue()

    assert sorted(m.subject for m in django_mail.outbox) == ["queued, task lost", "retry due", "worker died"]
    statuses = dict(OutgoingEmail.objects.values_list("subject", "status"))
    assert statuses == {
        "retry due": Status.SENT,
        "retry later": Status.RETRY,
        "queued, task lost": Status.SENT,
        "queued just now": Status.QUEUED,
        "worker died": Status.SENT,
        "being sent": Status.SENDING,
        "sent": Status.SENT,
        "failed": Status.FAILED,
    }


def test_delivery_task_run_twice_sends_the_mail_once(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = mail.queue_email(to="jan@example.org", subject="Bilet", body_text="Treść")
    send_outgoing_email.enqueue(email.pk)
    with django_capture_on_commit_callbacks(execute=True):
        requeue_due_emails.enqueue()

    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.SENT, 1)
    assert [m.to for m in django_mail.outbox] == [["jan@example.org"]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_one_row_send_it_once():
    email = OutgoingEmailFactory(status=Status.QUEUED, to=["ala@example.org"])
    workers = 8
    barrier = threading.Barrier(workers)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(delivery.deliver_email(email_id=email.pk) is not None)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    email.refresh_from_db()
    assert sorted(results) == [False] * (workers - 1) + [True]
    assert [m.to for m in django_mail.outbox] == [["ala@example.org"]]
    assert (email.status, email.attempts) == (Status.SENT, 1)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_row_locked_by_one_worker_is_skipped_by_another_without_waiting():
    email = OutgoingEmailFactory(status=Status.RETRY, attempts=1)
    outcome = {}

    def second_worker():
        try:
            outcome["claimed"] = delivery.claim_email(email_id=email.pk)
        finally:
            connection.close()

    with transaction.atomic():
        OutgoingEmail.objects.select_for_update().get(pk=email.pk)
        thread = threading.Thread(target=second_worker)
        thread.start()
        thread.join(timeout=10)

    assert not thread.is_alive()
    assert outcome == {"claimed": None}
    email.refresh_from_db()
    assert (email.status, email.attempts) == (Status.RETRY, 1)


# The staff page in the Wagtail admin


def test_outbox_page_filters_by_status_and_shows_errors_and_attempts(client, db):
    OutgoingEmailFactory(subject="Wysłany", status=Status.SENT, attempts=1)
    OutgoingEmailFactory(
        subject="Nie doszedł",
        to=["ola@example.org"],
        status=Status.FAILED,
        attempts=10,
        last_error="SMTPRecipientsRefused: 550 mailbox unavailable",
    )
    OutgoingEmailFactory(subject="Czeka", status=Status.RETRY, attempts=2, last_error="timeout")
    client.force_login(StaffFactory())

    response = client.get("/admin/outbox/", {"status": "failed"})

    page = response.content.decode()
    assert response.status_code == 200
    assert [e.subject for e in response.context["page"].object_list] == ["Nie doszedł"]
    assert "SMTPRecipientsRefused: 550 mailbox unavailable" in page
    assert "ola@example.org" in page
    assert "Skrzynka nadawcza" in page
    assert 'data-status-count="failed">1<' in page
    assert 'data-status-count="retry">1<' in page
    assert "Wyślij ponownie 1 nieudaną wiadomość" in page


def test_outbox_page_refuses_an_unknown_status_without_error(client, db):
    OutgoingEmailFactory(subject="Wysłany", status=Status.SENT)
    client.force_login(StaffFactory())

    response = client.get("/admin/outbox/", {"status": "bogus"})

    assert response.status_code == 200
    assert [e.subject for e in response.context["page"].object_list] == ["Wysłany"]


def test_outbox_page_runs_the_same_queries_for_5_and_40_rows(client, db):
    client.force_login(StaffFactory())
    OutgoingEmailFactory.create_batch(5, status=Status.FAILED, last_error="boom")
    client.get("/admin/outbox/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/outbox/")
    OutgoingEmailFactory.create_batch(35, status=Status.FAILED, last_error="boom")
    with CaptureQueriesContext(connection) as many:
        response = client.get("/admin/outbox/")

    assert len(response.context["page"].object_list) == 40
    assert len(many) == len(few)


def test_staff_resends_one_failed_mail(client, db, django_capture_on_commit_callbacks):
    email = OutgoingEmailFactory(to=["ola@example.org"], status=Status.FAILED, attempts=10, last_error="x")
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/outbox/{email.pk}/resend/", {"status": "failed"})

    email.refresh_from_db()
    assert (response.status_code, response.url) == (302, "/admin/outbox/?status=failed")
    assert (email.status, email.attempts) == (Status.SENT, 1)
    assert [m.to for m in django_mail.outbox] == [["ola@example.org"]]


def test_a_sent_mail_is_not_sent_again_from_the_page(client, db, django_capture_on_commit_callbacks):
    email = OutgoingEmailFactory(status=Status.SENT, attempts=1)
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/outbox/{email.pk}/resend/", follow=True)

    assert "Tej wiadomości nie można wysłać ponownie" in response.content.decode()
    assert django_mail.outbox == []


def test_staff_resends_all_failed_mails_at_once(client, db, django_capture_on_commit_callbacks):
    OutgoingEmailFactory(to=["a@example.org"], status=Status.FAILED, attempts=10)
    OutgoingEmailFactory(to=["b@example.org"], status=Status.FAILED, attempts=10)
    OutgoingEmailFactory(to=["c@example.org"], status=Status.SENT, attempts=1)
    client.force_login(StaffFactory())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/outbox/resend-failed/", follow=True)

    assert sorted(m.to[0] for m in django_mail.outbox) == ["a@example.org", "b@example.org"]
    assert "2 nieudane wiadomości ponownie czekają na wysłanie." in response.content.decode()
    assert not OutgoingEmail.objects.filter(status=Status.FAILED).exists()


def test_outbox_page_is_for_staff_only(client, db):
    OutgoingEmailFactory(status=Status.FAILED)
    client.force_login(TeacherFactory())

    listing = client.get("/admin/outbox/")
    resend = client.post("/admin/outbox/resend-failed/")

    assert (listing.status_code, resend.status_code) == (302, 302)
    assert OutgoingEmail.objects.get().status == Status.FAILED


def test_outbox_page_speaks_english_to_an_english_user(client, db):
    staff = StaffFactory()
    profile = UserProfile.get_for_user(staff)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(staff)

    response = client.get("/admin/outbox/")

    assert "E-mail outbox" in response.content.decode()


def test_staff_find_the_outbox_and_failed_tasks_in_the_admin_menu(client, db):
    client.force_login(StaffFactory())

    page = client.get("/admin/").content.decode()

    assert "/admin/outbox/" in page
    assert "/admin/failed-tasks/" in page
