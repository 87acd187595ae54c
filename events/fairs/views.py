"""Public-side pages of the fairs: the exhibitor's area, a visitor's plan, a stand's visit code.
Each part of the app keeps its views in its own block."""

import datetime
import functools

from allauth.account.forms import default_token_generator
from allauth.account.utils import url_str_to_user_pk
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from cms.accounts.auth import staff_required
from cms.accounts.network import client_ip
from cms.accounts.ratelimit import over_limit
from cms.links import absolute_url
from events.models import EventKind, EventPage
from events.registration.qr import qr_svg

from . import access, queries, services
from .access import accepted_application_of, acts_for_an_exhibitor, is_exhibitor_person, passes_application
from .forms import (
    ApplicationForm,
    ExhibitorPasswordForm,
    ExhibitorSignupForm,
    InviteColleagueForm,
    PassChangeForm,
    PassForm,
    PlanItemForm,
    StandPageForm,
    StandWorkshopFormSet,
    VisitMaterialForm,
    stand_page_data,
    stand_page_initial,
)
from .models import EXHIBITOR, Application
from .pdf import passes_pdf, stand_label, visit_code_pdf


def _pass_application(request, application_id):
    """The accepted application the signed-in person acts for: 403 without an exhibitor, 404 for
    another institution's (or one not accepted)."""
    if not acts_for_an_exhibitor(request.user):
        raise PermissionDenied
    application = passes_application(request.user, application_id)
    if application is None:
        raise Http404
    return application


def _pass_or_404(application, pass_id):
    exhibitor_pass = queries.pass_of(application, pass_id)
    if exhibitor_pass is None:
        raise Http404
    return exhibitor_pass


def _passes_context(application, form):
    passes = queries.active_passes(application)
    allowance = application.call.staff_allowance
    return {
        "application": application,
        "event": application.call.event,
        "stand": queries.stand_line(application),
        "passes": [
            (
                exhibitor_pass,
                qr_svg(
                    exhibitor_pass.registration.ticket.secret,
                    label=_("QR code of the pass of %(name)s") % {"name": exhibitor_pass.name},
                    size="9rem",
                ),
            )
            for exhibitor_pass in passes
        ],
        "allowance": allowance,
        "left": max(allowance - len(passes), 0),
        "form": form,
    }


@never_cache
@login_required
def passes(request, application):
    """An accepted exhibitor's stand staff: name one (up to the call's allowance), see each pass with
    its QR code, download them, change or remove one."""
    application = _pass_application(request, application)
    form = PassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exhibitor_pass = services.name_pass(
                application=application,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=request.LANGUAGE_CODE,
                by=request.user,
            )
        except services.PassError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The pass of %(name)s is ready.") % {"name": exhibitor_pass.name})
            return redirect("fairs:passes", application.pk)
    status = 400 if form.errors else 200
    return _private(render(request, "fairs/passes.html", _passes_context(application, form), status=status))


@never_cache
@login_required
def pass_edit(request, application, exhibitor_pass):
    """Correct the name or e-mail on a pass, or hand it to another person (a new QR code)."""
    application = _pass_application(request, application)
    exhibitor_pass = _pass_or_404(application, exhibitor_pass)
    form = PassChangeForm(
        request.POST or None, initial={"name": exhibitor_pass.name, "email": exhibitor_pass.email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            exhibitor_pass = services.change_pass(
                exhibitor_pass=exhibitor_pass,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                new_person=form.cleaned_data["new_person"],
                language=request.LANGUAGE_CODE,
                by=request.user,
            )
        except services.PassError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The pass of %(name)s is saved.") % {"name": exhibitor_pass.name})
            return redirect("fairs:passes", application.pk)
    context = {
        "application": application,
        "event": application.call.event,
        "exhibitor_pass": exhibitor_pass,
        "form": form,
    }
    status = 400 if form.errors else 200
    return _private(render(request, "fairs/pass_edit.html", context, status=status))


@require_POST
@login_required
def pass_remove(request, application, exhibitor_pass):
    """Remove a pass: its QR code stops admitting and the place in the allowance is free."""
    application = _pass_application(request, application)
    exhibitor_pass = _pass_or_404(application, exhibitor_pass)
    services.remove_pass(exhibitor_pass=exhibitor_pass, by=request.user)
    messages.success(request, _("The pass of %(name)s has been removed.") % {"name": exhibitor_pass.name})
    return redirect("fairs:passes", application.pk)


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@require_safe
@login_required
def pass_pdf(request, application, exhibitor_pass):
    application = _pass_application(request, application)
    exhibitor_pass = _pass_or_404(application, exhibitor_pass)
    filename = f"przepustka-{slugify(exhibitor_pass.name) or exhibitor_pass.pk}.pdf"
    return _pdf_response(passes_pdf([exhibitor_pass], application), filename)


@require_safe
@login_required
def passes_all_pdf(request, application):
    """Every pass of the application in one PDF (A4, one pass per half page)."""
    application = _pass_application(request, application)
    found = queries.active_passes(application)
    if not found:
        raise Http404
    return _pdf_response(passes_pdf(found, application), "przepustki.pdf")


"""Public and exhibitor pages of the fairs: form → one service call → redirect or render.
Each area keeps its views in its own block."""


def _private(response):
    """A plan's pages are capability links: never cached by a shared cache, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _remember_plan(request, plan):
    plans = dict(request.session.get(queries.PLAN_SESSION_KEY) or {})
    if plans.get(str(plan.event_id)) != plan.token:
        plans[str(plan.event_id)] = plan.token
        request.session[queries.PLAN_SESSION_KEY] = plans


def _same_origin(request):
    """The browser says this POST comes from a page of this site (Fetch metadata, else Origin)."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("Origin")
    return bool(origin) and origin == f"{request.scheme}://{request.get_host()}"


def _csrf_token_valid(request):
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is None


def _item_label(stand=None, workshop=None):
    if stand is not None:
        if stand.number:
            return _("stand %(number)s: %(institution)s") % {
                "number": stand.number,
                "institution": stand.institution,
            }
        return stand.institution
    if translation.get_language() == "en" and workshop.title_en:
        return workshop.title_en
    return workshop.title


@csrf_exempt
@require_POST
def plan_add(request):
    """The "Add to my plan" button of a stand or a stand workshop (on the fair's page, a stand page
    and the plan's page). The fair's page is served from the page cache to anonymous visitors, so
    its buttons carry no CSRF token: a POST the browser marks as coming from this site (Fetch
    metadata or Origin) is taken as it is, any other needs the CSRF token of the confirmation page
    it gets instead. Either way nothing but the visitor's own anonymous plan changes."""
    form = PlanItemForm(request.POST)
    if not form.is_valid():
        raise Http404
    stand, workshop = form.cleaned_data["stand"], form.cleaned_data["workshop"]
    if not (_same_origin(request) or _csrf_token_valid(request)):
        context = {"form": form, "event": form.cleaned_data["event"], "label": _item_label(stand, workshop)}
        return _private(render(request, "fairs/plan_confirm.html", context))
    event = form.cleaned_data["event"]
    plan = services.add_to_plan(
        token=queries.session_plan_token(request.session, event.pk),
        event=event,
        stand=stand,
        workshop=workshop,
    )
    _remember_plan(request, plan)
    plan_url = reverse("fairs:plan", args=[plan.token])
    added = _("Added to your visit plan: %(item)s.") % {"item": _item_label(stand, workshop)}
    if request.headers.get("Accept") == "application/json":  # fairs/static/fairs/plan.js
        answer = {"message": added, "plan_url": plan_url, "plan_link_text": _("See your plan")}
        return _private(JsonResponse(answer))
    messages.success(request, format_html('{} <a href="{}">{}</a>', added, plan_url, _("See your plan")))
    next_url = form.cleaned_data["next"]
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect(plan_url)


@require_POST
def plan_remove(request, token):
    plan = queries.plan_by_token(token)
    if plan is None:
        raise Http404
    form = PlanItemForm(request.POST)
    if not form.is_valid():
        return redirect("fairs:plan", token)
    stand, workshop = form.cleaned_data["stand"], form.cleaned_data["workshop"]
    services.remove_from_plan(plan=plan, stand=stand, workshop=workshop)
    messages.success(
        request, _("Removed from your visit plan: %(item)s.") % {"item": _item_label(stand, workshop)}
    )
    return redirect("fairs:plan", token)


@require_GET
def plan_detail(request, token):
    """The plan at its secret link: stands by zone and number, workshops by time, the workshops
    still to choose from, the link to share or bookmark and the ``.ics``. Opening it in a browser
    that has no plan of this fair yet makes it this browser's plan."""
    plan = queries.plan_by_token(token)
    if plan is None:
        raise Http404
    if not queries.session_plan_token(request.session, plan.event_id):
        _remember_plan(request, plan)
    workshops = queries.plan_workshops(plan)
    chosen = {workshop.pk for workshop in workshops}
    context = {
        "plan": plan,
        "event": plan.event,
        "stands": queries.plan_stands(plan),
        "workshops": workshops,
        "other_workshops": [
            workshop for workshop in queries.fair_workshops(plan.event) if workshop.pk not in chosen
        ],
        **queries.plan_links(plan),
    }
    return _private(render(request, "fairs/plan.html", context))


@require_GET
def my_plan(request, event_id):
    """The "My visit plan" link of a fair: this browser's plan, or a page that says how to start
    one."""
    event = get_object_or_404(EventPage.objects.live(), pk=event_id, kind=EventKind.FAIR)
    plan = queries.plan_by_token(queries.session_plan_token(request.session, event.pk))
    if plan is not None:
        return redirect("fairs:plan", plan.token)
    context = {"event": event, "workshops": queries.fair_workshops(event)}
    return _private(render(request, "fairs/plan_none.html", context))


@require_POST
def plan_for_ticket(request, secret):
    """The "Plan my visit" button on a fair's ticket page: opens the plan kept on the registration,
    making it from this browser's plan of the fair (or an empty one) the first time."""
    ticket = queries.ticket_by_secret(secret)
    if ticket is None or ticket.registration.event.kind != EventKind.FAIR:
        raise Http404
    registration = ticket.registration
    try:
        plan = services.plan_for_registration(
            registration=registration,
            token=queries.session_plan_token(request.session, registration.event_id),
        )
    except services.PlanError as error:
        messages.error(request, str(error))
        return redirect("registration:ticket", secret)
    _remember_plan(request, plan)
    return redirect("fairs:plan", plan.token)


"""Public-side pages of the fairs: the exhibitor's area, a visitor's plan, stand visit codes. Each
part of the app keeps its views in its own block."""


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def stand_page_edit(request, application):
    """``/wystawca/stoisko/<application>/``: the people of an accepted exhibitor keep its stand
    page (texts, logo, lists, workshops); published at once or after staff approve, by the call."""
    application = accepted_application_of(request.user, application)
    if application is None:
        raise Http404
    fair = application.call.event
    page = queries.stand_page_of(application)
    draft = queries.stand_page_draft(page) if page is not None else None
    initial, workshops_initial = stand_page_initial(draft)
    if request.method == "POST" and application.stand_id:
        form = StandPageForm(request.POST, request.FILES, initial=initial)
        formset = StandWorkshopFormSet(
            request.POST, prefix="workshops", initial=workshops_initial, form_kwargs={"fair": fair}
        )
        if form.is_valid() and formset.is_valid():
            try:
                saved = services.save_stand_page(
                    application=application, data=stand_page_data(form, formset), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if saved.published:
                    messages.success(request, _("The stand page is saved and published."))
                else:
                    messages.success(
                        request, _("The changes are saved and await approval by the organisers.")
                    )
                return redirect("fairs:stand_page_edit", application=application.pk)
        status = 400
    else:
        form = StandPageForm(initial=initial)
        formset = StandWorkshopFormSet(
            prefix="workshops", initial=workshops_initial, form_kwargs={"fair": fair}
        )
        status = 200
    moderation = queries.stand_page_moderation(page) if page is not None else None
    context = {
        "application": application,
        "fair": fair,
        "page": None,
        "stand_page": page,
        "draft": draft,
        "moderation": moderation,
        "form": form,
        "formset": formset,
    }
    return _private(render(request, "fairs/stand_page_edit.html", context, status=status))


"""Public-side pages of the fairs: the exhibitor's area (``/wystawca/``)."""


EXHIBITOR_LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


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


"""Public and exhibitor pages of the fairs (each part of the app in its own block)."""


# Visits one client address may add to one stand in an hour (a school's network is one address
# for a whole class, so the limit is generous); EDUFEST_STAND_VISIT_RATE_LIMIT overrides it.
STAND_VISIT_RATE_LIMIT = 60


def visit_cookie_name(code):
    return f"stand_visit_{code.pk}"


@never_cache
@require_safe
def stand_visit(request, token):
    """The stand's material for the visitor who scanned its code. Opening it counts one visit in
    the current Warsaw hour, unless the same phone already counted this hour (a cookie holding
    only that hour) or its address went over the rate limit. Nothing about the visitor is kept."""
    code = queries.open_visit_code(token)
    if code is None:
        raise Http404
    now = timezone.now()
    hour = queries.hour_of(now)
    hour_key = hour.strftime("%Y%m%d%H")
    counted = request.COOKIES.get(visit_cookie_name(code)) == hour_key
    if request.method == "GET" and not counted:
        limit = getattr(settings, "EDUFEST_STAND_VISIT_RATE_LIMIT", STAND_VISIT_RATE_LIMIT)
        if not over_limit("stand-visit", f"{client_ip(request)}|{code.pk}", limit=limit, seconds=3600):
            services.count_stand_visit(stand=code.stand, at=now)
    stand = code.stand
    response = render(
        request,
        "fairs/visits/stand_visit.html",
        {
            "code": code,
            "stand": stand,
            "event": stand.event,
            "stand_label": stand_label(stand),
            "stand_page": getattr(stand, "page", None),
        },
    )
    if request.method == "GET" and not counted:
        next_hour = hour + datetime.timedelta(hours=1)
        response.set_cookie(
            visit_cookie_name(code),
            hour_key,
            max_age=max(int((next_hour - now).total_seconds()), 1),
            path=request.path,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _visits_application(request, application_id):
    """The accepted application of the signed-in exhibitor's person, its fair with stand visits on."""
    application = access.accepted_application_with_stand_of(request.user, application_id)
    if application is None or not application.call.stand_visits_enabled:
        raise Http404
    return application


def visit_url(code):
    return absolute_url(reverse("fairs:stand_visit", args=[code.token]))


@never_cache
@staff_required(roles=(EXHIBITOR,))
@require_http_methods(["GET", "POST"])
def stand_visits(request, application_id):
    """The exhibitor's stand visits: the material visitors get, the QR to print, visits per hour."""
    application = _visits_application(request, application_id)
    stand = application.stand
    code = services.ensure_visit_code(stand=stand)
    status = 200
    if request.method == "POST":
        form = VisitMaterialForm(request.POST)
        if form.is_valid():
            services.save_visit_material(code=code, **form.cleaned_data)
            messages.success(request, _("The material for visitors is saved."))
            return redirect("fairs:stand_visits", application.pk)
        status = 400
    else:
        form = VisitMaterialForm(initial={"material": code.material, "material_url": code.material_url})
    days = queries.visit_days(stand)
    response = render(
        request,
        "fairs/visits/stand_visits.html",
        {
            "application": application,
            "stand": stand,
            "stand_label": stand_label(stand),
            "event": application.call.event,
            "code": code,
            "visit_url": visit_url(code),
            "form": form,
            "days": days,
            "total": sum(day["total"] for day in days),
        },
        status=status,
    )
    return _private(response)


@staff_required(roles=(EXHIBITOR,))
@require_safe
def stand_visit_code_pdf(request, application_id):
    application = _visits_application(request, application_id)
    code = services.ensure_visit_code(stand=application.stand)
    response = HttpResponse(visit_code_pdf(code=code, url=visit_url(code)), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="stoisko-{application.stand.pk}-kod.pdf"'
    return _private(response)
