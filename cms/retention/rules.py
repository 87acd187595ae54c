"""Retention rules: what personal data an app keeps, when it falls due and how it is made safe.

Each app registers its rules under the ``RETENTION_RULES`` hook (``cms.hooks``) from its own
``retention.py``; ``cms`` never imports the apps. A rule works on one model:

- ``due(cutoff)`` returns the rows whose period ran out before ``cutoff`` (now minus the period
  staff set) and that still hold personal data. A processed row must no longer be due, which is
  what makes a run idempotent.
- ``process(rows, now)`` anonymises or deletes those rows (already locked, inside the batch's
  transaction) and returns how many it handled. Files go through ``delete_files_on_commit`` so
  that they disappear only once the database no longer points at them.

Anonymising keeps what the reach dashboard counts (places, team sizes, schools, counties) and
removes what identifies a person (names, e-mail addresses, phone numbers, free text, files).
"""

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from cms.hooks import RETENTION_RULES

logger = logging.getLogger("edufest.retention")

ANONYMISE = "anonymise"
DELETE = "delete"
ACTIONS = {ANONYMISE: _("anonymise"), DELETE: _("delete")}


@dataclass(frozen=True)
class RetentionRule:
    key: str  # stable identifier stored in the policy, e.g. "registration.registrations"
    label: str  # the kind of data, translated
    anchor: str  # what the period counts from, translated, e.g. "after the event ends"
    action: str  # ANONYMISE or DELETE
    default_days: int
    legal_basis: str  # short, translated; the full record is docs/processing-record.md
    model: type
    due: Callable  # due(cutoff) -> QuerySet of ``model``
    process: Callable  # process(rows, now) -> int
    order: int = 100

    @property
    def action_label(self):
        return ACTIONS[self.action]


def registered_rules():
    """Every rule the apps register, by ``order`` then key; a key registered twice is an error."""
    rules = {}
    for fn in hooks.get_hooks(RETENTION_RULES):
        for rule in fn():
            if rule.key in rules:
                raise ValueError(f"Retention rule {rule.key!r} is registered twice.")
            rules[rule.key] = rule
    return sorted(rules.values(), key=lambda rule: (rule.order, rule.key))


def rule_for(key):
    return next((rule for rule in registered_rules() if rule.key == key), None)


def delete_files_on_commit(storage, names):
    """Delete stored files once the current transaction commits (never before: a rollback would
    leave rows pointing at files that are gone). A file already missing is not an error."""
    names = sorted({name for name in names if name})
    if not names:
        return

    def delete():
        failed = 0
        for name in names:
            try:
                storage.delete(name)
            except OSError:
                failed += 1
        _remove_empty_folders(storage, names)
        if failed:
            logger.warning("retention: %d file(s) could not be deleted", failed)

    transaction.on_commit(delete)


def _remove_empty_folders(storage, names):
    """Generated per-file folders (e.g. ``films/<upload id>/``) go too once empty; never the top level."""
    folders = {os.path.dirname(name) for name in names if os.path.dirname(os.path.dirname(name))}
    for folder in sorted(folders, reverse=True):
        with contextlib.suppress(OSError, NotImplementedError):
            os.rmdir(storage.path(folder))
