import hashlib
import re

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from events.models import EventPage

from .feeds import FEED_CACHE_SECONDS, site_feed
from .ical import event_ics
from .queries import FILTER_VALUE

CONTENT_TYPE = "text/calendar; charset=utf-8"
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _calendar_response(request, *, body, etag, last_modified, filename, disposition="inline", gzipped=b""):
    """The calendar with ETag and Last-Modified (304 when unchanged). A client that accepts gzip gets
    ``gzipped`` (compressed once when the feed was built), under its own ETag."""
    compressed = bool(gzipped) and ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if compressed:
        body, etag = gzipped, etag[:-1] + '-gzip"'
    timestamp = int(last_modified.timestamp()) if last_modified else None  # HTTP dates have whole seconds
    response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = HttpResponse(body, content_type=CONTENT_TYPE)
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
        if compressed:
            response["Content-Encoding"] = "gzip"
    if gzipped:
        patch_vary_headers(response, ["Accept-Encoding"])
    response["ETag"] = etag
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    response["Cache-Control"] = f"public, max-age={FEED_CACHE_SECONDS}"
    return response


@require_safe
def feed(request):
    """``/calendar.ics``: every public item; ``?kind=``, ``?county=<voivodeship>:<county>``, ``?audience=``."""
    return _feed(request, kind=request.GET.get("kind", ""), county=request.GET.get("county", ""))


def _feed(request, *, kind, county):
    audience = request.GET.get("audience", "")
    if not all(FILTER_VALUE.match(value) for value in (kind, county, audience)):
        return HttpResponseBadRequest("Unknown filter value.", content_type="text/plain; charset=utf-8")
    result = site_feed(kind=kind, county=county, audience=audience)
    return _calendar_response(
        request,
        body=result.body,
        etag=result.etag,
        last_modified=result.last_modified,
        filename="edufest.ics",
        gzipped=result.gzipped,
    )


@require_safe
def event_ics_file(request, page_id):
    """The ``.ics`` file of one live, public event page."""
    page = get_object_or_404(EventPage.objects.live().public(), pk=page_id)
    body = event_ics(page)
    return _calendar_response(
        request,
        body=body,
        etag='"' + hashlib.sha256(body).hexdigest()[:40] + '"',
        last_modified=page.last_published_at,
        filename=f"{page.slug}.ics",
        disposition="attachment",
    )


@require_safe
def kind_feed(request, kind):
    """``/calendar/<kind>.ics``: the feed of one kind (path form of ``?kind=``)."""
    return _feed(request, kind=kind, county=request.GET.get("county", ""))


@require_safe
def county_feed(request, voivodeship, county):
    """``/calendar/<voivodeship>/<county>.ics``: the feed of one county (path form of ``?county=``)."""
    return _feed(request, kind=request.GET.get("kind", ""), county=f"{voivodeship}:{county}")
