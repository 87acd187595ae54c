"""What each app holds about an e-mail address, gathered through the ``PERSONAL_DATA`` hook.

An app registers a ``DataSource`` whose ``export(email)`` returns ``{table name: [row dicts]}``
(values JSON-serialisable: strings, numbers, booleans, None, dates) and whose ``erase(email)``
anonymises or deletes what it holds and returns an ``Erasure``: counts of what was done and, in
``kept``, what stays and why (e.g. consent records that must be kept by law, aggregate figures).
``email`` arrives normalised (stripped, lower case); match it case-insensitively.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

from cms.hooks import PERSONAL_DATA


@dataclass
class Erasure:
    done: dict = field(default_factory=dict)  # description -> number of rows
    kept: list = field(default_factory=list)  # what is kept and why, already translated


@dataclass(frozen=True)
class DataSource:
    key: str  # stable, e.g. "registrations"
    label: str  # human label, translated
    export: Callable[[str], dict]
    erase: Callable[[str], Erasure]
    retention_note: str = ""  # what this app keeps after an erasure, and why (in every report)


def data_sources():
    """Every registered source, in hook order (the account last)."""
    return [fn() for fn in hooks.get_hooks(PERSONAL_DATA)]
