"""Upload rules that hold across apps (OWASP File Upload Cheat Sheet): images and documents that
staff upload in Wagtail (stand logos, page images, minutes), and where private files live.

The app-specific rules are tested where they are built: films (contests/tests/test_tus.py,
test_media.py), consent scans (contests/tests/test_consents.py), stand imports
(events/tests/test_import.py), formula injection in exports (events/registration/tests/test_admin.py).
docs/security.md maps each rule of the cheat sheet to its test.
"""

import io
from pathlib import Path

import PIL.Image
import pytest
from django.conf import settings as django_settings
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from cms.tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    PIL.Image.new("RGB", size, "#0b4f8a").save(buffer, "PNG")
    return buffer.getvalue()


def image_form(name, content):
    form_class = get_image_form(get_image_model())
    return form_class(
        data={"title": "Logo wystawcy", "collection": Collection.get_first_root_node().pk},
        files={"file": SimpleUploadedFile(name, content)},
        user=StaffFactory(is_superuser=True),
    )


def test_a_real_png_logo_is_accepted():
    assert image_form("logo.png", png_bytes()).is_valid()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo.png", b"<html><script>alert(1)</script></html>"),
        ("logo.png", b"%PDF-1.7\n1 0 obj<<>>endobj\n"),
        ("logo.jpg", b"MZ\x90\x00" + bytes(200)),
    ],
    ids=["html-named-png", "pdf-named-png", "exe-named-jpg"],
)
def test_an_image_upload_is_checked_by_content_not_by_name(name, content):
    form = image_form(name, content)

    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.parametrize("name", ["logo.svg", "logo.html", "logo.php", "logo.png.exe"])
def test_image_types_outside_the_allow_list_are_refused(name):
    form = image_form(name, png_bytes())

    assert not form.is_valid()
    assert "file" in form.errors


def test_image_over_the_size_limit_is_refused(settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1000

    form = image_form("logo.png", png_bytes((400, 400)) + bytes(2000))

    assert not form.is_valid()
    assert "file" in form.errors


def test_image_over_the_pixel_limit_is_refused_before_it_is_decoded(settings):
    """A small file can declare a huge canvas (a decompression bomb)."""
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100

    form = image_form("logo.png", png_bytes((200, 200)))

    assert not form.is_valid()
    assert "file" in form.errors


def test_upload_limits_are_set_explicitly():
    assert django_settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert django_settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in django_settings.WAGTAILIMAGES_EXTENSIONS
    assert not {"html", "htm", "svg", "js", "php", "exe"} & set(django_settings.WAGTAILDOCS_EXTENSIONS)


def test_documents_are_served_so_that_nothing_in_them_runs(client):
    document = get_document_model().objects.create(
        title="Protokół", file=ContentFile(b"<script>alert(1)</script>", name="protokol.txt")
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"].startswith("text/plain")


def test_private_storage_has_no_url():
    private = storages["private"]
    name = private.save("zgody/skan.pdf", ContentFile(b"%PDF-1.7\n"))

    with pytest.raises(ValueError):
        private.url(name)


def test_private_files_live_outside_every_served_folder():
    private = Path(django_settings.PRIVATE_MEDIA_ROOT).resolve()
    served = [Path(django_settings.MEDIA_ROOT), Path(django_settings.STATIC_ROOT)] + [
        Path(folder) for folder in django_settings.STATICFILES_DIRS
    ]

    for folder in served:
        folder = folder.resolve()
        assert not private.is_relative_to(folder)
        assert not folder.is_relative_to(private)
