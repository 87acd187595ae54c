from django_tasks import task

from . import services


@task()
def apply_retention():
    """The daily run (``PERIODIC_TASKS``): returns how many rows each kind had processed."""
    return {run.kind: run.processed for run in services.apply_retention()}
