"""Whole-page cache for anonymous visitors, invalidated whenever content is published.

``AnonymousPageCacheMiddleware`` stores the rendered HTML of Wagtail pages (the ``wagtail_serve``
view) for visitors that carry neither a session nor pending messages, keyed by host, full path and
language. It never stores a response that sets a cookie, used the CSRF token (a form), carries
``Cache-Control: private/no-cache/no-store``, or is not a 200.

Invalidation is by generation: every publish, unpublish, move or delete of a page, and every change
of a menu or the site settings, bumps a counter that is part of each key, so the change is visible
at once everywhere it appears (menus, lists, the home page), not only on the page itself. Apps whose
pages show live figures can call ``bump_generation()`` after their own changes, or opt a page type
out with ``cache_anonymous_views = False``.

``until_next_generation()`` keeps other reads under the same generation: what every page shows from
the page tree, the menus and the settings (menus, legal pages, language links), so that an uncached
render, e.g. for a visitor with a session, does not read them again.

Each process also keeps, for ``EDUFEST_PAGE_CACHE_LOCAL_SECONDS`` (default 1; 0 turns it off), the
generation it read and the pages it served, so that a hit costs no round trip to the shared cache.
A change made in this process is visible in it at once (``bump_generation`` resets the copy); one
made in another process is visible here within that many seconds. The copies hold pickled
responses, so each request gets its own response object, and at most ``LOCAL_PAGES`` of them.
"""

import hashlib
import pickle
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "edufest:pagecache:generation"
TIMEOUT = 600  # seconds: a safety net; publish signals are the real invalidation
LOCAL_PAGES = 128

_local_lock = threading.Lock()
_local_generation = [None]  # (value, read at: time.monotonic()) or None, replaced whole
_local_pages = OrderedDict()  # key -> (read_at, pickled response), least recently used first


def _local_seconds():
    return getattr(settings, "EDUFEST_PAGE_CACHE_LOCAL_SECONDS", 0)


def clear_local():
    with _local_lock:
        _local_generation[0] = None
        _local_pages.clear()


def remembered(memo, read):
    """``read()`` from the shared cache, or what this process read within
    ``EDUFEST_PAGE_CACHE_LOCAL_SECONDS``; ``memo`` is the caller's one-item list holding
    ``(value, time.monotonic())``, reset to ``None`` by the caller's own change."""
    seconds = _local_seconds()
    now = time.monotonic()
    kept = memo[0]
    if seconds and kept is not None and now - kept[1] < seconds:
        return kept[0]
    value = read()
    if seconds:
        memo[0] = (value, now)
    return value


def _read_generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = 1
        cache.add(GENERATION_KEY, value, None)
    return value


def generation():
    return remembered(_local_generation, _read_generation)


def bump_generation(**kwargs):
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
    clear_local()


def _local_page(key):
    seconds = _local_seconds()
    if not seconds:
        return None
    with _local_lock:
        entry = _local_pages.get(key)
        if entry is None or time.monotonic() - entry[0] >= seconds:
            return None
        _local_pages.move_to_end(key)
    return pickle.loads(entry[1])  # noqa: S301 - our own response, pickled by this process


def _keep_local_page(key, response):
    if not _local_seconds():
        return
    data = pickle.dumps(response, pickle.HIGHEST_PROTOCOL)
    with _local_lock:
        _local_pages[key] = (time.monotonic(), data)
        _local_pages.move_to_end(key)
        while len(_local_pages) > LOCAL_PAGES:
            _local_pages.popitem(last=False)


def until_next_generation(key, compute):
    """``compute()``, cached under ``key`` until the next bump of the generation (or ``TIMEOUT``)."""
    full_key = f"edufest:pagecache:{generation()}:data:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, TIMEOUT)
    return value


def _key(request):
    raw = f"{request.get_host()}|{request.get_full_path()}|{translation.get_language()}"
    return f"edufest:pagecache:{generation()}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _no_state(request):
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def _cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False
    cache_control = response.get("Cache-Control", "")
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    page = getattr(request, "_edufest_served_page", None)
    return getattr(page, "cache_anonymous_views", True)


class AnonymousPageCacheMiddleware:
    """Place after AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Wagtail serves pages only at paths ending in a slash (unless WAGTAIL_APPEND_SLASH is off):
        # any other path (a feed, a file) is never in this cache and skips its two reads.
        self.pages_end_in_slash = getattr(settings, "WAGTAIL_APPEND_SLASH", True)

    def __call__(self, request):
        cacheable = False
        may_be_a_page = request.path_info.endswith("/") or not self.pages_end_in_slash
        if request.method in ("GET", "HEAD") and may_be_a_page and _no_state(request):
            cacheable = not request.user.is_authenticated
        key = _key(request) if cacheable else None
        if key:
            cached = _local_page(key)
            if cached is None:
                cached = cache.get(key)
                if cached is not None:
                    _keep_local_page(key, cached)
            if cached is not None:
                cached["X-Page-Cache"] = "hit"
                return cached
        response = self.get_response(request)
        if (
            key
            and getattr(request, "_edufest_wagtail_page", False)
            and _cacheable_response(request, response)
        ):
            patch_vary_headers(response, ("Cookie",))
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, TIMEOUT)
            _keep_local_page(key, response)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if getattr(view_func, "__name__", "") == "serve" and view_func.__module__ == "wagtail.views":
            request._edufest_wagtail_page = True
