"""Public and exhibitor pages of the fairs: form → one service call → redirect or render.
Each area keeps its views in its own block."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from events.models import EventKind, EventPage

from . import queries, services
from .forms import PlanItemForm

# ---- Visitor's plan ----


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
