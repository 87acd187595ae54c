from django.core.cache import cache

from cms.accounts import ratelimit


def test_limit_counts_per_key_and_window_and_zero_lifts_it():
    cache.clear()
    now = 7200.0

    first_window = [
        ratelimit.over_limit("t", "Ewa@Example.org", limit=2, seconds=3600, now=now) for _ in range(3)
    ]
    same_key_other_case = ratelimit.over_limit("t", "ewa@example.org", limit=2, seconds=3600, now=now)
    other_key = ratelimit.over_limit("t", "jan@example.org", limit=2, seconds=3600, now=now)
    other_scope = ratelimit.over_limit("u", "ewa@example.org", limit=2, seconds=3600, now=now)
    next_window = ratelimit.over_limit("t", "ewa@example.org", limit=2, seconds=3600, now=now + 3600)
    unlimited = [
        ratelimit.over_limit("t", "ewa@example.org", limit=0, seconds=3600, now=now) for _ in range(5)
    ]

    assert first_window == [False, False, True]
    assert (same_key_other_case, other_key, other_scope, next_window) == (True, False, False, False)
    assert unlimited == [False] * 5


def test_every_check_is_counted_even_when_the_first_is_over():
    cache.clear()
    checks = [("a", "k", 1, 60), ("b", "k", 5, 60)]

    answers = [ratelimit.any_over_limit(checks, now=60.0) for _ in range(3)]

    assert answers == [False, True, True]
    assert ratelimit.hit("b", "k", seconds=60, now=60.0) == 4
