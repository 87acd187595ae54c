"""One page tree for both languages: English visitors reach every page.

The site is written in Polish; editors translate only some pages into English
(``wagtail.contrib.simple_translation``). An English visitor must still reach every event, contest
and page, so a page without an English translation is served under ``/en/`` with its Polish path
(``/en/wydarzenia/festiwal/``), in the English layout (menus, forms, messages), its own content
marked ``lang="pl"``:

- :class:`LanguageFallbackMixin` (on every page type) gives a Polish page, when the active language
  is another one, its URL under that language's prefix, so every link the site makes (menus,
  lists, calendar, search, mails rendered in English) stays in the visitor's language;
- :func:`route_with_fallback` (the home page's routing) serves those URLs: a path that the English
  tree does not have is looked up in the Polish tree from the deepest English page that matched,
  and a page found there that has an English translation is served as that translation;
- :func:`in_language` keeps one page per translation in lists: the translation in the active
  language where it exists, else the Polish page; :func:`children_of` and :func:`descendants_of`
  scope a list to a page in all its languages (the English news index lists the Polish-only items
  too).

Nothing is copied or kept in sync: registrations, tickets and entries stay on the one Polish page.
"""

import functools
import operator

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language():
    """The content language of the request (``pl`` or ``en``)."""
    try:
        return get_supported_content_language_variant(translation.get_language() or settings.LANGUAGE_CODE)
    except LookupError:
        return default_language()


class LanguageFallbackMixin:
    """A page of the default language, linked while another language is active, gets its URL under
    that language's prefix (served by :func:`route_with_fallback`); translations keep their own."""

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        language = active_language()
        if not parts or parts[2] is None or language == default_language():
            return parts
        roots = self._get_relevant_site_root_paths(request)
        if not roots or roots[0][3] != default_language():
            return parts  # a page of the active language (or another one): its own URL
        root_path = roots[0][1]
        try:
            with translation.override(language):
                path = reverse("wagtail_serve", args=(self.url_path[len(root_path) :],))
        except NoReverseMatch:
            return parts
        return (parts[0], parts[1], path)


def url_of(page, request=None):
    """``page.get_url(request)`` through the page's own class (a plain ``Page`` from a menu or a
    tree query knows nothing of :class:`LanguageFallbackMixin`); no query."""
    return page.specific_deferred.get_url(request)


def route_with_fallback(home, request, path_components, route):
    """Route ``path_components`` from ``home`` (``route`` is the normal routing); when the home is
    not in the default language and the path is not in its tree, continue in the default language's
    tree from the deepest page that matched. A page found there that has a live translation in the
    home's language is served as the translation."""
    try:
        return route(request, path_components)
    except Http404:
        if home.locale_id is None or not path_components:
            raise
        default = Locale.objects.filter(language_code=default_language()).first()
        if default is None or home.locale_id == default.pk:
            raise
    page, depth = home, 0
    while depth < len(path_components):
        child = page.get_children().filter(slug=path_components[depth]).first()
        if child is None:
            break
        page, depth = child, depth + 1
    source = page.get_translation_or_none(default)
    if source is None:
        raise Http404
    remaining = path_components[depth:]
    result = source.specific.route(request, remaining)
    found = result[0]
    if found.depth - source.depth == len(remaining):  # the page itself, not a sub-route of it
        translated = found.get_translation_or_none(home.locale)
        if translated is not None and translated.live:
            return translated.specific.route(request, [])
    return result


def _locale_ids():
    return dict(Locale.objects.values_list("language_code", "pk"))


def in_language(queryset, *, language=None):
    """One page per translation: those of the active language, and the default language's pages
    that have no live translation in it (an SQL filter: paginate, order and count as usual)."""
    ids = _locale_ids()
    language = language or active_language()
    active_id, default_id = ids.get(language), ids.get(default_language())
    if active_id is None or active_id == default_id:
        return queryset.filter(locale_id=default_id)
    translated = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=active_id, live=True
    )
    return queryset.filter(Q(locale_id=active_id) | (Q(locale_id=default_id) & ~Exists(translated)))


def _translations(page):
    return list(Page.objects.filter(translation_key=page.translation_key).only("path", "depth", "pk"))


def children_of(queryset, page):
    """``queryset`` narrowed to the children of ``page`` or of any of its translations, then
    :func:`in_language`."""
    pages = _translations(page) or [page]
    scope = functools.reduce(operator.or_, (queryset.child_of_q(other) for other in pages))
    return in_language(queryset.filter(scope))


def descendants_of(queryset, page):
    """``queryset`` narrowed to the descendants of ``page`` or of any of its translations, then
    :func:`in_language`."""
    pages = _translations(page) or [page]
    scope = functools.reduce(operator.or_, (queryset.descendant_of_q(other) for other in pages))
    return in_language(queryset.filter(scope))


def prefer_language(pages, *, language=None):
    """A list of pages (any languages) reduced to one per translation, the active language first,
    then the default language; order kept."""
    language = language or active_language()
    chosen = {}
    order = []
    rank = {language: 0, default_language(): 1}
    for page in pages:
        code = page_language(page)
        key = page.translation_key
        if key not in chosen:
            order.append(key)
            chosen[key] = page
        elif rank.get(code, 2) < rank.get(page_language(chosen[key]), 2):
            chosen[key] = page
    return [chosen[key] for key in order]


@functools.lru_cache(maxsize=64)
def _language_of_locale(locale_id):
    return Locale.objects.filter(pk=locale_id).values_list("language_code", flat=True).first()


def page_language(page):
    """The language code of a page's locale (one cached query per locale, not per page)."""
    locale = page.__dict__.get("_state") and page._state.fields_cache.get("locale")
    if locale is not None:
        return locale.language_code
    return _language_of_locale(page.locale_id)


def lang_attribute(page):
    """`` lang="pl"`` when the page's content is in another language than the layout, else ""."""
    if page is None or not getattr(page, "locale_id", None):
        return ""
    code = page_language(page)
    if not code or code == active_language():
        return ""
    return format_html(' lang="{}"', code)


def _forget_locales(**kwargs):
    _language_of_locale.cache_clear()


post_save.connect(_forget_locales, sender=Locale, dispatch_uid="cms.i18n.forget_locales_saved")
post_delete.connect(_forget_locales, sender=Locale, dispatch_uid="cms.i18n.forget_locales_deleted")
