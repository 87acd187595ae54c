from django.conf import settings
from django.core.management import call_command
from django_tasks import task


@task()
def worker_heartbeat():
    """Periodic (every minute): does nothing; its finished result tells ``/healthz`` that a
    worker is taking tasks from the queue (see ``cms.jobs.monitoring``)."""
    return "ok"


@task()
def prune_task_results():
    """Periodic (daily): drop finished task results after 14 days, failed ones after 90, so the
    queue table stays small while staff still see recent failures."""
    if "django_tasks_db" not in settings.TASKS["default"]["BACKEND"]:
        return 0
    call_command("prune_db_task_results", min_age_days=14, failed_min_age_days=90, verbosity=0)
    return 1
