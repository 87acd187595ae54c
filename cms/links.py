"""Absolute URLs, from one place: ``settings.SITE_URL`` (``make run`` derives it from HOST/PORT).

Mails, calendar feeds and their Google/Outlook links, the API's ``url`` fields and printed documents
link with :func:`absolute_url`; links inside the site stay relative (:func:`relative_url`).
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url():
    """``SITE_URL`` without its trailing slash, e.g. ``https://edufest.example.org``."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(path_or_url=""):
    """``path`` on ``SITE_URL`` (``/bilet/x/`` -> ``https://edufest.example.org/bilet/x/``); a URL
    that already has a scheme (another site's link) is returned as it is."""
    if not path_or_url:
        return site_url()
    if urlsplit(path_or_url).scheme:
        return path_or_url
    if not path_or_url.startswith("/"):
        path_or_url = f"/{path_or_url}"
    return f"{site_url()}{path_or_url}"


def page_url(page, cache=None):
    """The absolute URL of a Wagtail page on ``SITE_URL`` (its path under the site root, never the
    Wagtail Site record's host); empty for a page outside every site."""
    parts = page.get_url_parts(cache)
    if parts is None or not parts[2]:
        return ""
    return absolute_url(parts[2])


def on_site_url(url):
    """The same path, query and fragment on ``SITE_URL`` (a link built from a request's host)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    query = f"?{parts.query}" if parts.query else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return absolute_url(f"{path}{query}{fragment}")


def relative_url(url):
    """A URL on ``SITE_URL`` as a path (``/x/``) for a link inside the site; any other URL unchanged."""
    base = site_url()
    if url == base:
        return "/"
    if url.startswith(f"{base}/") or url.startswith(f"{base}?"):
        return url[len(base) :]
    return url


def site_domain():
    """The host (with a port other than the scheme's default) of ``SITE_URL``: ``127.0.0.1:8200``."""
    return urlsplit(site_url()).netloc


def site_host_and_port():
    """``(hostname, port)`` of ``SITE_URL`` for the Wagtail Site record (the port defaults by scheme)."""
    parts = urlsplit(site_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)
