from django.core import mail
from django_tasks import task
from wagtail import hooks

from cms.hooks import PERIODIC_TASKS
from cms.jobs.scheduler import enqueue_due


@task()
def send_heartbeat_mail():
    mail.send_mail("heartbeat", "tick", None, ["ops@example.org"])


def _heartbeat_every_minute():
    return [(send_heartbeat_mail, 60)]


def test_scheduler_enqueues_a_due_task_once_per_slot(db):
    with hooks.register_temporarily(PERIODIC_TASKS, _heartbeat_every_minute):
        first = enqueue_due(now=600.0)
        same_slot = enqueue_due(now=659.0)
        next_slot = enqueue_due(now=660.0)

    name = "cms.tests.test_scheduler.send_heartbeat_mail"
    assert name in first
    assert name not in same_slot
    assert name in next_slot
    assert [message.subject for message in mail.outbox if message.subject == "heartbeat"] == ["heartbeat"] * 2
