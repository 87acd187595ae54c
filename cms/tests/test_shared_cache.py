"""Redis as the cache shared by several app processes: what one process changes, the others see.

Each ``RedisCache`` built here has its own connection pool, as each gunicorn worker or task worker
on another machine would. Needs the local Redis on 127.0.0.1:6379 (``REDIS_TEST_URL`` to change);
skipped without it, except under CI=true where that fails.
"""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache

from cms import cache as page_cache
from tests import system

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def redis_cache(settings):
    """The default cache on Redis under a key prefix of its own; returns a second, separate client."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.ConnectionError:
        system.missing(f"needs Redis at {REDIS_URL}: apt-get install redis-server, then start it")
    prefix = f"edufest-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    other = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    yield other
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_page_cache_generation_bump_in_one_process_is_seen_by_another(redis_cache):
    other = redis_cache
    first = page_cache.generation()
    assert other.get(page_cache.GENERATION_KEY) == first

    page_cache.bump_generation()
    assert other.get(page_cache.GENERATION_KEY) == first + 1

    other.incr(page_cache.GENERATION_KEY)
    assert page_cache.generation() == first + 2


@pytest.mark.django_db
def test_the_api_rate_limit_counts_requests_of_every_process(redis_cache, client, settings):
    settings.EDUFEST_API_RATE_LIMIT = 2
    url = "/api/v1/events/999999/registrations"
    body = {"ticket_type": 1, "name": "Ala", "email": "ala@example.org", "privacy_consent": True}

    statuses = []
    for _ in range(3):
        statuses.append(client.post(url, body, content_type="application/json").status_code)
        del caches["default"]  # the next request comes through a new client, as in another worker

    assert statuses == [404, 404, 429]
