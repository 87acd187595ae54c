import base64
import datetime
import hashlib
import http.client
import os
import time
import tracemalloc
from urllib.parse import urlparse

import pytest
import requests
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tusclient import client as tus_client

from contests import tasks
from contests.models import Film
from contests.tests.factories import EntryFactory, SchoolFactory, TeacherFactory
from contests.tests.helpers import TUS, close_submissions, create_upload, ensure_roles, patch

pytestmark = pytest.mark.django_db


def test_options_advertises_version_extensions_and_checksums(teacher_client, entry):
    response = teacher_client.options(reverse("contests:tus_create", args=[entry.pk]))

    assert response.status_code == 204
    assert response["Tus-Version"] == "1.0.0"
    assert response["Tus-Extension"] == "creation,termination,checksum"
    assert response["Tus-Checksum-Algorithm"] == "sha1,sha256,md5"


def test_creation_without_tus_resumable_header_is_refused(teacher_client, entry):
    response = teacher_client.post(reverse("contests:tus_create", args=[entry.pk]), HTTP_UPLOAD_LENGTH="10")

    assert response.status_code == 412
    assert not Film.objects.exists()


def test_creation_returns_location_and_opens_an_empty_private_file(teacher_client, entry):
    response = create_upload(teacher_client, entry, length=1000, filename="../../etc/film.mp4")

    assert response.status_code == 201
    film = Film.objects.get(entry=entry)
    assert response["Location"] == f"http://testserver/szkola/zgloszenia/{entry.pk}/film/tus/{film.upload_id}"
    assert film.upload_length == 1000
    assert film.original_filename == "film.mp4"
    path = film.original.path
    assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert os.path.getsize(path) == 0


def test_declared_length_over_the_category_limit_is_refused_before_any_byte(teacher_client, entry):
    limit = entry.category.max_file_size_mb * 1024 * 1024

    response = create_upload(teacher_client, entry, length=limit + 1)

    assert response.status_code == 413
    assert not Film.objects.exists()


def test_file_type_not_accepted_by_the_category_is_refused(teacher_client, entry):
    response = create_upload(teacher_client, entry, length=100, filename="film.exe")

    assert response.status_code == 400
    assert "mp4" in response.content.decode()


def test_patch_appends_at_the_offset_and_head_reports_it(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=10)["Location"]

    first = patch(teacher_client, location, b"01234", offset=0)
    head = teacher_client.head(location, **TUS)
    second = patch(teacher_client, location, b"56789", offset=5)

    assert first.status_code == 204 and first["Upload-Offset"] == "5"
    assert head.status_code == 200 and head["Upload-Offset"] == "5" and head["Upload-Length"] == "10"
    assert "no-store" in head["Cache-Control"]
    assert second["Upload-Offset"] == "10"
    film = Film.objects.get(entry=entry)
    with open(film.original.path, "rb") as handle:
        assert handle.read() == b"0123456789"


def test_patch_at_a_wrong_offset_is_a_conflict(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=10)["Location"]
    patch(teacher_client, location, b"01234", offset=0)

    response = patch(teacher_client, location, b"01234", offset=0)

    assert response.status_code == 409
    assert Film.objects.get(entry=entry).upload_offset == 5


def test_patch_needs_the_offset_content_type(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=10)["Location"]

    response = teacher_client.generic(
        "PATCH",
        location,
        data=b"01234",
        content_type="application/octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        **TUS,
    )

    assert response.status_code == 415


def test_patch_beyond_the_declared_length_is_refused(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=4)["Location"]

    response = patch(teacher_client, location, b"01234", offset=0)

    assert response.status_code == 413
    assert Film.objects.get(entry=entry).upload_offset == 0


def test_checksum_mismatch_discards_the_chunk(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=10)["Location"]
    wrong = base64.b64encode(hashlib.sha1(b"other").digest()).decode()

    response = patch(teacher_client, location, b"01234", offset=0, HTTP_UPLOAD_CHECKSUM=f"sha1 {wrong}")

    assert response.status_code == 460
    film = Film.objects.get(entry=entry)
    assert film.upload_offset == 0
    assert os.path.getsize(film.original.path) == 0


def test_matching_checksum_is_accepted(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=10)["Location"]
    right = base64.b64encode(hashlib.sha256(b"01234").digest()).decode()

    response = patch(teacher_client, location, b"01234", offset=0, HTTP_UPLOAD_CHECKSUM=f"sha256 {right}")

    assert response.status_code == 204
    assert response["Upload-Offset"] == "5"


def test_delete_terminates_the_upload_and_removes_the_file(
    teacher_client, entry, django_capture_on_commit_callbacks
):
    location = create_upload(teacher_client, entry, length=10)["Location"]
    patch(teacher_client, location, b"01234", offset=0)
    path = Film.objects.get(entry=entry).original.path

    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.delete(location, **TUS)

    assert response.status_code == 204
    assert not Film.objects.exists()
    assert not os.path.exists(path)
    assert teacher_client.head(location, **TUS).status_code == 404


def test_only_the_school_may_use_the_upload(client, entry):
    location = None
    owner = Client()
    owner.force_login(entry.school.teachers.get())
    location = create_upload(owner, entry, length=10)["Location"]
    other_teacher = TeacherFactory(username="other")
    SchoolFactory(teachers=[other_teacher])
    client.force_login(other_teacher)

    assert create_upload(client, entry, length=10).status_code == 404
    assert client.head(location, **TUS).status_code == 404
    assert patch(client, location, b"01234", offset=0).status_code == 404
    assert client.delete(location, **TUS).status_code == 404
    assert Client().head(location, **TUS).status_code == 403
    assert create_upload(Client(), entry, length=10).status_code == 403


def test_unsafe_methods_need_the_csrf_header(teacher, entry):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(teacher)
    browser.get(reverse("contests:entry_detail", args=[entry.pk]))
    token = browser.cookies[settings.CSRF_COOKIE_NAME].value

    refused = create_upload(browser, entry, length=10)
    accepted = create_upload(browser, entry, length=10, HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert accepted.status_code == 201


def test_uploads_are_refused_after_the_deadline(teacher_client, entry):
    location = create_upload(teacher_client, entry, length=10)["Location"]
    close_submissions(entry.contest)

    assert patch(teacher_client, location, b"01234", offset=0).status_code == 403
    assert create_upload(teacher_client, entry, length=10).status_code == 400


# Against a real server: the tuspy client, a connection cut mid-way, memory use.


@pytest.fixture
def live_entry(transactional_db):
    ensure_roles()
    teacher = TeacherFactory(username="live-teacher")
    school = SchoolFactory(teachers=[teacher])
    return EntryFactory(school=school, teacher=teacher)


def _session_headers(live_server, entry):
    client = Client()
    client.force_login(entry.school.teachers.get())
    client.get(reverse("contests:entry_detail", args=[entry.pk]))
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    return {
        "Cookie": f"{settings.SESSION_COOKIE_NAME}={session}; {settings.CSRF_COOKIE_NAME}={token}",
        "X-CSRFToken": token,
    }


def test_tuspy_upload_cut_off_mid_way_resumes_where_it_stopped(live_server, live_entry, tmp_path):
    data = os.urandom(300 * 1024)
    source = tmp_path / "film.mp4"
    source.write_bytes(data)
    endpoint = live_server.url + reverse("contests:tus_create", args=[live_entry.pk])
    headers = _session_headers(live_server, live_entry)

    first = tus_client.TusClient(endpoint, headers=headers).uploader(
        str(source), chunk_size=100 * 1024, metadata={"filename": "film.mp4"}
    )
    first.upload_chunk()  # the tab is closed after one chunk
    url = first.url
    assert requests.head(url, headers={**headers, "Tus-Resumable": "1.0.0"}).headers["Upload-Offset"] == str(
        100 * 1024
    )

    second = tus_client.TusClient(endpoint, headers=headers).uploader(
        str(source), chunk_size=100 * 1024, url=url, metadata={"filename": "film.mp4"}
    )
    assert second.offset == 100 * 1024
    second.upload()

    film = Film.objects.get(entry=live_entry)
    assert film.upload_offset == len(data)
    with open(film.original.path, "rb") as handle:
        assert handle.read() == data


def test_connection_dropped_inside_a_patch_keeps_the_bytes_that_arrived(live_server, live_entry):
    headers = _session_headers(live_server, live_entry)
    response = requests.post(
        live_server.url + reverse("contests:tus_create", args=[live_entry.pk]),
        headers={
            **headers,
            "Tus-Resumable": "1.0.0",
            "Upload-Length": "1000",
            "Upload-Metadata": "filename ZmlsbS5tcDQ=",
        },
    )
    location = urlparse(response.headers["Location"])
    host = urlparse(live_server.url)

    connection = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
    connection.putrequest("PATCH", location.path)
    for name, value in {
        **headers,
        "Tus-Resumable": "1.0.0",
        "Upload-Offset": "0",
        "Content-Type": "application/offset+octet-stream",
        "Content-Length": "1000",
    }.items():
        connection.putheader(name, value)
    connection.endheaders()
    connection.send(b"x" * 400)
    time.sleep(0.3)
    connection.sock.shutdown(2)
    connection.close()

    deadline = time.monotonic() + 5
    offset = None
    while time.monotonic() < deadline:
        head = requests.head(location.geturl(), headers={**headers, "Tus-Resumable": "1.0.0"})
        offset = head.headers.get("Upload-Offset")
        if offset == "400":
            break
        time.sleep(0.1)
    assert offset == "400"
    resumed = requests.patch(
        location.geturl(),
        data=b"y" * 600,
        headers={
            **headers,
            "Tus-Resumable": "1.0.0",
            "Upload-Offset": "400",
            "Content-Type": "application/offset+octet-stream",
        },
    )
    assert resumed.status_code == 204
    assert resumed.headers["Upload-Offset"] == "1000"


def test_memory_does_not_grow_with_the_size_of_a_patch(live_server, live_entry, tmp_path):
    size = 40 * 1024 * 1024
    source = tmp_path / "big.mp4"
    with open(source, "wb") as handle:
        block = os.urandom(1024 * 1024)
        for _ in range(size // len(block)):
            handle.write(block)
    headers = _session_headers(live_server, live_entry)
    response = requests.post(
        live_server.url + reverse("contests:tus_create", args=[live_entry.pk]),
        headers={
            **headers,
            "Tus-Resumable": "1.0.0",
            "Upload-Length": str(size),
            "Upload-Metadata": "filename ZmlsbS5tcDQ=",
        },
    )
    location = response.headers["Location"]

    tracemalloc.start()
    try:
        with open(source, "rb") as body:
            response = requests.patch(
                location,
                data=body,
                headers={
                    **headers,
                    "Tus-Resumable": "1.0.0",
                    "Upload-Offset": "0",
                    "Content-Type": "application/offset+octet-stream",
                    "Content-Length": str(size),
                },
            )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 204
    assert response.headers["Upload-Offset"] == str(size)
    assert peak < 4 * 1024 * 1024


# Quotas, open uploads, free space and abandoned uploads (issue 21.5)


def test_an_account_cannot_reserve_more_than_its_quota_across_entries(
    teacher_client, teacher, entry, settings
):
    settings.EDUFEST_UPLOAD_QUOTA_ACCOUNT_BYTES = 2500
    settings.EDUFEST_OPEN_UPLOADS_PER_ACCOUNT = 10
    second = EntryFactory(school=entry.school, teacher=teacher)
    third = EntryFactory(school=entry.school, teacher=teacher)

    first_answer = create_upload(teacher_client, entry, length=1000)
    second_answer = create_upload(teacher_client, second, length=1000)
    refused = create_upload(teacher_client, third, length=1000)

    assert (first_answer.status_code, second_answer.status_code) == (201, 201)
    assert refused.status_code == 400
    assert refused.content.decode() == "Twoje filmy zajęłyby więcej niż 0,0 GB dozwolone dla jednego konta."
    assert not Film.objects.filter(entry=third).exists()


def test_a_replaced_film_of_the_same_entry_does_not_count_twice(teacher_client, entry, settings):
    settings.EDUFEST_UPLOAD_QUOTA_ACCOUNT_BYTES = 1500

    assert create_upload(teacher_client, entry, length=1000).status_code == 201
    assert create_upload(teacher_client, entry, length=1000).status_code == 201
    assert Film.objects.filter(entry=entry).count() == 1


def test_a_school_has_its_own_quota_shared_by_its_teachers(teacher_client, entry, settings):
    settings.EDUFEST_UPLOAD_QUOTA_SCHOOL_BYTES = 1500
    colleague = TeacherFactory(username="kolega")
    entry.school.teachers.add(colleague)
    colleague_entry = EntryFactory(school=entry.school, teacher=colleague)
    colleague_client = Client()
    colleague_client.force_login(colleague)

    assert create_upload(teacher_client, entry, length=1000).status_code == 201
    refused = create_upload(colleague_client, colleague_entry, length=1000)

    assert refused.status_code == 400
    assert "dozwolone dla jednej szkoły" in refused.content.decode()


def test_only_a_few_uploads_may_be_open_at_once_per_account(teacher_client, teacher, entry, settings):
    settings.EDUFEST_OPEN_UPLOADS_PER_ACCOUNT = 1
    second = EntryFactory(school=entry.school, teacher=teacher)

    assert create_upload(teacher_client, entry, length=1000).status_code == 201
    refused = create_upload(teacher_client, second, length=1000)

    assert refused.status_code == 400
    assert refused.content.decode() == (
        "Masz już 1 przesyłany film. Dokończ albo anuluj jego przesyłanie, zanim zaczniesz następne."
    )


def test_no_upload_starts_or_grows_without_free_disk_space(teacher_client, entry, settings):
    created = create_upload(teacher_client, entry, length=1000)
    settings.EDUFEST_UPLOAD_FREE_SPACE_RESERVE_BYTES = 10**18

    refused_patch = patch(teacher_client, created["Location"], b"x" * 100, offset=0)
    refused_create = create_upload(teacher_client, EntryFactory(school=entry.school), length=1000)

    assert refused_patch.status_code == 507
    assert Film.objects.get(entry=entry).upload_offset == 0
    assert refused_create.status_code == 507
    assert "brakuje miejsca" in refused_create.content.decode()


def test_uploads_that_stopped_long_ago_are_removed_with_their_partial_file(
    teacher_client, entry, django_capture_on_commit_callbacks
):
    created = create_upload(teacher_client, entry, length=1000)
    patch(teacher_client, created["Location"], b"x" * 100, offset=0)
    film = Film.objects.get(entry=entry)
    path = film.original.path
    Film.objects.filter(pk=film.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=25))
    recent = create_upload(teacher_client, EntryFactory(school=entry.school), length=1000)

    with django_capture_on_commit_callbacks(execute=True):
        removed = tasks.remove_abandoned_uploads()

    assert removed == 1
    assert not Film.objects.filter(pk=film.pk).exists()
    assert not os.path.exists(path)
    assert recent.status_code == 201
    assert Film.objects.count() == 1
