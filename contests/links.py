"""Links a contest page shows at the right moments, contributed by the sub-apps (the jury's vote and
results) so that ``contests`` imports none of them.

``register_contest_link(fn)`` with ``fn(contest, now) -> (label, url) | None``.
"""

from django.utils import timezone

_link_makers = []


def register_contest_link(fn):
    if fn not in _link_makers:
        _link_makers.append(fn)
    return fn


def contest_links(contest, now=None):
    now = now or timezone.now()
    return [link for fn in _link_makers if (link := fn(contest, now)) is not None]
