from allauth.account.adapter import DefaultAccountAdapter

from .mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    """Account mails (verification, password reset) go through the outbox and the task worker."""

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        queue_message(message)
