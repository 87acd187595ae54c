import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from contests import samples
from contests.models import Film
from contests.tests.factories import EntryFactory, SchoolFactory, TeacherFactory, TeamMemberFactory
from contests.tests.helpers import ensure_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, live_server, user):
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_teacher_uploads_a_clip_through_uppy_and_sees_it_processed(page, live_server, tmp_path):
    ensure_roles()
    teacher = TeacherFactory(username="browser-teacher")
    entry = EntryFactory(school=SchoolFactory(teachers=[teacher]), teacher=teacher)
    TeamMemberFactory(entry=entry)
    clip = tmp_path / "film.mp4"
    clip.write_bytes(samples.make_clip(seconds=1, fps=5))
    _log_in(page, live_server, teacher)

    page.goto(reverse("contests:entry_detail", args=[entry.pk]))
    page.locator("input.uppy-Dashboard-input").first.set_input_files(str(clip))

    page.wait_for_function("document.getElementById('upload-progress').value === 100", timeout=30_000)
    assert page.locator(".upload-percent").inner_text() == "100%"
    page.wait_for_selector(".film-state[data-film-status='ready'], video.film-player", timeout=60_000)
    film = Film.objects.get(entry=entry)
    assert film.status == Film.Status.READY
    assert film.upload_offset == clip.stat().st_size
    page.wait_for_selector("video.film-player", timeout=15_000)
    assert page.locator(".film-status").inner_text() == film.get_status_display()


def test_uppy_refuses_a_file_of_the_wrong_type_before_sending(page, live_server, tmp_path):
    ensure_roles()
    teacher = TeacherFactory(username="browser-teacher-2")
    entry = EntryFactory(school=SchoolFactory(teachers=[teacher]), teacher=teacher)
    document = tmp_path / "notatki.txt"
    document.write_text("not a film")
    _log_in(page, live_server, teacher)

    page.goto(reverse("contests:entry_detail", args=[entry.pk]))
    page.locator("input.uppy-Dashboard-input").first.set_input_files(str(document))
    page.wait_for_timeout(1000)

    assert not Film.objects.filter(entry=entry).exists()


@pytest.mark.parametrize(("prefix", "browse"), [("", "Przeglądaj pliki"), ("/en", "browse files")])
def test_uppy_speaks_the_language_of_the_page(page, live_server, prefix, browse):
    # Needs static/vendor/@uppy/locales (make assets copies it from the npm package).
    ensure_roles()
    teacher = TeacherFactory(username=f"browser-teacher-lang{prefix.strip('/')}")
    entry = EntryFactory(school=SchoolFactory(teachers=[teacher]), teacher=teacher)
    _log_in(page, live_server, teacher)

    page.goto(prefix + reverse("contests:entry_detail", args=[entry.pk]))
    page.wait_for_selector(".uppy-Dashboard-AddFiles")

    assert browse in page.locator("#film-upload").inner_text()
