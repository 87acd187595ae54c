"""One rate limiter for the whole site: a fixed-window counter per key in the default cache.

The default cache is shared by every web process (the database cache, or Redis with
``CACHE_URL``), so a limit holds across processes. A window is ``seconds`` long and starts at a
multiple of ``seconds`` since the epoch; each call counts one hit, also when it is refused, so a
client that keeps trying stays refused until the window ends.

Keys are hashed: an e-mail address used as a key is never stored in the cache as it was typed.

    if over_limit("ticket-resend:email", email, limit=3, seconds=3600): ...
    if api_over_limit(request): ...  # a public API POST, EDUFEST_API_RATE_LIMIT a minute per client
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from .network import client_ip


def _cache_key(scope, key, seconds, now):
    digest = hashlib.sha256(str(key).strip().lower().encode()).hexdigest()[:32]
    window = math.floor(now / seconds)
    return f"edufest:rate:{scope}:{digest}:{seconds}:{window}"


def hit(scope, key, *, seconds, now=None):
    """Count one hit of ``key`` in ``scope`` for the current window; returns the hits so far."""
    cache_key = _cache_key(scope, key, seconds, now if now is not None else time.time())
    cache.add(cache_key, 0, timeout=seconds + 60)
    try:
        return cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=seconds + 60)
        return 1


def over_limit(scope, key, *, limit, seconds, now=None):
    """Count a hit and say whether ``key`` has now gone over ``limit`` hits in the window.

    ``limit`` 0 (or less) means no limit; nothing is counted then."""
    if limit <= 0:
        return False
    return hit(scope, key, seconds=seconds, now=now) > limit


def any_over_limit(checks, *, now=None):
    """Count a hit for every ``(scope, key, limit, seconds)`` and say whether any went over.

    Every check is counted (no short cut), so one key cannot be probed without counting the other."""
    results = [
        over_limit(scope, key, limit=limit, seconds=seconds, now=now) for scope, key, limit, seconds in checks
    ]
    return any(results)


def api_over_limit(request, scope="api-post"):
    """Count a public API POST of the request's client (its address, trusted proxies taken into
    account) and say whether it went over ``EDUFEST_API_RATE_LIMIT`` a minute (0: no limit)."""
    limit = getattr(settings, "EDUFEST_API_RATE_LIMIT", 0)
    return over_limit(scope, client_ip(request), limit=limit, seconds=60)
