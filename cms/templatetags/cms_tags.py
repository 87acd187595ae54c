from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from cms.models import NavigationMenu, SiteSettings

register = template.Library()


def _site(request):
    return Site.find_for_request(request) if request else None


def _menu_links(request, kind):
    """Links of the staff-edited menu of this kind in the current language, else the home page's
    children marked "show in menus"."""
    language = translation.get_language()
    menu = (
        NavigationMenu.objects.filter(kind=kind, locale__language_code=language)
        .prefetch_related("items__link_page")
        .first()
    )
    links = []
    if menu is not None:
        for item in menu.items.all():
            if item.link_page_id:
                if not item.link_page.live:
                    continue
                links.append(
                    {
                        "url": item.link_page.get_url(request),
                        "label": item.label or item.link_page.title,
                        "page_id": item.link_page_id,
                    }
                )
            else:
                links.append({"url": item.link_url, "label": item.label, "page_id": None})
        return links
    if kind != NavigationMenu.Kind.MAIN:
        return links
    site = _site(request)
    if site is None:
        return links
    root = site.root_page.localized
    for child in Page.objects.child_of(root).live().public().in_menu():
        links.append({"url": child.get_url(request), "label": child.title, "page_id": child.pk})
    return links


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    page = context.get("page")
    return {"links": _menu_links(request, NavigationMenu.Kind.MAIN), "current_id": getattr(page, "pk", None)}


@register.inclusion_tag("includes/footer_menu.html", takes_context=True)
def footer_menu(context):
    request = context.get("request")
    page = context.get("page")
    return {
        "links": _menu_links(request, NavigationMenu.Kind.FOOTER),
        "current_id": getattr(page, "pk", None),
    }


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of the current page when it exists (else that
    language's home page); outside Wagtail pages, the same URL in the other language."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    links = []
    translations = {}
    homes = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
        if len(translations) < len(settings.LANGUAGES):
            site = _site(request)
            if site is not None:
                for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
                    homes[home.locale.language_code] = home
    for code, _name in settings.LANGUAGES:
        info = translation.get_language_info(code)
        exists = True
        if isinstance(page, Page) and page.pk:
            target = translations.get(code)
            if target is None:
                exists = False
                target = homes.get(code)
            url = target.get_url(request) if target is not None else "/" if code == "pl" else f"/{code}/"
        else:
            path = request.get_full_path() if request else "/"
            url = translate_url(path, code)
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
    """The privacy notice or accessibility statement chosen in the site settings, in the
    current language when translated."""
    request = context.get("request")
    if request is None:
        return None
    chosen = getattr(SiteSettings.for_request(request), f"{which}_page", None)
    if chosen is None:
        return None
    return chosen.localized


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
