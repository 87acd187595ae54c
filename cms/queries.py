from django.utils import translation
from wagtail import hooks
from wagtail.models import Locale, Page

from .hooks import HOME_SECTIONS


def home_sections(request):
    """Home-page sections given by the domain apps through the ``HOME_SECTIONS`` hook, in order."""
    sections = [section for fn in hooks.get_hooks(HOME_SECTIONS) if (section := fn(request))]
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


def search_pages(query, *, locale=None):
    """Live, public pages of the current locale matching ``query`` (Wagtail search, ranked)."""
    locale = locale or Locale.get_active()
    return Page.objects.live().public().filter(locale=locale).search(query)


def current_locale():
    try:
        return Locale.objects.get_for_language(translation.get_language())
    except Locale.DoesNotExist:
        return Locale.get_default()
