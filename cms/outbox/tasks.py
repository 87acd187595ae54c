from django_tasks import task

from . import services as mail


@task(queue_name="mail")
def send_outgoing_email(email_id):
    mail.deliver_email(email_id=email_id)


@task(queue_name="mail")
def requeue_due_emails():
    """Periodic (every minute): enqueue the outbox rows that are due for another attempt."""
    return len(mail.requeue_due_emails())
