from django.db import transaction
from django_tasks import task

from . import mail
from .models import OutgoingEmail


@task()
def send_outgoing_email(email_id):
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None:
        return
    with transaction.atomic():
        mail.deliver_email(email)
