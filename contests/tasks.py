from django_tasks import task

from . import services
from .models import Film


@task()
def process_film_task(film_id):
    """Probe the uploaded film and make its poster and web copy (or reject it with a reason)."""
    film = Film.objects.select_related("entry__category").filter(pk=film_id).first()
    if film is None:
        return
    services.process_film(film=film)
