"""The ``.ics`` of a visitor's plan: the fair itself (the same entry, UID and all, as the fair's
own calendar file) and one entry per chosen stand workshop, in Europe/Warsaw, written by the
calendars app's writer. A workshop's UID is stable (``fair-workshop-<id>@<site host>``), so a
calendar that imports the file again updates the entries instead of doubling them; the chosen
stands (they have no times) are listed in the calendar's description."""

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cms.calendar import CalendarItem
from cms.links import page_url
from events.calendars.ical import calendar_from_items, event_item, event_location, event_uid, site_host
from events.calendars.models import ItemSequence

from . import queries


def workshop_uid(workshop):
    return f"fair-workshop-{workshop.pk}@{site_host()}"


def _title(workshop):
    if translation.get_language() == "en" and workshop.title_en:
        return workshop.title_en
    return workshop.title


def _stand_label(stand):
    if stand is None:
        return ""
    if stand.number:
        return _("stand %(number)s: %(institution)s") % {
            "number": stand.number,
            "institution": stand.institution,
        }
    return stand.institution


def workshop_item(workshop, event):
    page = workshop.page
    stand = page.stand
    title = _title(workshop)
    where = [_stand_label(stand)] if stand is not None else [page.title]
    if stand is not None and stand.zone is not None:
        where.append(_("zone %(zone)s") % {"zone": stand.zone})
    return CalendarItem(
        uid=workshop_uid(workshop),
        kind="fair_workshop",
        kind_label=_("workshop at a stand"),
        title=f"{title} ({where[0]})",
        url=page_url(page),
        starts_at=workshop.starts_at,
        ends_at=workshop.ends_at,
        last_modified=page.last_published_at or page.first_published_at or event.starts_at,
        description=workshop.description,
        location=", ".join(part for part in [*where[1:], event_location(event)] if part),
    )


def plan_ics(plan) -> bytes:
    event = plan.event
    sequence = ItemSequence.objects.filter(uid=event_uid(event.pk)).values_list("sequence", flat=True).first()
    items = [event_item(event, sequence=sequence or 0)]
    items += [workshop_item(workshop, event) for workshop in queries.plan_workshops(plan)]
    stands = queries.plan_stands(plan)
    description = ""
    if stands:
        description = _("Stands to visit: %(stands)s") % {
            "stands": "; ".join(_stand_label(stand) for stand in stands)
        }
    return calendar_from_items(
        items, name=_("My plan: %(fair)s") % {"fair": event.title}, description=description
    )


@require_GET
def plan_ics_file(request, token):
    plan = queries.plan_by_token(token)
    if plan is None:
        raise Http404
    response = HttpResponse(plan_ics(plan), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="plan-zwiedzania.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
