import re

from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from . import i18n
from .accounts import roles
from .accounts.auth import is_staff_member
from .cache import until_next_generation
from .hooks import ACCOUNT_HOME, ACCOUNT_SECTIONS, HOME_SECTIONS, SCHOOL_AREA
from .models import HomePage, NavigationMenu, NewsIndexPage, NewsPage, SectionIndexPage, SiteSettings
from .pages import context_for


def home_sections(request):
    """Home-page sections given by the domain apps through the ``HOME_SECTIONS`` hook, in order."""
    sections = [section for fn in hooks.get_hooks(HOME_SECTIONS) if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))


def school_area_sections(request):
    """Sections of the teacher's school area given by the domain apps (``SCHOOL_AREA`` hook), in order."""
    sections = [section for fn in hooks.get_hooks(SCHOOL_AREA) if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))


def account_home(user):
    """Where "My account" takes a signed-in user: the school area of a teacher, the admin of staff
    and Edubus coordinators, a role's own page given by its app (``ACCOUNT_HOME``: a juror's jury
    page); ``None`` for a person without a role (their account page, ``cms:account``)."""
    if roles.lands_in_school_area(user):
        return reverse("cms:school_area")
    if user.is_staff or is_staff_member(user, roles=(roles.STAFF, roles.EDUBUS_COORDINATOR)):
        return reverse("wagtailadmin_home")
    for fn in hooks.get_hooks(ACCOUNT_HOME):
        if path := fn(user):
            return path
    return None


def account_sections(request):
    """Sections of a visitor's account page given by the domain apps (``ACCOUNT_SECTIONS``), in order."""
    sections = [section for fn in hooks.get_hooks(ACCOUNT_SECTIONS) if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))


def news_items(index_page):
    """Live news items under a news index, newest first (a queryset: paginate it)."""
    return (
        i18n.children_of(NewsPage.objects.live().public(), index_page)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-first_published_at")
    )


def latest_news(home, *, limit=3):
    """The newest news items under the home page in the active language (translated where they
    are, else in Polish), wherever their index sits."""
    return list(
        i18n.descendants_of(NewsPage.objects.live().public(), home)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-first_published_at")[:limit]
    )


def section_children(page):
    return list(i18n.children_of(Page.objects.live().public(), page).specific().order_by("path"))


@context_for(HomePage)
def home_page_context(page, request):
    return {"home_sections": home_sections(request), "latest_news": latest_news(page, limit=3)}


@context_for(SectionIndexPage)
def section_page_context(page, request):
    return {"children": section_children(page)}


@context_for(NewsIndexPage)
def news_index_context(page, request):
    paginator = Paginator(news_items(page), page.per_page)
    return {"news_page": paginator.get_page(request.GET.get("page")), "paginator": paginator}


def search_words(query):
    """The words of a typed query, without the characters that are query syntax to a search
    backend (SQLite's FTS5 fails on an unmatched ``"``; PostgreSQL refuses NUL): letters, digits
    and ``_`` stay, anything else separates words."""
    return " ".join(re.sub(r"[^\w]+", " ", query).split())


def search_pages(query, *, locale=None):
    """Live, public pages matching ``query`` (Wagtail search, ranked): those of the current locale
    and, outside the default language, the default language's pages (one per translation, the
    current language's first), so that English visitors find the pages not translated yet."""
    locale = locale or Locale.get_active()
    words = search_words(query)
    if not words:
        return Page.objects.none()
    default = Locale.get_default()
    if locale.pk == default.pk:
        return Page.objects.live().public().filter(locale=locale).search(words)
    results = Page.objects.live().public().filter(locale_id__in=[locale.pk, default.pk]).search(words)
    return [
        page.specific_deferred for page in i18n.prefer_language(list(results), language=locale.language_code)
    ]


def current_locale():
    try:
        return Locale.objects.get_for_language(translation.get_language())
    except Locale.DoesNotExist:
        return Locale.get_default()


def _site(request):
    return Site.find_for_request(request) if request else None


def menu_links(request, kind):
    """Links of the staff-edited menu of this kind in the current language, else the home page's
    children marked "show in menus": dicts of ``url``, ``label`` and ``page_id``."""
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
                        "url": i18n.url_of(item.link_page, request),
                        "label": item.label or item.link_page.title,
                        "page_id": item.link_page_id,
                        "lang": "" if item.label else i18n.lang_attribute(item.link_page),
                    }
                )
            else:
                links.append({"url": item.link_url, "label": item.label, "page_id": None, "lang": ""})
        return links
    if kind != NavigationMenu.Kind.MAIN:
        return links
    site = _site(request)
    if site is None:
        return links
    root = site.root_page.localized
    for child in i18n.children_of(Page.objects.live().public().in_menu(), root).order_by("path"):
        links.append(
            {
                "url": i18n.url_of(child, request),
                "label": child.title,
                "page_id": child.pk,
                "lang": i18n.lang_attribute(child),
            }
        )
    return links


def legal_page_link(request, which):
    """``url`` and ``title`` of the privacy notice or accessibility statement chosen in the site
    settings (``which`` is ``privacy`` or ``accessibility``), in the current language when
    translated; None when none is chosen."""
    chosen = getattr(SiteSettings.for_request(request), f"{which}_page", None)
    if chosen is None:
        return None
    page = chosen.localized
    return {"url": i18n.url_of(page, request), "title": page.title, "lang": i18n.lang_attribute(page)}


def site_chrome(request):
    """What the header and footer of every page read from the page tree, menus and settings: the
    ``main`` and ``footer`` menu links and the ``privacy`` and ``accessibility`` links.

    For the request's site and the active language; cached until the next publish or change of a
    menu or the settings (``cms.cache.until_next_generation``) and kept on the request.
    """
    language = translation.get_language()
    attr = f"_edufest_site_chrome_{language}"
    if request is None or not hasattr(request, attr):

        def compute():
            return {
                "main": menu_links(request, NavigationMenu.Kind.MAIN),
                "footer": menu_links(request, NavigationMenu.Kind.FOOTER),
                "privacy": legal_page_link(request, "privacy") if request else None,
                "accessibility": legal_page_link(request, "accessibility") if request else None,
            }

        if request is None:
            return compute()
        site = _site(request)
        chrome = until_next_generation(f"chrome:{site.pk if site else '-'}:{language}", compute)
        setattr(request, attr, chrome)
    return getattr(request, attr)


def page_links(request, page):
    """Links of a saved page's surroundings: ``translations``, {language code: (url, exists)} for
    the language switcher, and ``breadcrumbs``, the ancestors below the root as dicts of ``url``,
    ``title``, ``depth`` and ``lang``, in the active language.

    The switcher keeps the page: its live translation (``exists`` True), else the same page in
    the other language's layout (a Polish page under ``/en/``, see ``cms.i18n``), else, for a page
    only in English, the Polish home page. Breadcrumbs show each ancestor's translation where there
    is one.

    Cached until the next publish or move, like the page cache that holds the same links, and kept
    on the request.
    """
    language = translation.get_language()

    def compute():
        translations = {}
        homes = {}
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
        page_code = i18n.page_language(page)
        if len(translations) < len(settings.LANGUAGES):
            site = _site(request)
            if site is not None:
                for home in site.root_page.get_translations(inclusive=True).live().select_related("locale"):
                    homes[home.locale.language_code] = home
        urls = {}
        for code, _name in settings.LANGUAGES:
            target = translations.get(code)
            exists = target is not None
            if target is None:
                # The same page in the other layout, when it is a page of the default language.
                target = page if page.live and page_code == i18n.default_language() else homes.get(code)
            with translation.override(code):
                url = target.get_url(request) if target is not None else "/" if code == "pl" else f"/{code}/"
            urls[code] = (url, exists)
        ancestors = list(page.get_ancestors()[1:]) if page.depth > 2 else []
        if ancestors and page_code != i18n.active_language():
            keys = [ancestor.translation_key for ancestor in ancestors]
            local = {
                other.translation_key: other
                for other in Page.objects.live()
                .filter(translation_key__in=keys, locale__language_code=i18n.active_language())
                .select_related("locale")
            }
            ancestors = [local.get(ancestor.translation_key, ancestor) for ancestor in ancestors]
        breadcrumbs = [
            {
                "url": i18n.url_of(ancestor, request),
                "title": ancestor.title,
                "depth": ancestor.depth,
                "lang": i18n.lang_attribute(ancestor),
            }
            for ancestor in ancestors
        ]
        return {"translations": urls, "breadcrumbs": breadcrumbs}

    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_edufest_page_links", {})
    if (page.pk, language) not in memo:
        site = _site(request)
        memo[(page.pk, language)] = until_next_generation(
            f"page:{site.pk if site else '-'}:{page.pk}:{language}", compute
        )
    return memo[(page.pk, language)]
