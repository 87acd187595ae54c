"""Limits that keep one account or one file from holding up the media queue (issue 21): films of an
account waiting for processing, and the largest picture taken for transcoding."""

import pytest

from contests import media, samples
from contests.models import Film
from contests.tests.factories import EntryFactory
from contests.tests.helpers import create_upload, upload_film

pytestmark = [pytest.mark.django_db]


def waiting_film(entry, user, status=Film.Status.PENDING):
    return Film.objects.create(
        entry=entry, uploaded_by=user, upload_length=10, upload_offset=10, status=status
    )


def test_an_account_with_two_films_waiting_cannot_start_a_third_upload(
    teacher_client, teacher, school, entry
):
    for status in (Film.Status.PENDING, Film.Status.PROCESSING):
        waiting_film(EntryFactory(school=school, teacher=teacher, category=entry.category), teacher, status)

    response = create_upload(teacher_client, entry, length=1000)

    assert response.status_code == 400
    assert response.content.decode() == (
        "Masz już 2 filmy czekające na przetworzenie. Prześlij ten, gdy któryś z nich będzie gotowy."
    )
    assert not Film.objects.filter(entry=entry).exists()


def test_films_that_are_ready_or_rejected_do_not_count_against_the_cap(
    teacher_client, teacher, school, entry
):
    for status in (Film.Status.READY, Film.Status.REJECTED, Film.Status.PENDING):
        waiting_film(EntryFactory(school=school, teacher=teacher, category=entry.category), teacher, status)

    response = create_upload(teacher_client, entry, length=1000)

    assert response.status_code == 201
    assert Film.objects.get(entry=entry).uploaded_by == teacher


def test_replacing_the_entrys_own_waiting_film_is_not_refused(
    teacher_client, teacher, school, entry, settings
):
    settings.EDUFEST_FILMS_IN_PROCESSING_PER_ACCOUNT = 1
    waiting_film(entry, teacher)

    response = create_upload(teacher_client, entry, length=1000)

    assert response.status_code == 201


def test_the_cap_can_be_turned_off(teacher_client, teacher, school, entry, settings):
    settings.EDUFEST_FILMS_IN_PROCESSING_PER_ACCOUNT = 0
    for _ in range(3):
        waiting_film(EntryFactory(school=school, teacher=teacher, category=entry.category), teacher)

    assert create_upload(teacher_client, entry, length=1000).status_code == 201


def test_a_film_larger_than_4k_is_rejected_before_transcoding(
    teacher_client, entry, django_capture_on_commit_callbacks
):
    clip = samples.make_clip(seconds=1, width=4160, height=2340, fps=1, audio=False)

    film = upload_film(teacher_client, entry, clip, capture=django_capture_on_commit_callbacks)

    film.refresh_from_db()
    assert film.status == Film.Status.REJECTED
    assert (
        film.reject_reason == "Rozdzielczość jest za wysoka: 4160x2340, przyjmujemy najwyżej 4K (4096x2160)."
    )
    assert not film.web_copy and not film.poster


def test_4k_itself_is_accepted_by_the_rules(entry):
    info = media.MediaInfo(
        family="mov",
        container="mov,mp4,m4a,3gp,3g2,mj2",
        duration=5.0,
        width=3840,
        height=2160,
        video_codec="h264",
        audio_codec="",
        frame_rate=25.0,
    )

    media.check_against_rules(info, category=entry.category, filename="film.mp4")
