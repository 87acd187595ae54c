"""Every entry and file URL against the school, another school, a user without a school, anonymous."""

import pytest
from django.test import Client
from django.urls import reverse

from cms.accounts import roles
from cms.tests.factories import add_totp
from contests import access, samples, services
from contests.access import register_film_viewer
from contests.forms import detect_scan_type
from contests.models import Consent
from contests.tests.factories import SchoolFactory, StaffFactory, TeacherFactory, UserFactory
from contests.tests.helpers import upload_film

pytestmark = pytest.mark.django_db

PNG = samples.png_image()


@pytest.fixture
def ready_entry(teacher_client, entry, django_capture_on_commit_callbacks):
    upload_film(
        teacher_client, entry, samples.make_clip(seconds=1, fps=5), capture=django_capture_on_commit_callbacks
    )
    member = entry.team.get()
    services.sync_consents(entry=entry)
    services.upload_consent_scan(
        member=member, content=PNG, extension=detect_scan_type(PNG), content_type="image/png", user=None
    )
    return entry


def _urls(entry):
    member = entry.team.get()
    consent = Consent.objects.filter(member=member).first()
    return {
        "entry_detail": reverse("contests:entry_detail", args=[entry.pk]),
        "entry_edit": reverse("contests:entry_edit", args=[entry.pk]),
        "film_status": reverse("contests:film_status", args=[entry.pk]),
        "consent_form": reverse("contests:consent_form", args=[entry.pk, member.pk]),
        "film_original": reverse("contests:film_original", args=[entry.pk]),
        "film_web": reverse("contests:film_web", args=[entry.pk]),
        "film_poster": reverse("contests:film_poster", args=[entry.pk]),
        "consent_scan": reverse("contests:consent_scan", args=[consent.pk]),
        "public_film": reverse("contests:public_film", args=[entry.pk]),
    }


POST_URLS = {
    "entry_submit": lambda entry: reverse("contests:entry_submit", args=[entry.pk]),
    "entry_reopen": lambda entry: reverse("contests:entry_reopen", args=[entry.pk]),
    "consent_upload": lambda entry: reverse("contests:consent_upload", args=[entry.pk, entry.team.get().pk]),
    "consent_withdraw": lambda entry: reverse(
        "contests:consent_withdraw", args=[Consent.objects.filter(member__entry=entry).first().pk]
    ),
}


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_the_school_sees_its_entry_and_every_file(teacher_client, ready_entry):
    statuses = {name: teacher_client.get(url).status_code for name, url in _urls(ready_entry).items()}

    assert statuses == {
        "entry_detail": 200,
        "entry_edit": 200,
        "film_status": 200,
        "consent_form": 200,
        "film_original": 200,
        "film_web": 200,
        "film_poster": 200,
        "consent_scan": 200,
        "public_film": 404,  # not published
    }


@pytest.mark.parametrize("who", ["other school", "no school", "juror not assigned", "anonymous"])
def test_outsiders_get_nothing_of_an_unpublished_entry(who, ready_entry):
    users = {
        "other school": lambda: SchoolFactory(teachers=[TeacherFactory(username="other")]).teachers.get(),
        "no school": lambda: TeacherFactory(username="lonely"),
        "juror not assigned": lambda: add_totp(UserFactory(username="juror", roles=[roles.JUROR])),
        "anonymous": lambda: None,
    }
    client = _client(users[who]())

    statuses = {name: client.get(url).status_code for name, url in _urls(ready_entry).items()}
    posts = {name: client.post(url(ready_entry)).status_code for name, url in POST_URLS.items()}

    page_status = 302 if who == "anonymous" else 404  # anonymous visitors are sent to log in
    assert statuses == {
        "entry_detail": page_status,
        "entry_edit": page_status,
        "film_status": page_status,
        "consent_form": page_status,
        "film_original": 404,
        "film_web": 404,
        "film_poster": 404,
        "consent_scan": 404,
        "public_film": 404,
    }
    assert posts == dict.fromkeys(POST_URLS, page_status)
    assert Consent.objects.filter(member__entry=ready_entry, status=Consent.Status.UPLOADED).count() == 3


def test_staff_see_the_files(ready_entry):
    client = _client(StaffFactory(username="staff"))

    statuses = {
        name: client.get(_urls(ready_entry)[name]).status_code
        for name in ("film_original", "film_web", "consent_scan")
    }

    assert statuses == {"film_original": 200, "film_web": 200, "consent_scan": 200}


def test_a_published_entry_shows_its_film_to_everyone_but_never_the_original_or_scans(ready_entry):
    services.set_entry_published(entry=ready_entry, published=True, user=None)
    client = Client()
    urls = _urls(ready_entry)

    statuses = {
        name: client.get(urls[name]).status_code
        for name in ("public_film", "film_web", "film_poster", "film_original", "consent_scan")
    }

    assert statuses == {
        "public_film": 200,
        "film_web": 200,
        "film_poster": 200,
        "film_original": 404,
        "consent_scan": 404,
    }


def test_another_app_can_admit_its_viewers_to_the_web_copy(ready_entry, monkeypatch):
    monkeypatch.setattr(access, "_film_viewers", [])
    juror = add_totp(UserFactory(username="assigned-juror", roles=[roles.JUROR]))
    register_film_viewer(lambda user, entry: user.pk == juror.pk and entry.pk == ready_entry.pk)
    client = _client(juror)

    assert client.get(_urls(ready_entry)["film_web"]).status_code == 200
    assert client.get(_urls(ready_entry)["film_original"]).status_code == 404
    assert client.get(_urls(ready_entry)["entry_detail"]).status_code == 404


def test_private_files_are_streamed_without_caching(teacher_client, ready_entry):
    response = teacher_client.get(_urls(ready_entry)["film_web"])

    assert response.streaming
    assert response["Content-Type"] == "video/mp4"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content)[4:8] == b"ftyp"
