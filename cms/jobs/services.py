"""State changes of the task queue that staff trigger from the admin."""

from django.db import transaction
from django_tasks_db.models import DBTaskResult

from .monitoring import retryable


def retry_failed_task(*, result_id):
    """Enqueue a failed background task again with the same arguments, queue and priority, and
    drop the failed result in the same transaction (the new result records the outcome). Returns
    the new task result, or ``None`` when the result is gone, not failed, or not safe to retry."""
    with transaction.atomic():
        result = (
            DBTaskResult.objects.failed().select_for_update(skip_locked=True).filter(pk=result_id).first()
        )
        if result is None or not retryable(result):
            return None
        args, kwargs = result.args_kwargs["args"], result.args_kwargs["kwargs"]
        new = result.task.using(run_after=None).enqueue(*args, **kwargs)
        result.delete()
    return new
