"""Byte ranges on the permission-checked film views: browsers seek in films with Range requests."""

import hashlib
import tracemalloc

import pytest
from django.urls import reverse

from contests import samples
from contests.models import Film
from contests.tests.factories import SchoolFactory, TeacherFactory
from contests.tests.helpers import upload_film

pytestmark = pytest.mark.django_db


@pytest.fixture
def film(teacher_client, entry, django_capture_on_commit_callbacks):
    upload_film(
        teacher_client, entry, samples.make_clip(seconds=1, fps=5), capture=django_capture_on_commit_callbacks
    )
    film = Film.objects.get(entry=entry)
    assert film.status == Film.Status.READY
    return film


def web_url(film):
    return reverse("contests:film_web", args=[film.entry_id])


def web_bytes(film):
    with open(film.web_copy.path, "rb") as file:
        return file.read()


def body(response):
    return b"".join(response.streaming_content)


def test_a_range_request_gets_exactly_those_bytes_with_206_and_content_range(teacher_client, film):
    data = web_bytes(film)

    response = teacher_client.get(web_url(film), HTTP_RANGE="bytes=100-199")

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(data)}"
    assert response["Content-Length"] == "100"
    assert response["Content-Type"] == "video/mp4"
    assert response["Accept-Ranges"] == "bytes"
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response) == data[100:200]


@pytest.mark.parametrize(
    ("header", "part"),
    [
        ("bytes=0-0", lambda size: (0, 0)),
        ("bytes=1000-", lambda size: (1000, size - 1)),  # from 1000 to the end
        ("bytes=-500", lambda size: (size - 500, size - 1)),  # the last 500 bytes
        ("bytes=-99999999", lambda size: (0, size - 1)),  # a suffix longer than the file: all of it
        ("bytes=10-99999999", lambda size: (10, size - 1)),  # an end past the file is cut to it
    ],
)
def test_open_ended_suffix_and_overlong_ranges(teacher_client, film, header, part):
    data = web_bytes(film)
    start, end = part(len(data))

    response = teacher_client.get(web_url(film), HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(data)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == data[start : end + 1]


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size}-{size}", "bytes=-0"])
def test_a_range_past_the_end_is_416_with_the_size(teacher_client, film, header):
    size = len(web_bytes(film))

    response = teacher_client.get(web_url(film), HTTP_RANGE=header.format(size=size))

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{size}"


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "items=0-5", "bytes=9-3", "bytes=abc", "bytes=-"])
def test_ranges_we_do_not_serve_get_the_whole_file(teacher_client, film, header):
    data = web_bytes(film)

    response = teacher_client.get(web_url(film), HTTP_RANGE=header)

    assert response.status_code == 200
    assert response["Content-Length"] == str(len(data))
    assert response["Accept-Ranges"] == "bytes"
    assert body(response) == data


def test_if_range_sends_the_part_only_while_the_file_is_unchanged(teacher_client, film):
    data = web_bytes(film)
    last_modified = teacher_client.get(web_url(film))["Last-Modified"]

    same = teacher_client.get(web_url(film), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE=last_modified)
    changed = teacher_client.get(
        web_url(film), HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE="Mon, 01 Jan 2024 00:00:00 GMT"
    )

    assert (same.status_code, body(same)) == (206, data[:10])
    assert (changed.status_code, body(changed)) == (200, data)


def test_the_original_download_and_the_poster_take_ranges_too(teacher_client, film):
    with open(film.original.path, "rb") as file:
        original = file.read()

    download = teacher_client.get(
        reverse("contests:film_original", args=[film.entry_id]), HTTP_RANGE="bytes=4-11"
    )
    picture = teacher_client.get(
        reverse("contests:film_poster", args=[film.entry_id]), HTTP_RANGE="bytes=0-2"
    )

    assert (download.status_code, body(download)) == (206, original[4:12])
    assert download["Content-Disposition"] == 'attachment; filename="film.mp4"'
    assert (picture.status_code, body(picture)) == (206, b"\xff\xd8\xff")


def test_a_range_does_not_open_the_film_to_another_school(client, film):
    outsider = TeacherFactory()
    SchoolFactory(teachers=[outsider])
    client.force_login(outsider)

    response = client.get(web_url(film), HTTP_RANGE="bytes=0-99")

    assert response.status_code == 404


def test_a_large_part_is_streamed_in_blocks_not_read_into_memory(teacher_client, film):
    size = 24 * 1024 * 1024
    pattern = bytes(range(256)) * 4096  # 1 MiB
    with open(film.web_copy.path, "wb") as file:
        for _ in range(size // len(pattern)):
            file.write(pattern)
    expected = hashlib.sha256()
    for _ in range(size // len(pattern)):
        expected.update(pattern)

    tracemalloc.start()
    try:
        response = teacher_client.get(web_url(film), HTTP_RANGE="bytes=0-")
        received = hashlib.sha256()
        length = 0
        for block in response.streaming_content:
            received.update(block)
            length += len(block)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 0-{size - 1}/{size}"
    assert (length, received.hexdigest()) == (size, expected.hexdigest())
    assert peak < 4 * 1024 * 1024  # a few 64 KB blocks and the request, not 24 MB
