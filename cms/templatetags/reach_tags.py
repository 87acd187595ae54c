"""The reach dashboard's links to its drill-down: the page's filters plus the figure's own."""

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag
def drill(filters, **more):
    """URL of the rows behind a figure: ``filters`` (the period and type) with ``more`` on top."""
    query = {**filters, **{key: value for key, value in more.items() if value not in (None, "")}}
    return f"{reverse('cms_reach_rows')}?{urlencode(query)}"
