from django import template
from wagtail.models import Page, Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site is not None:
        root = site.root_page.localized
        items = list(Page.objects.child_of(root).live().in_menu().specific(defer=True))
    return {"items": items, "current": context.get("page"), "request": request}
