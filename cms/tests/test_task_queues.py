"""Mail and media have queues of their own: a worker of the mail queue sends a confirmation mail
while a film waits for the media worker (issue 21: a mail waited 220 s behind a transcode)."""

import pytest
from django.conf import settings as django_settings
from django.core import mail as django_mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from cms.jobs.tasks import worker_heartbeat
from cms.outbox import services as mail
from cms.outbox.tasks import requeue_due_emails, send_outgoing_email
from contests.tasks import process_film_task


def run_worker(queue_name):
    call_command(
        "db_worker",
        queue_name=queue_name,
        batch=True,
        reload=False,
        startup_delay=False,
        interval=0,
        verbosity=0,
    )


def test_each_kind_of_task_has_its_queue():
    assert django_settings.TASK_QUEUES == ["default", "mail", "media"]
    assert (send_outgoing_email.queue_name, requeue_due_emails.queue_name) == ("mail", "mail")
    assert process_film_task.queue_name == "media"
    assert worker_heartbeat.queue_name == "default"


@pytest.mark.django_db(transaction=True)
def test_the_mail_worker_sends_a_mail_queued_behind_a_film(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": settings.TASK_QUEUES}
    }
    film = process_film_task.enqueue(10**9)  # no such film: the media worker would just return
    email = mail.queue_email(to="jan@example.org", subject="Potwierdzenie zapisu", body_text="Treść")

    run_worker("mail")

    assert [m.subject for m in django_mail.outbox] == ["Potwierdzenie zapisu"]
    email.refresh_from_db()
    assert email.status == email.Status.SENT
    assert DBTaskResult.objects.get(pk=film.id).status == "READY"

    run_worker("media")

    assert DBTaskResult.objects.get(pk=film.id).status == "SUCCESSFUL"
