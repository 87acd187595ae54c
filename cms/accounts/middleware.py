"""MFA enforcement: staff and jurors without an authenticator are sent to set one up (see
``cms.accounts.auth`` for the rules)."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cms.api import error

from .auth import has_mfa, is_mfa_protected_path, needs_enrolment_link, requires_mfa


class MFARequiredMiddleware:
    """Staff and jurors without an authenticator are sent to set one up before any private page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if needs_enrolment_link(request):
            messages.warning(
                request,
                _(
                    "Adding the first authenticator to an account that sees other people's data needs "
                    "the one-time link that the administrator sends to your e-mail address. Open that "
                    "link (or ask the administrator for one) and then set up the authenticator."
                ),
            )
            return redirect("mfa_index")
        if (
            settings.EDUFEST_MFA_REQUIRED
            and is_mfa_protected_path(request.path)
            and requires_mfa(request.user)
            and not has_mfa(request.user)
        ):
            message = _(
                "Your account can see other people's data, so it needs two-factor authentication. "
                "Set it up through the one-time link that the administrator sends to your e-mail; then you "
                "can continue."
            )
            if request.path.startswith("/api/"):
                return JsonResponse(error("mfa_required", message), status=403)
            messages.warning(request, message)
            return redirect(f"{reverse('mfa_index')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
