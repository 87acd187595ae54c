from django import template
from django.utils.translation import gettext as _

from cms.places.queries import register as place_register

from ..dates import format_event_dates, format_time_range

register = template.Library()


@register.simple_tag
def event_dates(event):
    return format_event_dates(event.starts_at, event.ends_at, event.all_day)


@register.simple_tag
def time_range(item):
    return format_time_range(item.starts_at, item.ends_at)


@register.simple_tag
def county_name(county):
    """ "powiat nyski" for a county, "Kraków (miasto na prawach powiatu)" for a city county."""
    return place_register().county_label(county)


@register.simple_tag
def voivodeship_name(voivodeship):
    name = place_register().voivodeship_name(voivodeship)
    return _("%(name)s voivodeship") % {"name": name} if name else ""
