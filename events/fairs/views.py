"""Public-side pages of the fairs: the exhibitor's area (``/wystawca/``)."""

import functools

from allauth.account.forms import default_token_generator
from allauth.account.utils import url_str_to_user_pk
from allauth.account.views import SignupView
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import queries, services
from .access import is_exhibitor_person
from .forms import ApplicationForm, ExhibitorPasswordForm, ExhibitorSignupForm, InviteColleagueForm
from .models import Application

# ---- Applications ----

EXHIBITOR_LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def exhibitor_required(view):
    """Signed in (else the login page) with the Exhibitor role and an institution (else 403)."""

    @functools.wraps(view)
    @never_cache
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_exhibitor_person(request.user):
            raise PermissionDenied
        return _private(view(request, *args, **kwargs))

    return wrapper


class ExhibitorSignupView(SignupView):
    """``/wystawca/rejestracja/``: allauth's sign-up (verified e-mail, the same rate limits and
    mails as a teacher's) with the institution; after verifying, the exhibitor area."""

    form_class = ExhibitorSignupForm
    template_name = "fairs/apply/signup.html"
    success_url = reverse_lazy("fairs:area")

    def get_form_class(self):
        return self.form_class


exhibitor_signup = ExhibitorSignupView.as_view()


def _area(request, *, invite_form=None, status=200):
    membership = queries.membership_of(request.user)
    context = queries.exhibitor_area(membership.exhibitor)
    context["invite_form"] = invite_form or InviteColleagueForm()
    return render(request, "fairs/apply/area.html", context, status=status)


@exhibitor_required
@require_http_methods(["GET", "HEAD"])
def area(request):
    """The exhibitor's area: the institution, its people, the open calls and its applications."""
    return _area(request)


@exhibitor_required
@require_POST
def invite(request):
    """A person of the exhibitor invites a colleague by e-mail (a link to set their password)."""
    form = InviteColleagueForm(request.POST)
    if form.is_valid():
        membership = queries.membership_of(request.user)
        try:
            services.invite_exhibitor_person(
                exhibitor=membership.exhibitor,
                email=form.cleaned_data["email"],
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                by=request.user,
                language=translation.get_language(),
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("We have sent an invitation to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("fairs:area")
    return _area(request, invite_form=form, status=400)


def _invited_user(uidb36, key):
    try:
        pk = url_str_to_user_pk(uidb36)
    except (ValueError, TypeError):
        return None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None or not user.exhibitor_memberships.exists():
        return None
    return user if default_token_generator.check_token(user, key) else None


@never_cache
@require_http_methods(["GET", "POST"])
def set_password(request, uidb36, key):
    """The invitation's one-time link: the colleague chooses a password, is signed in and lands in
    the exhibitor area. A used, expired or wrong link shows a 404 page that says so."""
    user = _invited_user(uidb36, key)
    if user is None:
        response = render(request, "fairs/apply/set_password_invalid.html", status=404)
    else:
        form = ExhibitorPasswordForm(request.POST or None, user=user)
        if request.method == "POST" and form.is_valid():
            services.set_exhibitor_password(user=user, password=form.cleaned_data["password1"])
            login(request, user, backend=EXHIBITOR_LOGIN_BACKEND)
            return redirect("fairs:area")
        response = render(request, "fairs/apply/set_password.html", {"form": form, "invited": user})
    response["Referrer-Policy"] = "same-origin"  # the key never leaves the site
    return _private(response)


def _application_page(request, *, call, application, form, status=200):
    now = timezone.now()
    editable = application is None or application.status in services.EDITABLE
    context = {
        "call": call,
        "fair": call.event,
        "application": application,
        "form": form if editable and now < call.closes_at else None,
        "is_open": queries.call_is_open(call, now),
        "show_closed": editable and now >= call.closes_at,
        "not_open_yet": now < call.opens_at,
        "can_withdraw": application is not None and application.status in services.WITHDRAWABLE,
        "Status": Application.Status,
    }
    return render(request, "fairs/apply/application.html", context, status=status)


def _save(request, *, call, application):
    """POST of the application form: save the draft and, with "Submit", send it."""
    exhibitor = application.exhibitor if application else queries.membership_of(request.user).exhibitor
    form = ApplicationForm(request.POST, instance=application, call=call)
    if not form.is_valid():
        return _application_page(request, call=call, application=application, form=form, status=400)
    try:
        application = services.save_application_draft(
            call=call,
            exhibitor=exhibitor,
            data=form.application_data(),
            by=request.user,
            language=translation.get_language(),
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _application_page(request, call=call, application=application, form=form, status=400)
    if request.POST.get("action") == "submit":
        try:
            services.submit_application(application=application, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your application has been sent. We have e-mailed a confirmation."))
    else:
        messages.success(request, _("The draft of your application has been saved."))
    return redirect("fairs:application", call_id=call.pk, pk=application.pk)


@exhibitor_required
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request, call_id):
    """A new application to a call (its form); the institution's existing one opens instead."""
    call = queries.call_for_applying(call_id)
    if call is None or not call.event.live:
        raise Http404
    membership = queries.membership_of(request.user)
    existing = queries.own_application_for_call(membership.exhibitor, call)
    if existing is not None:
        return redirect("fairs:application", call_id=call.pk, pk=existing.pk)
    if request.method == "POST":
        return _save(request, call=call, application=None)
    user = request.user
    initial = {"contact_name": user.get_full_name(), "contact_email": user.email}
    return _application_page(
        request, call=call, application=None, form=ApplicationForm(initial=initial, call=call)
    )


def _own_application(request, call_id, pk):
    application = queries.application_of(request.user, call_id=call_id, pk=pk)
    if application is None:
        raise Http404
    return application


@exhibitor_required
@require_http_methods(["GET", "HEAD", "POST"])
def application(request, call_id, pk):
    """The institution's application: its status and staff's decision with the reason; while it
    is a draft (or withdrawn) and the call has not closed, the form to edit and send it."""
    application = _own_application(request, call_id, pk)
    if request.method == "POST":
        return _save(request, call=application.call, application=application)
    form = ApplicationForm(instance=application, call=application.call)
    return _application_page(request, call=application.call, application=application, form=form)


@exhibitor_required
@require_POST
def withdraw(request, call_id, pk):
    application = _own_application(request, call_id, pk)
    try:
        services.withdraw_application(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your application has been withdrawn."))
    return redirect(
        reverse("fairs:application", kwargs={"call_id": application.call_id, "pk": application.pk})
    )
