import re

from django.conf import settings
from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Page, Site

from .cache import until_next_generation
from .hooks import HOME_SECTIONS, SCHOOL_AREA


def home_sections(request):
    """Home-page sections given by the domain apps through the ``HOME_SECTIONS`` hook, in order."""
    sections = [section for fn in hooks.get_hooks(HOME_SECTIONS) if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))


def school_area_sections(request):
    """Sections of the teacher's school area given by the domain apps (``SCHOOL_AREA`` hook), in order."""
    sections = [section for fn in hooks.get_hooks(SCHOOL_AREA) if (section := fn(request))]
    return sorted(sections, key=lambda section: section.get("order", 100))


def news_items(index_page):
    """Live news items under a news index, newest first (a queryset: paginate it)."""
    from .models import NewsPage

    return (
        NewsPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-first_published_at")
    )


def latest_news(home, *, limit=3):
    """The newest news items of the home page's locale, wherever their index sits."""
    from .models import NewsPage

    return list(
        NewsPage.objects.live()
        .public()
        .filter(locale_id=home.locale_id)
        .descendant_of(home)
        .select_related("image")
        .prefetch_related("image__renditions")
        .order_by("-date", "-first_published_at")[:limit]
    )


def section_children(page):
    return list(page.get_children().live().public().specific().order_by("path"))


def search_words(query):
    """The words of a typed query, without the characters that are query syntax to a search
    backend (SQLite's FTS5 fails on an unmatched ``"``; PostgreSQL refuses NUL): letters, digits
    and ``_`` stay, anything else separates words."""
    return " ".join(re.sub(r"[^\w]+", " ", query).split())


def search_pages(query, *, locale=None):
    """Live, public pages of the current locale matching ``query`` (Wagtail search, ranked)."""
    locale = locale or Locale.get_active()
    pages = Page.objects.live().public().filter(locale=locale)
    words = search_words(query)
    if not words:
        return pages.none()
    return pages.search(words)


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
    from .models import NavigationMenu

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


def legal_page_link(request, which):
    """``url`` and ``title`` of the privacy notice or accessibility statement chosen in the site
    settings (``which`` is ``privacy`` or ``accessibility``), in the current language when
    translated; None when none is chosen."""
    from .models import SiteSettings

    chosen = getattr(SiteSettings.for_request(request), f"{which}_page", None)
    if chosen is None:
        return None
    page = chosen.localized
    return {"url": page.get_url(request), "title": page.title}


def site_chrome(request):
    """What the header and footer of every page read from the page tree, menus and settings: the
    ``main`` and ``footer`` menu links and the ``privacy`` and ``accessibility`` links.

    For the request's site and the active language; cached until the next publish or change of a
    menu or the settings (``cms.cache.until_next_generation``) and kept on the request.
    """
    from .models import NavigationMenu

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
    the language switcher (the page's live translation, else that language's home page, ``exists``
    False), and ``breadcrumbs``, the ancestors below the root as dicts of ``url``, ``title`` and
    ``depth``.

    Cached until the next publish or move, like the page cache that holds the same links, and kept
    on the request.
    """

    def compute():
        translations = {}
        homes = {}
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
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
                target = homes.get(code)
            url = target.get_url(request) if target is not None else "/" if code == "pl" else f"/{code}/"
            urls[code] = (url, exists)
        ancestors = page.get_ancestors()[1:] if page.depth > 2 else []
        breadcrumbs = [
            {"url": ancestor.get_url(request), "title": ancestor.title, "depth": ancestor.depth}
            for ancestor in ancestors
        ]
        return {"translations": urls, "breadcrumbs": breadcrumbs}

    if request is None:
        return compute()
    memo = request.__dict__.setdefault("_edufest_page_links", {})
    if page.pk not in memo:
        site = _site(request)
        memo[page.pk] = until_next_generation(f"page:{site.pk if site else '-'}:{page.pk}", compute)
    return memo[page.pk]


def accounts_without_mfa():
    """Active accounts that must have an authenticator (staff-like roles) and have none yet, with
    their newest enrolment link, for the staff list of who has not enrolled."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, Max, OuterRef, Q

    from .auth import MFA_ROLES

    enrolled = Authenticator.objects.filter(
        user=OuterRef("pk"), type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    )
    users = get_user_model().objects.filter(is_active=True)
    needs = Q(is_staff=True) | Q(is_superuser=True) | Q(groups__name__in=MFA_ROLES)
    candidates = users.filter(needs).values("pk")
    return (
        users.filter(pk__in=candidates)
        .exclude(Exists(enrolled))
        .annotate(last_link_at=Max("mfa_enrolment_links__created_at"))
        .order_by("email")
    )
