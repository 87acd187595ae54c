from types import SimpleNamespace

from allauth.account.adapter import DefaultAccountAdapter

# Not cms.accounts.ratelimit: allauth counts and clears its own login_failed limits (ACCOUNT_RATE_LIMITS)
# in these records — a successful login releases them — so the login lock-out split below has to
# consume the very same ones; every other limit of the site goes through cms.accounts.ratelimit.
from allauth.core.internal import ratelimit
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Site

from cms.hooks import LOGIN_LANDING
from cms.links import on_site_url, site_domain
from cms.outbox.services import queue_message

from . import roles
from .network import client_ip

# Marks a login request whose account has seen too many failed passwords lately (from anywhere).
ACCOUNT_UNDER_ATTACK = "_edufest_login_needs_code"


def mail_site():
    """The ``current_site`` of account mails: the default Wagtail Site's name and ``SITE_URL``'s
    host (allauth would take Django's Site record, which this project does not keep)."""
    name = Site.objects.filter(is_default_site=True).values_list("site_name", flat=True).first()
    return SimpleNamespace(name=name or "Edufest", domain=site_domain())


class AccountAdapter(DefaultAccountAdapter):
    """Account mails (verification, password reset) go through the outbox and the task worker;
    login rate limits key on the same client address as the public API's (``cms.accounts.network``).

    Failed passwords are limited twice. Per client address (``login_failed``): past the limit that
    address is refused, as allauth does. Per account (``login_failed_account``, counted from every
    address): past the limit the correct password is **not** refused, since that would let anyone
    lock anyone out by typing a wrong password five times; instead the login must be confirmed
    with a code mailed to the account's address (allauth's login-by-code stage). Guessing from many
    addresses then gains nothing without the mailbox, and the owner still gets in.

    Teachers (school coordinators) land in the school area after logging in and after verifying
    their address; a role whose app gives a landing (``cms.hooks.LOGIN_LANDING``: an exhibitor's
    person) lands there; staff, jurors and Edubus coordinators keep ``LOGIN_REDIRECT_URL``. An explicit
    ``next`` still wins (allauth checks it first)."""

    def get_signup_redirect_url(self, request):
        """Every sign-up is a teacher's (``cms.accounts.forms.SignupForm``): after verifying, the school area."""
        return reverse("cms:school_area")

    def get_login_redirect_url(self, request):
        if roles.lands_in_school_area(request.user):
            return reverse("cms:school_area")
        if not request.user.is_staff:
            for fn in hooks.get_hooks(LOGIN_LANDING):
                if path := fn(request.user):
                    return path
        return super().get_login_redirect_url(request)

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

    def pre_authenticate(self, request, **credentials):
        key = self._get_login_attempts_cache_key(request, **credentials)
        by_address = ratelimit.consume(request, app="allauth.account", action="login_failed", key=key)
        if not by_address:
            raise self.validation_error("too_many_login_attempts")
        by_account = ratelimit.consume(request, app="allauth.account", action="login_failed_account", key=key)
        if not by_account:
            setattr(request, ACCOUNT_UNDER_ATTACK, True)
        self._login_failed_rl_usage = _Usages([by_address, by_account])

    def is_login_by_code_required(self, login):
        if getattr(self.request, ACCOUNT_UNDER_ATTACK, False):
            return True
        return super().is_login_by_code_required(login)


class _Usages:
    """Both consumptions of a login attempt, rolled back together when the password was right."""

    def __init__(self, usages):
        self.usages = [usage for usage in usages if usage]

    def rollback(self):
        for usage in self.usages:
            usage.rollback()
