"""Background work of registration: load by id, call one service."""

from django_tasks import task

from . import services
from .models import Registration


@task()
def send_registration_email(registration_id, kind):
    registration = (
        Registration.objects.select_related("event", "ticket_type", "ticket")
        .filter(pk=registration_id)
        .first()
    )
    if registration is not None:
        services.send_registration_email(registration=registration, kind=kind)


@task()
def send_reminders():
    return services.send_due_reminders()
