import os

import av
import pytest
from django.urls import reverse

from contests import media, samples
from contests.models import Film
from contests.tests.helpers import upload_film

pytestmark = [pytest.mark.django_db]


@pytest.fixture(scope="module")
def valid_clip():
    return samples.make_clip(seconds=2, width=1280, height=720, fps=10)


def test_valid_clip_gets_a_poster_and_a_fast_start_720p_h264_aac_web_copy(
    teacher_client, entry, valid_clip, django_capture_on_commit_callbacks
):
    film = upload_film(teacher_client, entry, valid_clip, capture=django_capture_on_commit_callbacks)

    film.refresh_from_db()
    assert film.status == Film.Status.READY
    assert film.reject_reason == ""
    assert (film.width, film.height) == (1280, 720)
    assert film.duration_seconds == 2.0
    assert film.probe["video_codec"] == "h264"
    assert film.probe["audio_codec"] == "aac"
    assert os.path.exists(film.original.path)
    with open(film.poster.path, "rb") as poster:
        assert poster.read(3) == b"\xff\xd8\xff"
    with open(film.web_copy.path, "rb") as web:
        head = web.read(4096)
    assert head.find(b"moov") < head.find(b"mdat") or b"mdat" not in head  # index first: fast start
    assert b"moov" in head
    with av.open(film.web_copy.path) as copy:
        video, audio = copy.streams.video[0], copy.streams.audio[0]
        assert (video.codec_context.name, video.codec_context.height) == ("h264", 720)
        assert audio.codec_context.name == "aac"


def test_a_larger_film_is_scaled_down_to_720p(teacher_client, entry, django_capture_on_commit_callbacks):
    clip = samples.make_clip(seconds=1, width=1920, height=1080, fps=5, audio=False)

    film = upload_film(teacher_client, entry, clip, capture=django_capture_on_commit_callbacks)

    film.refresh_from_db()
    assert film.status == Film.Status.READY
    with av.open(film.web_copy.path) as copy:
        assert (copy.streams.video[0].codec_context.width, copy.streams.video[0].codec_context.height) == (
            1280,
            720,
        )


# Reasons are stored in the site's language (Polish), whatever language the upload came in.
NOT_A_VIDEO = "To nie jest plik wideo (zawartość nie jest w formacie MP4, MOV, MKV, WebM ani AVI)."
BAD_FILES = {
    "html renamed": (samples.html_document, NOT_A_VIDEO),
    "zip renamed": (samples.zip_archive, NOT_A_VIDEO),
    "png renamed": (samples.png_image, NOT_A_VIDEO),
    "playlist renamed": (samples.playlist, NOT_A_VIDEO),
    "audio only": (
        lambda: samples.make_clip(seconds=1, video=False),
        "Plik nie zawiera obrazu (tylko dźwięk albo nic, co da się odtworzyć).",
    ),
    "too long": (
        lambda: samples.make_clip(seconds=12, fps=2, audio=False),
        "Film jest za długi: 12 s, limit to 10 s.",
    ),
    "too small": (
        lambda: samples.make_clip(seconds=1, width=640, height=360, fps=5),
        "Rozdzielczość jest za niska: 640x360, wymagane jest co najmniej 720p.",
    ),
    "truncated": (
        lambda: samples.truncated(samples.make_clip(seconds=2, fps=10)),
        "Nie można odczytać pliku jako wideo: jest uszkodzony lub niekompletny.",
    ),
}


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_are_rejected_with_a_clear_reason(
    kind, teacher_client, entry, django_capture_on_commit_callbacks
):
    make, reason = BAD_FILES[kind]

    film = upload_film(teacher_client, entry, make(), capture=django_capture_on_commit_callbacks)

    film.refresh_from_db()
    assert film.status == Film.Status.REJECTED
    assert film.reject_reason == reason
    assert not film.web_copy
    assert os.path.exists(film.original.path)  # the original is kept for the teacher and staff


def test_a_truncated_fast_start_file_is_rejected(tmp_path):
    source = tmp_path / "source.mp4"
    source.write_bytes(samples.make_clip(seconds=3, fps=10))
    info = media.probe(str(source))
    web = tmp_path / "web.mp4"
    media.make_web_copy(str(source), str(web), info)
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(web.read_bytes()[: int(web.stat().st_size * 0.9)])

    with pytest.raises(media.MediaRejected) as error:
        media.probe(str(cut))

    assert (
        str(error.value.reason)
        == "Plik jest niekompletny (wygląda na ucięty podczas kopiowania lub przesyłania)."
    )


def test_rejection_reason_is_shown_to_the_teacher(teacher_client, entry, django_capture_on_commit_callbacks):
    upload_film(teacher_client, entry, samples.html_document(), capture=django_capture_on_commit_callbacks)

    page = teacher_client.get(reverse("contests:entry_detail", args=[entry.pk]))
    status = teacher_client.get(reverse("contests:film_status", args=[entry.pk])).json()

    assert NOT_A_VIDEO in page.content.decode()
    assert status["status"] == "rejected"
    assert status["reject_reason"] == NOT_A_VIDEO
