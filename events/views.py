"""The event pages' context (Wagtail serves the pages through their models; ``page_context`` builds
what their templates show, from the filter forms and the reads of ``events.queries``) and the
members-only minutes."""

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from cms.pages import context_for

from . import queries
from .fairs import queries as fairs_queries
from .forms import EventFilterForm, ZoneFilterForm
from .models import EventIndexPage, EventKind, EventPage
from .wzk import queries as wzk_queries
from .wzk.access import can_see_member_details, is_member, view_for

EVENTS_PER_PAGE = 12


@context_for(EventIndexPage, EventPage)
def page_context(page, request, *, archive=False):
    """What the event pages show (``cms.pages``): the listing of an event index, or an event's page."""
    if isinstance(page, EventIndexPage):
        return event_listing(request, page, archive=archive)
    if isinstance(page, EventPage):
        return event_detail(request, page)
    return {}


def event_listing(request, index, *, archive=False):
    """Upcoming events (or the archive of past ones) of an index, filtered by GET and paginated."""
    form = EventFilterForm(request.GET or None, counties=queries.event_counties(index=index))
    filters = form.filters() if form.is_bound else {}
    events = (queries.past_events if archive else queries.upcoming_events)(index=index, **filters)
    paginator = Paginator(events, EVENTS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "filter_form": form,
        "events": page_obj,
        "page_range": list(paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)),
        "archive_url": index.get_url(request) + index.reverse_subpage("archive"),
        "archive": archive,
        "filtered": bool(filters),
    }


def event_detail(request, page):
    """Programme by day; for a fair its zones and the stands of the zone chosen by ``?zone=``;
    ``event_view``: what of a members-only event this visitor may see (``events.access``)."""
    context = {
        "programme": queries.programme(page),
        "audiences": queries.audiences(page),
        "event_view": view_for(request.user if request is not None else None, page),
    }
    meeting = wzk_queries.meeting_of_event(page) if page.kind == EventKind.MEETING else None
    if meeting is not None and is_member(request.user if request is not None else None, page):
        context.update(wzk_meeting=meeting, wzk_documents=wzk_queries.member_documents(meeting))
    if page.kind == EventKind.MEETING:
        context["wzk_minutes"] = wzk_queries.event_page_minutes(
            request.user if request is not None else None, page
        )
    if page.kind == EventKind.WORKSHOP:
        context["partner_morning"] = wzk_queries.partner_morning_of(page)
    if page.kind == EventKind.FAIR:
        zones = queries.fair_zones(page)
        zone_form = ZoneFilterForm(request.GET if "zone" in request.GET else None, zones=zones)
        zone = zone_form.selected_zone() if zone_form.is_bound else None
        context.update(
            zones=zones,
            zone_form=zone_form,
            selected_zone=zone,
            stands=queries.sorted_stands(queries.fair_stands(page, zone=zone)),
            exhibitor_call=fairs_queries.open_call_of(page),  # fairs, Applications: "Apply for a stand"
            floor_plans=fairs_queries.fair_floor_plans(page),  # events.fairs: the halls' plans
        )
    return context


@require_GET
def minutes(request, pk):
    """The minutes of an event: public meetings' as they are; a members-only meeting's only for
    its members (``events.access``), else 404 (anonymous visitors are asked to log in first)."""
    event = get_object_or_404(EventPage.objects.live(), pk=pk)
    if event.minutes_id is None:
        raise Http404
    if not can_see_member_details(request.user, event):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    document = event.minutes
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
