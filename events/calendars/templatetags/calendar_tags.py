from django import template
from django.urls import reverse

from cms.links import absolute_url, relative_url

from ..forms import CalendarFilterForm
from ..ical import event_item, event_url
from ..links import google_calendar_url, outlook_calendar_url, subscribe_links

register = template.Library()
# A calendar item's URL is absolute (feeds, mails); on the site's own pages it is linked as a path.
register.filter("relative_url", relative_url)


@register.inclusion_tag("calendars/includes/add_to_calendar_links.html")
def add_to_calendar_links(page):
    """Download the event's ``.ics``, or add it to Google Calendar or Outlook (``{% add_to_calendar_links page %}``)."""
    if not page.pk or not page.live:
        return {}  # a preview of an unsaved or unpublished page has no public .ics yet
    item = event_item(page, url=event_url(page))
    return {
        "shown": True,
        "ics_url": reverse("calendars:event_ics", args=[page.pk]),
        "google_url": google_calendar_url(item),
        "outlook_url": outlook_calendar_url(item),
    }


@register.inclusion_tag("calendars/includes/subscribe_links.html")
def calendar_subscribe_links(query=""):
    """Subscribe to the site's feed (optionally filtered by a query string) by webcal or in Google."""
    feed_url = absolute_url(reverse("calendars:feed")) + (f"?{query}" if query else "")
    return {"links": subscribe_links(feed_url)}


@register.simple_tag
def calendar_filter_form(params, kind_choices, county_choices):
    """The calendar page's filter form, bound to its GET ``params`` (None: unbound), with the kinds
    and counties that have items (``{% calendar_filter_form filter_params kind_choices county_choices as form %}``)."""
    return CalendarFilterForm(params, kinds=kind_choices, counties=county_choices)


@register.filter
def calendar_title(item, layout_language):
    """``{{ item|calendar_title:LANGUAGE_CODE }}``: the item's title with the part in another language
    than the page marked ``lang`` (``cms.calendar.CalendarItem.title_html``)."""
    return item.title_html(layout_language)
