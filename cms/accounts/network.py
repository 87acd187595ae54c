"""The client's address as rate limits see it, behind a known number of reverse proxies.

``X-Forwarded-For`` is written by the client first and then appended to by each proxy, so only its
last ``EDUFEST_TRUSTED_PROXY_COUNT`` entries come from proxies we run. With N trusted proxies the
client is the N-th address from the right; anything further left may be forged. With 0 (the
default) the header is ignored and ``REMOTE_ADDR`` is used, so it cannot be spoofed. A header with
fewer entries than trusted proxies, or an entry that is not an IP address, falls back to
``REMOTE_ADDR`` as well.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "EDUFEST_TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
