from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from .links import on_site_url, site_domain
from .mail import queue_message
from .network import client_ip


def mail_site():
    """The ``current_site`` of account mails: the default Wagtail Site's name and ``SITE_URL``'s
    host (allauth would take Django's Site record, which this project does not keep)."""
    from wagtail.models import Site

    name = Site.objects.filter(is_default_site=True).values_list("site_name", flat=True).first()
    return SimpleNamespace(name=name or "Edufest", domain=site_domain())


class AccountAdapter(DefaultAccountAdapter):
    """Account mails (verification, password reset) go through the outbox and the task worker;
    login rate limits key on the same client address as the public API's (``cms.network``)."""

    def get_client_ip(self, request):
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def send_mail(self, template_prefix, email, context):
        """Links (``activate_url``, ``password_reset_url``, ``signup_url``) point at ``SITE_URL``,
        not at the host of the request that asked for the mail."""
        ctx = {"email": email, **context, "current_site": mail_site()}
        for key, value in ctx.items():
            if key.endswith("_url") and isinstance(value, str) and value:
                ctx[key] = on_site_url(value)
        message = self.render_mail(template_prefix, email, ctx)
        queue_message(message)
