import base64
import datetime

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cms.accounts import roles
from contests.models import ContestPage, Film

TUS = {"HTTP_TUS_RESUMABLE": "1.0.0"}


def metadata(filename, filetype="video/mp4"):
    encode = lambda value: base64.b64encode(value.encode()).decode()  # noqa: E731
    return f"filename {encode(filename)},filetype {encode(filetype)}"


def create_upload(client, entry, *, length, filename="film.mp4", **headers):
    return client.post(
        reverse("contests:tus_create", args=[entry.pk]),
        HTTP_UPLOAD_LENGTH=str(length),
        HTTP_UPLOAD_METADATA=metadata(filename),
        **{**TUS, **headers},
    )


def patch(client, location, data, *, offset, **headers):
    return client.generic(
        "PATCH",
        location,
        data=data,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET=str(offset),
        **{**TUS, **headers},
    )


def upload_film(client, entry, data, *, filename="film.mp4", capture=None):
    """Create the upload and send all bytes in one PATCH; the processing task runs on commit."""
    response = create_upload(client, entry, length=len(data), filename=filename)
    assert response.status_code == 201, response.content
    location = response["Location"]
    if capture is not None:
        with capture(execute=True):
            response = patch(client, location, data, offset=0)
    else:
        response = patch(client, location, data, offset=0)
    assert response.status_code == 204, response.content
    return Film.objects.get(entry=entry)


def close_submissions(contest, *, ago=datetime.timedelta(hours=1)):
    """Move the contest's deadline into the past (bypassing the page's own validation)."""
    now = timezone.now()
    ContestPage.objects.filter(pk=contest.pk).update(
        submissions_open_at=now - datetime.timedelta(days=10), submissions_close_at=now - ago
    )
    contest.refresh_from_db()


def ensure_roles():
    """Transactional tests flush the tables, including the role groups made by a data migration."""

    for name in roles.ALL:
        Group.objects.get_or_create(name=name)
