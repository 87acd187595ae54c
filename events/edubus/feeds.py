"""What the Edubus gives the rest of the site: calendar items, reach rows, a home-page section."""

import datetime
import re

from django.conf import settings
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.calendar import CalendarItem
from cms.reach.figures import ReachRow

from .models import Stop, StopKind, StopReport
from .queries import stop_url
from .scheduling import WARSAW

STATUS = {
    Stop.Status.CANCELLED: "CANCELLED",
    Stop.Status.TENTATIVE: "TENTATIVE",
    Stop.Status.REQUESTED: "TENTATIVE",
}


def calendar_items(*, start=None, end=None):
    """One item per stop: public ones in full, closed ones as town and day only (an all-day item)."""
    stops = Stop.objects.exclude(status=Stop.Status.REQUESTED).order_by("arrival", "pk")
    if start:
        stops = stops.filter(departure__gte=_moment(start))
    if end:
        stops = stops.filter(arrival__lt=_moment(end))
    for stop in stops:
        common = {
            "uid": f"edubus-stop-{stop.pk}@edufest",
            "kind": "edubus",
            "kind_label": _("Edubus"),
            "url": stop_url(stop),
            "last_modified": stop.updated_at,
            "sequence": stop.sequence,
            "status": STATUS.get(stop.status, "CONFIRMED"),
            "county": stop.county,
            "voivodeship": stop.voivodeship,
        }
        town = stop.municipality or stop.place_name
        if stop.is_public:
            # Place names are written in Polish: marked lang="pl" on the English calendar.
            yield CalendarItem(
                title=f"Edubus: {stop.place_name}, {town}",
                language=settings.LANGUAGE_CODE,
                title_name=f"{stop.place_name}, {town}",
                starts_at=stop.starts_at,
                ends_at=stop.ends_at,
                description=_("Kind: %(kind)s.") % {"kind": stop.get_kind_display()}
                + (f" {stop.cancellation_reason}" if stop.is_cancelled and stop.cancellation_reason else ""),
                location=", ".join(part for part in (stop.place_name, stop.address_line) if part),
                latitude=float(stop.latitude) if stop.latitude is not None else None,
                longitude=float(stop.longitude) if stop.longitude is not None else None,
                **common,
            )
        else:
            day = timezone.localtime(stop.arrival).date()
            yield CalendarItem(
                title=_("Edubus in %(town)s (closed visit)") % {"town": town},
                language=settings.LANGUAGE_CODE,
                title_name=town,
                starts_at=day,
                ends_at=day + datetime.timedelta(days=1),
                location=town,
                **common,
            )


def _moment(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time.min, tzinfo=WARSAW)


def _institution_key(name):
    name = re.sub(r"\s+", " ", name).strip().lower()
    return f"name:{name}" if name else ""


def reach_rows(*, start, end):
    """One row per stop report whose stop took place between ``start`` and ``end`` (inclusive dates).

    The report gives the visitors as one number (``basis="report"``, not split by kind); a school
    stop reached its host school (by name: a stop has no RSPO number), another stop its host
    institution, if named. The records behind the row are the report itself.

    A stop whose visitors were counted (``events.counting``, the stop's ``head_counts`` above 0)
    is left out: its counted rows replace the visitors typed in the report, never both. (The
    lookup names the reverse relation only; this app never imports the counting app.)
    """
    reports = (
        StopReport.objects.filter(
            stop__arrival__gte=_moment(start), stop__arrival__lt=_moment(end + datetime.timedelta(days=1))
        )
        .annotate(counted=Sum("stop__head_counts__delta"))
        .filter(Q(counted__isnull=True) | Q(counted__lte=0))
        .select_related("stop")
    )
    for report in reports.order_by("stop__arrival", "pk"):
        stop = report.stop
        host = _institution_key(
            stop.host_institution or (stop.place_name if stop.kind == StopKind.SCHOOL else "")
        )
        is_school = stop.kind == StopKind.SCHOOL
        yield ReachRow(
            activity_type="edubus",
            activity_type_label=_("Edubus"),
            activity_key=f"edubus-stop:{stop.pk}",
            activity_name=str(stop),
            people=report.visitors,
            basis="report",
            school=host if is_school else "",
            institution="" if is_school else host,
            institution_kind="school" if is_school else ("other" if host else ""),
            municipality=stop.municipality,
            county=stop.county,
            voivodeship=stop.voivodeship,
            municipality_code=stop.municipality_code,
            venue_municipality_code=stop.municipality_code,
            records_url=reverse("edubus_stopreport:edit", args=[report.pk]),
        )


def home_section(request):
    stops = list(
        Stop.objects.filter(departure__gte=timezone.now())
        .exclude(status=Stop.Status.REQUESTED)
        .order_by("arrival", "pk")[:5]
    )
    if not stops:
        return None
    return {"order": 40, "template": "edubus/home_section.html", "context": {"stops": stops}}
