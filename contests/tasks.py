from django_tasks import task

from . import services
from .models import Film


@task(takes_context=True, queue_name="media")
def process_film_task(context, film_id):
    """Probe the uploaded film and make its poster and web copy (or reject it with a reason).

    A later attempt (the first worker died, cms/jobs/workers.py) takes over a film left in processing.
    """
    film = Film.objects.select_related("entry__category").filter(pk=film_id).first()
    if film is None:
        return
    services.process_film(film=film, retry=context.attempt > 1)


@task()
def remove_abandoned_uploads_task():
    """Hourly: films whose upload stopped long ago are removed with their partial files."""
    services.remove_abandoned_uploads()
