"""Public-side pages of the WZK.

Roster: the member's own area (``/wzk/moje/``) and the page where an invited member sets the
password of their account (``/wzk/haslo/<uidb36>/<key>/``)."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import url_str_to_user_pk
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from . import queries, services
from .forms import MemberPasswordForm

# ---- Roster: the member's area and setting the password ---------------------------------------

MEMBER_LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@login_required
def member_area(request):
    """A member's (or former member's) appointments, invitations and published minutes."""
    context = queries.member_area(request.user)
    if not context["appointments"]:
        raise PermissionDenied
    return render(request, "wzk/roster/member_area.html", context)


def _invited_user(uidb36, key):
    try:
        pk = url_str_to_user_pk(uidb36)
    except (ValueError, TypeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not user.wzk_memberships.exists():
        return None
    return user if default_token_generator.check_token(user, key) else None


@never_cache
def set_password(request, uidb36, key):
    """The invitation's one-time link: the member chooses a password, is signed in and lands on
    their area. A used, expired or wrong link shows a 404 page that says so."""
    user = _invited_user(uidb36, key)
    if user is None:
        response = render(request, "wzk/roster/set_password_invalid.html", status=404)
    else:
        form = MemberPasswordForm(request.POST or None, user=user)
        if request.method == "POST" and form.is_valid():
            services.set_member_password(user=user, password=form.cleaned_data["password1"])
            login(request, user, backend=MEMBER_LOGIN_BACKEND)
            return redirect("wzk:member_area")
        response = render(request, "wzk/roster/set_password.html", {"form": form, "invited": user})
    response["Referrer-Policy"] = (
        "same-origin"  # the key never leaves the site (no-referrer breaks CSRF: Origin null)
    )
    return response
