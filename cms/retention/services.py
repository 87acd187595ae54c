"""Applying the retention periods: every due row of every kind is anonymised or deleted.

``apply_retention`` runs each enabled rule in bounded batches, one transaction per batch: the
batch's rows are picked, locked (``SELECT … FOR UPDATE SKIP LOCKED`` where the database has it, so
two runs at once never work on the same rows) and processed; their files are deleted after the
commit. A rule that fails is rolled back to its last committed batch, logged and recorded, and the
other kinds still run. Processed rows are no longer due, so a second run changes nothing.
"""

import datetime
import logging

from django.db import transaction
from django.utils import timezone

from .models import RetentionPolicy, RetentionRun
from .rules import registered_rules

logger = logging.getLogger("edufest.retention")

BATCH_SIZE = 200
MAX_BATCHES = 50


def sync_policies():
    """A policy row for every registered kind, with the rule's default period; returns them by kind."""
    policies = {policy.kind: policy for policy in RetentionPolicy.objects.all()}
    for rule in registered_rules():
        if rule.key not in policies:
            policies[rule.key], _created = RetentionPolicy.objects.get_or_create(
                kind=rule.key, defaults={"days": rule.default_days}
            )
    return policies


@transaction.atomic
def update_policy(*, policy, days, enabled, user):
    policy = RetentionPolicy.objects.select_for_update().get(pk=policy.pk)
    policy.days = days
    policy.enabled = enabled
    policy.updated_by = user if user and user.is_authenticated else None
    policy.save(update_fields=["days", "enabled", "updated_by", "updated_at"])
    return policy


def count_due(*, now=None):
    """How many rows of each enabled kind are due at ``now``; changes nothing."""
    now = now or timezone.now()
    policies = sync_policies()
    return {
        rule.key: rule.due(now - datetime.timedelta(days=policies[rule.key].days)).count()
        for rule in registered_rules()
        if policies[rule.key].enabled
    }


def apply_retention(*, now=None, kinds=None, batch_size=BATCH_SIZE, max_batches=MAX_BATCHES):
    """Anonymise or delete what is due at ``now`` (default: the current time); returns the runs.

    ``kinds`` limits the run to some rule keys. Each kind processes at most ``max_batches`` batches
    of ``batch_size`` rows; what remains is left for the next run (``RetentionRun.complete``).
    """
    now = now or timezone.now()
    policies = sync_policies()
    runs = []
    for rule in registered_rules():
        policy = policies[rule.key]
        if not policy.enabled or (kinds is not None and rule.key not in kinds):
            continue
        runs.append(
            _apply_rule(rule, days=policy.days, now=now, batch_size=batch_size, max_batches=max_batches)
        )
    return runs


def _apply_rule(rule, *, days, now, batch_size, max_batches):
    cutoff = now - datetime.timedelta(days=days)
    run = RetentionRun(
        kind=rule.key,
        action=rule.action,
        cutoff=cutoff,
        days=days,
        started_at=timezone.now(),
        complete=False,
    )
    try:
        while run.batches < max_batches:
            count = _apply_batch(rule, cutoff=cutoff, now=now, batch_size=batch_size)
            if count is None:
                run.complete = True
                break
            if count is LOCKED:
                break
            run.batches += 1
            run.processed += count
    except Exception as exc:
        run.error = type(exc).__name__
        logger.exception("retention: kind=%s failed after %d rows", rule.key, run.processed)
    run.finished_at = timezone.now()
    run.save()
    logger.info(
        "retention: kind=%s action=%s days=%d processed=%d batches=%d complete=%s",
        rule.key,
        rule.action,
        days,
        run.processed,
        run.batches,
        run.complete,
    )
    return run


LOCKED = object()


def _apply_batch(rule, *, cutoff, now, batch_size):
    """Process one batch in its own transaction; ``None`` when nothing of the kind is due and
    ``LOCKED`` when another run holds every row of the batch."""
    with transaction.atomic():
        pks = list(rule.due(cutoff).order_by("pk").values_list("pk", flat=True).distinct()[:batch_size])
        if not pks:
            return None
        rows = list(rule.model.objects.select_for_update(skip_locked=True).filter(pk__in=pks).order_by("pk"))
        if not rows:
            return LOCKED
        return rule.process(rows, now)
