"""Background work of the contests app (``django_tasks``): each task loads its rows by id and does
the work here; services queue the tasks in their own transaction (``cms.jobs.workers.enqueue_in_transaction``)."""

import datetime
import os

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Film
from .storage import local_copy, local_output


@task(takes_context=True, queue_name="media")
def process_film_task(context, film_id):
    """Probe the uploaded film and make its poster and web copy (or reject it with a reason).

    A later attempt (the first worker died, cms/jobs/workers.py) takes over a film left in processing.
    """
    film = Film.objects.select_related("entry__category").filter(pk=film_id).first()
    if film is None:
        return
    process_film(film=film, retry=context.attempt > 1)


@task()
def remove_abandoned_uploads_task():
    """Hourly: films whose upload stopped long ago are removed with their partial files."""
    remove_abandoned_uploads()


def process_film(*, film, retry=False):
    """Probe the original; reject it with a reason (in the site's language), or make a poster and a web copy.

    Only a pending film is taken (so a second run of the task does nothing); with ``retry`` (the
    task runs again because its worker died) also one left in processing by that run.
    """
    with translation.override(settings.LANGUAGE_CODE):
        return _process_film(film, retry=retry)


def _reject_film(film, reason):
    Film.objects.filter(pk=film.pk).update(
        status=Film.Status.REJECTED, reject_reason=str(reason), processed_at=timezone.now()
    )
    film.refresh_from_db()
    return film


def _process_film(film, retry=False):
    import av  # noqa: PLC0415 — PyAV only in the media worker (FFmpeg's libraries, about 20 MB)

    from . import media  # noqa: PLC0415 — imports PyAV (see above)

    takes = [Film.Status.PENDING, Film.Status.PROCESSING] if retry else [Film.Status.PENDING]
    updated = Film.objects.filter(pk=film.pk, status__in=takes).update(status=Film.Status.PROCESSING)
    if not updated:
        return film
    film.refresh_from_db()
    category = film.entry.category
    storage = film.original.storage
    folder = os.path.dirname(film.original.name)
    poster_name = f"{folder}/poster.jpg"
    web_name = f"{folder}/web.mp4"
    with local_copy(storage, film.original.name) as source:
        try:
            info = media.probe(source)
            media.check_against_rules(info, category=category, filename=film.original_filename)
        except media.MediaRejected as exc:
            return _reject_film(film, exc.reason)
        try:
            with local_output(storage, poster_name) as poster_path:
                media.make_poster(source, poster_path, info)
            with local_output(storage, web_name) as web_path:
                media.make_web_copy(source, web_path, info)
        except (av.FFmpegError, OSError, ValueError):
            return _reject_film(film, _("The film could not be converted for playing in the browser."))
        except media.MediaRejected as exc:
            return _reject_film(film, exc.reason)
    Film.objects.filter(pk=film.pk).update(
        status=Film.Status.READY,
        reject_reason="",
        probe=info.as_dict(),
        duration_seconds=info.duration,
        width=info.width,
        height=info.height,
        poster=poster_name,
        web_copy=web_name,
        processed_at=timezone.now(),
    )
    film.refresh_from_db()
    return film


def remove_abandoned_uploads(*, now=None, limit=200):
    """Delete films whose upload has not moved for ``EDUFEST_UPLOAD_ABANDON_HOURS`` (their partial
    files too); the entry stays, without a film. Returns how many were removed."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(hours=settings.EDUFEST_UPLOAD_ABANDON_HOURS)
    removed = 0
    with transaction.atomic():
        stale = list(
            Film.objects.select_for_update(skip_locked=True)
            .filter(status=Film.Status.UPLOADING, updated_at__lt=cutoff)
            .order_by("updated_at")[:limit]
        )
        for film in stale:
            film.delete_with_files()
            removed += 1
    return removed
