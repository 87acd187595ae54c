"""Background work of feedback surveys: call one service."""

from django_tasks import task

from . import services


@task()
def send_feedback_mail():
    return services.send_due_feedback_mail()
