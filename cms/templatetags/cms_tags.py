from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from wagtail.models import Page

from cms import dates, i18n, queries
from cms.accounts import roles
from cms.models import SiteSettings

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    page = context.get("page")
    return {"links": queries.site_chrome(request)["main"], "current_id": getattr(page, "pk", None)}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    request = context.get("request")
    page = context.get("page")
    return {
        "links": queries.site_chrome(request)["footer"],
        "current_id": getattr(page, "pk", None),
    }


@register.simple_tag(takes_context=True)
def has_school_area(context):
    """Whether the signed-in user is a school coordinator (the header links the school area)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if not hasattr(request, "_edufest_school_area"):
        request._edufest_school_area = roles.has_role(user, roles.SCHOOL_COORDINATOR)
    return request._edufest_school_area


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of the current page when it exists (else that
    language's home page); outside Wagtail pages, the same URL in the other language."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    on_page = isinstance(page, Page) and page.pk
    urls = queries.page_links(request, page)["translations"] if on_page else {}
    links = []
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        if on_page:
            url, exists = urls[code]
        else:
            path = request.get_full_path() if request else "/"
            url, exists = translate_url(path, code), True
        absolute = request.build_absolute_uri(url) if request else url
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": absolute,
                "current": code == current,
                "exists": exists,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """The ancestors of the current page below the root: dicts of ``url``, ``title`` and ``depth``."""
    page = context.get("page")
    if not isinstance(page, Page):
        return []
    if not page.pk:  # a preview of a page not saved yet
        return [
            {
                "url": ancestor.get_url(context.get("request")),
                "title": ancestor.title,
                "depth": ancestor.depth,
            }
            for ancestor in page.get_ancestors()[1:]
        ]
    return queries.page_links(context.get("request"), page)["breadcrumbs"]


@register.simple_tag(takes_context=True)
def canonical_url(context):
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return ""
    if isinstance(page, Page) and page.pk:
        return request.build_absolute_uri(page.get_url(request))
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def legal_page(context, which):
    """``url`` and ``title`` of the privacy notice or accessibility statement chosen in the site
    settings, in the current language when translated (``which``: ``privacy``, ``accessibility``)."""
    request = context.get("request")
    if request is None:
        return None
    return queries.site_chrome(request)[which]


@register.simple_tag(takes_context=True)
def funding_text(context):
    site_settings = SiteSettings.for_request(context["request"])
    if translation.get_language() != "pl" and site_settings.funding_text_en:
        return site_settings.funding_text_en
    return site_settings.funding_text


@register.filter
def page_type_label(page):
    """The page type's name ("News item", "Event"), from the content-type cache: no query."""
    model = page.specific_class
    return str(model._meta.verbose_name).capitalize() if model else ""


@register.filter
def lang_attr(page):
    """`` lang="pl"`` on the content of a Polish page shown in the English layout (WCAG 3.1.2)."""
    return i18n.lang_attribute(page)


@register.filter
def in_language_of(text, page):
    """``{{ session.title|in_language_of:event }}``: a text of a page (its title, a session's title)
    inside a sentence, wrapped in ``<span lang="pl">`` when the page's language is not the layout's
    (WCAG 3.1.2), else only escaped."""
    code = i18n.page_language(page) if getattr(page, "locale_id", None) else ""
    if not code or code == i18n.active_language():
        return conditional_escape(text)
    return format_html('<span lang="{}">{}</span>', code, text)


@register.simple_tag
def date_range(first, last=None):
    """``{% date_range first last %}``: "14-15 maja 2027" / "14-15 May 2027", en dash (``cms.dates``)."""
    return dates.format_date_range(first, last)


@register.filter
def weekday_date(value, position="start"):
    """``{{ day|weekday_date }}``: "Wtorek, 8 grudnia 2026"; ``{{ day|weekday_date:"sentence" }}``
    inside a sentence: "wtorek, 8 grudnia 2026" (English: "Tuesday, 8 December 2026")."""
    if not value:
        return ""
    return dates.format_day(value, in_sentence=position == "sentence")
