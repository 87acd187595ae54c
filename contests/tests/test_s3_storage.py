"""Private files on S3-compatible object storage (django-storages) against moto's S3 server.

The server runs in this process on a free port (``moto.server.ThreadedMotoServer``) and is spoken
to over HTTP exactly as a real S3-compatible service would be; the storage is configured through
the same environment variables as production (``S3_PRIVATE_BUCKET``, ``S3_ENDPOINT_URL``, …).
"""

import socket
import urllib.error
import urllib.request
import uuid

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from fpdf import FPDF
from moto.server import ThreadedMotoServer
from storages.backends.s3 import S3Storage

from contests import samples
from contests.models import Consent
from contests.tests.factories import SchoolFactory, TeacherFactory
from contests.tests.helpers import upload_film
from settings.base import s3_storage

pytestmark = pytest.mark.django_db

REGION = "eu-central-1"
PUBLIC_GRANTEES = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def _real_pdf():
    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


# A consent scan must parse as a PDF with a page (contests.forms.detect_scan_type).
PDF = _real_pdf()


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3(settings, monkeypatch, s3_endpoint, tmp_path):
    """A fresh private bucket as ``storages["private"]``, configured from the environment."""
    bucket = f"edufest-private-{uuid.uuid4().hex[:12]}"
    for name, value in {
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": "edufest-test",
        "S3_SECRET_ACCESS_KEY": "edufest-test-secret",
        "S3_ADDRESSING_STYLE": "path",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id="edufest-test",
        aws_secret_access_key="edufest-test-secret",
    )
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    settings.TUS_UPLOAD_DIR = tmp_path / "tus"
    settings.STORAGES = {**settings.STORAGES, "private": s3_storage(bucket, private=True)}
    return client, bucket


def _is_public(client, bucket, key):
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any(grant["Grantee"].get("URI") in PUBLIC_GRANTEES for grant in grants)


def _anonymous_http_status(endpoint, bucket, key):
    try:
        with urllib.request.urlopen(f"{endpoint}/{bucket}/{key}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_consent_scan_is_stored_in_the_private_bucket_and_served_only_through_the_view(
    teacher_client, entry, client, s3, s3_endpoint
):
    s3_client, bucket = s3
    member = entry.team.get()

    upload = teacher_client.post(
        reverse("contests:consent_upload", args=[entry.pk, member.pk]),
        {f"member{member.pk}-scan": SimpleUploadedFile("skan.pdf", PDF)},
    )

    assert upload.status_code == 302
    consent = Consent.objects.filter(member=member).exclude(scan="").first()
    assert isinstance(consent.scan.storage._wrapped, S3Storage)
    key = consent.scan.name
    with pytest.raises(ValueError):
        consent.scan.storage.url(key)
    assert s3_client.get_object(Bucket=bucket, Key=key)["Body"].read() == PDF

    served = teacher_client.get(reverse("contests:consent_scan", args=[consent.pk]))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Length"] == str(len(PDF))
    assert served["Content-Type"] == "application/pdf"
    assert "private" in served["Cache-Control"]

    client.logout()
    assert client.get(reverse("contests:consent_scan", args=[consent.pk])).status_code == 404
    stranger = TeacherFactory(username="obcy")
    SchoolFactory(teachers=[stranger])
    client.force_login(stranger)
    assert client.get(reverse("contests:consent_scan", args=[consent.pk])).status_code == 404

    assert not _is_public(s3_client, bucket, key)
    assert _anonymous_http_status(s3_endpoint, bucket, key) == 403


def test_film_uploaded_with_tus_is_assembled_locally_stored_in_s3_and_processed_from_there(
    teacher_client, entry, client, s3, s3_endpoint, settings, django_capture_on_commit_callbacks
):
    s3_client, bucket = s3
    clip = samples.make_clip(seconds=2, width=1280, height=720, fps=10)

    film = upload_film(teacher_client, entry, clip, capture=django_capture_on_commit_callbacks)

    film.refresh_from_db()
    assert film.status == film.Status.READY, film.reject_reason
    keys = {item["Key"] for item in s3_client.list_objects_v2(Bucket=bucket)["Contents"]}
    assert {film.original.name, film.poster.name, film.web_copy.name} <= keys
    assert s3_client.get_object(Bucket=bucket, Key=film.original.name)["Body"].read() == clip
    assert list((settings.TUS_UPLOAD_DIR).iterdir()) == []

    web = teacher_client.get(reverse("contests:film_web", args=[entry.pk]))
    assert web.status_code == 200
    served = b"".join(web.streaming_content)
    assert served == s3_client.get_object(Bucket=bucket, Key=film.web_copy.name)["Body"].read()
    assert served[4:8] == b"ftyp"
    part = teacher_client.get(reverse("contests:film_web", args=[entry.pk]), HTTP_RANGE="bytes=100-199")
    assert (part.status_code, part["Content-Range"]) == (206, f"bytes 100-199/{len(served)}")
    assert b"".join(part.streaming_content) == served[100:200]  # a ranged GET on the bucket

    client.logout()
    assert client.get(reverse("contests:film_web", args=[entry.pk])).status_code == 404
    assert client.get(reverse("contests:film_original", args=[entry.pk])).status_code == 404
    for key in (film.original.name, film.web_copy.name, film.poster.name):
        assert not _is_public(s3_client, bucket, key)
        assert _anonymous_http_status(s3_endpoint, bucket, key) == 403
