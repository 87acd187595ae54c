"""Background work of registration: load by id, call one service."""

from django_tasks import task

from . import services


@task()
def send_reminders():
    return services.send_due_reminders()
