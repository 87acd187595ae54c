from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from . import roles
from .mail import queue_message
from .network import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Account mails (verification, password reset) go through the outbox and the task worker;
    login rate limits key on the same client address as the public API's (``cms.network``).
    Teachers (school coordinators) land in the school area after logging in and after verifying
    their address; staff, jurors and Edubus coordinators keep ``LOGIN_REDIRECT_URL``. An explicit
    ``next`` still wins (allauth checks it first)."""

    def get_signup_redirect_url(self, request):
        """Every sign-up is a teacher's (``cms.forms.SignupForm``): after verifying, the school area."""
        return reverse("cms:school_area")

    def get_login_redirect_url(self, request):
        if roles.lands_in_school_area(request.user):
            return reverse("cms:school_area")
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request):
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine client IP address")
        return address

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        queue_message(message)
