from django.db import transaction
from django_tasks import task

from . import delivery


@task(queue_name="mail")
def send_outgoing_email(email_id):
    delivery.deliver_email(email_id=email_id)


@task(queue_name="mail")
def requeue_due_emails():
    """Periodic (every minute): enqueue the outbox rows that are due for another attempt."""
    due = delivery.take_due_emails()
    for pk in due:
        transaction.on_commit(lambda pk=pk: send_outgoing_email.enqueue(pk))
    return len(due)
