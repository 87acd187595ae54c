"""Context of the event pages (Wagtail serves them; these build what their templates show)."""

from django.core.paginator import Paginator

from . import queries
from .forms import EventFilterForm, ZoneFilterForm
from .models import EventKind

EVENTS_PER_PAGE = 12


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
    """Programme by day; for a fair its zones and the stands of the zone chosen by ``?zone=``."""
    context = {"programme": queries.programme(page), "audiences": queries.audiences(page)}
    if page.kind == EventKind.FAIR:
        zones = queries.fair_zones(page)
        zone_form = ZoneFilterForm(request.GET if "zone" in request.GET else None, zones=zones)
        zone = zone_form.selected_zone() if zone_form.is_bound else None
        context.update(
            zones=zones,
            zone_form=zone_form,
            selected_zone=zone,
            stands=queries.sorted_stands(queries.fair_stands(page, zone=zone)),
        )
    return context
