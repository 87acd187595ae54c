from django import template
from django.urls import reverse

from ..ical import event_item, site_url
from ..links import google_calendar_url, outlook_calendar_url, subscribe_links

register = template.Library()


@register.inclusion_tag("calendars/includes/add_to_calendar_links.html")
def add_to_calendar_links(page):
    """Download the event's ``.ics``, or add it to Google Calendar or Outlook (``{% add_to_calendar_links page %}``)."""
    item = event_item(page, url=site_url(page.get_url_parts()[2]) if page.get_url_parts() else "")
    return {
        "ics_url": reverse("calendars:event_ics", args=[page.pk]),
        "google_url": google_calendar_url(item),
        "outlook_url": outlook_calendar_url(item),
        "title": page.title,
    }


@register.inclusion_tag("calendars/includes/subscribe_links.html")
def calendar_subscribe_links(query=""):
    """Subscribe to the site's feed (optionally filtered by a query string) by webcal or in Google."""
    feed_url = site_url(reverse("calendars:feed")) + (f"?{query}" if query else "")
    return {"links": subscribe_links(feed_url)}
