from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import auth, services


@never_cache
@login_required
def mfa_enrolment(request, token):
    """The mailed one-time link: a button (so mail scanners that open links use nothing up) that
    lets this account add its first authenticator in this session."""
    if request.method == "POST":
        if services.redeem_mfa_enrolment_link(token=token, user=request.user):
            auth.grant_mfa_enrolment(request)
            return redirect("mfa_activate_totp")
        return render(request, "cms/mfa_enrolment_invalid.html", status=400)
    return render(request, "cms/mfa_enrolment.html", {"token": token})
