"""Sign-in hardening: brute-force lock-out (django-axes) and MFA for staff and jurors.

Lock-out: django-axes counts failed password logins per (e-mail, client address) and, at
``AXES_FAILURE_LIMIT`` failures, refuses that pair for ``AXES_COOLOFF_TIME``. Other accounts from
the same address (a whole school behind one router) keep logging in; nothing locks an address for
good. The address is the one allauth's own rate limits use (``ALLAUTH_TRUSTED_PROXY_COUNT``).

Staff checks: :func:`is_staff_member` says whether a user has a staff role, :func:`staff_required`
guards a view with it and :func:`staff_api_auth` an API router; each takes the roles that count
(default: the Staff role; a superuser has every role).

MFA: users with a role that sees other people's data (staff, jurors, Edubus coordinators, Django
staff and superusers) must have a TOTP or security-key authenticator. ``MFARequiredMiddleware`` (``cms.accounts.middleware``)
sends such a user without one to ``/accounts/2fa/`` from every staff or juror URL until they set
one up; public pages, the account pages (MFA set-up, logout) and the Bearer-token API stay open.
"""

import functools
import time

from allauth.account.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import get_language_from_path
from ninja.errors import HttpError
from ninja.security import SessionAuth as NinjaSessionAuth
from wagtail.api.v3.auth import BearerTokenAuth as WagtailBearerTokenAuth

from . import roles

MFA_ROLES = (roles.STAFF, roles.JUROR, roles.EDUBUS_COORDINATOR)


def is_staff_member(user, roles=(roles.STAFF,)):
    """An active, signed-in user with one of ``roles`` (a superuser has every role)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=roles).exists()


def staff_required(view=None, *, roles=(roles.STAFF,)):
    """A view for staff only: ``@staff_required`` or ``@staff_required(roles=(STAFF, EDUBUS_COORDINATOR))``.

    Anonymous visitors are sent to log in; signed-in users without one of ``roles`` get 403."""
    allowed = tuple(roles)

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_staff_member(request.user, allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator(view) if view is not None else decorator


def _refuse_without_role(request, result, allowed, message):
    if result is not None and not is_staff_member(request.user, allowed):
        raise HttpError(403, message)
    return result


class BearerTokenAuth(WagtailBearerTokenAuth):
    """Wagtail's API token (``Authorization: Bearer <token>``) of a user with one of ``roles``.
    (Same class name as Wagtail's, so the OpenAPI security scheme keeps its name.)"""

    def __init__(self, roles, message):
        super().__init__()
        self.allowed, self.message = roles, message

    def authenticate(self, request, token):
        return _refuse_without_role(request, super().authenticate(request, token), self.allowed, self.message)


class SessionAuth(NinjaSessionAuth):
    """The session of a signed-in user with one of ``roles`` (Django's CSRF check on POSTs)."""

    def __init__(self, roles, message):
        super().__init__(csrf=True)
        self.allowed, self.message = roles, message

    def authenticate(self, request, key):
        return _refuse_without_role(request, super().authenticate(request, key), self.allowed, self.message)


def staff_api_auth(*, roles=(roles.STAFF,), message="For staff only."):
    """The ``auth`` of a staff API router: a Wagtail API token or the session (CSRF-checked) of a
    user with one of ``roles``. Without credentials: 401; signed in without the role: 403 (``message``)."""
    allowed = tuple(roles)
    return [BearerTokenAuth(allowed, message), SessionAuth(allowed, message)]


# Paths (after an optional language prefix) of pages for staff and jurors only.
MFA_PROTECTED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/skaner/",
    "/jury/",
    "/pliki/",
    "/szkola/",
    "/api/v1/checkin",
)


# Where an authenticator is added; for an account that needs MFA and has none, only with a grant
# from the mailed one-time link (cms.accounts.services.issue_mfa_enrolment_link), kept in the session.
MFA_ENROLMENT_PATHS = ("/accounts/2fa/totp/activate/", "/accounts/2fa/webauthn/add/")
MFA_ENROLMENT_SESSION_KEY = "edufest_mfa_enrolment"
MFA_ENROLMENT_GRANT_SECONDS = 30 * 60


def client_ip(request):
    """The client address as allauth's rate limits see it (trusted proxies taken into account);
    None for a request without one (a log-out or log-in done in code, not over HTTP)."""
    try:
        return get_adapter().get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR")


def login_username(request, credentials):
    """The e-mail a login attempt is for, normalised, from allauth's credentials or the form."""
    value = (credentials or {}).get("email") or (credentials or {}).get("username")
    if not value and request is not None:
        value = request.POST.get("login", "")
    return (value or "").strip().lower() or None


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while an (e-mail, address) pair is locked."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "account/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def requires_mfa(user):
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=MFA_ROLES).exists()


def has_mfa(user):
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def _without_language(path):
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        return path[len(language) + 1 :]
    return path


def is_mfa_protected_path(path):
    return _without_language(path).startswith(MFA_PROTECTED_PREFIXES)


def grant_mfa_enrolment(request):
    request.session[MFA_ENROLMENT_SESSION_KEY] = {"user": request.user.pk, "at": time.time()}


def has_mfa_enrolment_grant(request):
    grant = request.session.get(MFA_ENROLMENT_SESSION_KEY) or {}
    return grant.get("user") == request.user.pk and time.time() - grant.get("at", 0) < (
        MFA_ENROLMENT_GRANT_SECONDS
    )


def needs_enrolment_link(request):
    """An account that must have MFA and has none may add its first authenticator only after
    opening the one-time link mailed to it: its password alone does not enrol."""
    return (
        settings.EDUFEST_MFA_REQUIRED
        and _without_language(request.path).startswith(MFA_ENROLMENT_PATHS)
        and requires_mfa(request.user)
        and not has_mfa(request.user)
        and not has_mfa_enrolment_grant(request)
    )
