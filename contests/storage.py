"""The private storage of films and consent scans: ``storages["private"]``, looked up lazily.

Model fields keep a reference to ``private_storage`` (a lazy object) so that a change of the
``STORAGES`` setting (tests point it at a temporary directory) takes effect without re-importing.

The storage is either the local filesystem (``PRIVATE_MEDIA_ROOT``) or an S3-compatible bucket
(django-storages, ``S3_PRIVATE_BUCKET``). Code here never assumes a local path for a stored file:

- reading: ``open_stream`` and ``open_from`` (from a given byte on) stream a file (from S3 straight
  from the object's body, with a ranged GET for a part, without first copying it into a temporary
  file);
- PyAV, which needs a file on disk: ``local_copy`` gives the stored path on the filesystem, or
  downloads the object into a temporary file; ``local_output`` gives a path to write to and, for
  S3, uploads it under the given name afterwards;
- tus uploads, which append to a file: ``upload_path`` is the stored file itself on the filesystem;
  with S3 the bytes go to a local staging file (``TUS_UPLOAD_DIR``) that ``finish_staged_upload``
  uploads once the last byte is in. S3 objects cannot be appended to, so with several app servers
  the staging directory must be shared, or the proxy must send an upload's requests to one server.
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

COPY_BLOCK_SIZE = 1024 * 1024


class PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = PrivateStorage()


def get_private_storage():
    """Callable given to FileField(storage=...) so migrations reference it instead of a path."""
    return private_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        private_storage._wrapped = empty


def stored_path(storage, name):
    """The file's path on the local filesystem, or None when the storage has none (S3)."""
    try:
        return storage.path(name)
    except NotImplementedError:
        return None


def open_stream(storage, name):
    """(binary file object, size in bytes or None) to stream a stored file in a response.

    For S3 the object's body is read as it arrives: a film is not copied into memory or a
    temporary file before the first byte goes out.
    """
    handle = storage.open(name, "rb")
    s3_object = getattr(handle, "obj", None)  # django-storages' S3File
    if s3_object is None:
        return handle, None
    answer = s3_object.get()
    return answer["Body"], answer["ContentLength"]


def open_from(storage, name, start=0, end=None):
    """A binary file object positioned at byte ``start`` (for S3: the body of a ranged GET of bytes
    ``start`` to ``end``, inclusive; ``end`` None is the end of the file), for byte-range answers."""
    handle = storage.open(name, "rb")
    s3_object = getattr(handle, "obj", None)
    if s3_object is None:
        if start:
            handle.seek(start)
        return handle
    handle.close()
    if not start and end is None:
        return s3_object.get()["Body"]
    return s3_object.get(Range=f"bytes={start}-{'' if end is None else end}")["Body"]


@contextmanager
def local_copy(storage, name):
    """A path on disk holding the stored file, for libraries that need one (PyAV).

    The filesystem storage's own path; for S3 a temporary copy, deleted afterwards.
    """
    path = stored_path(storage, name)
    if path is not None:
        yield path
        return
    suffix = os.path.splitext(name)[1]
    with tempfile.NamedTemporaryFile(suffix=suffix, prefix="edufest-") as copy:
        handle, _size = open_stream(storage, name)
        with handle:
            shutil.copyfileobj(handle, copy, COPY_BLOCK_SIZE)
        copy.flush()
        yield copy.name


@contextmanager
def local_output(storage, name):
    """A path on disk to write the file ``name`` to; on S3 it is uploaded when the block ends."""
    path = stored_path(storage, name)
    if path is not None:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="edufest-") as folder:
        path = os.path.join(folder, os.path.basename(name))
        yield path
        replace_with_local_file(storage, name, path)


def replace_with_local_file(storage, name, path):
    """Store the local file ``path`` under ``name``, replacing what is stored there."""
    storage.delete(name)
    with open(path, "rb") as handle:
        saved = storage.save(name, File(handle, name=os.path.basename(name)))
    if saved != name:  # another process stored the same name in between
        raise RuntimeError(f"Could not store {name}: the storage chose {saved}.")


def _staging_dir():
    return Path(getattr(settings, "TUS_UPLOAD_DIR", None) or Path(settings.PRIVATE_MEDIA_ROOT) / "tus")


def upload_path(film):
    """The local file a tus upload of ``film`` appends to (created empty when missing)."""
    path = stored_path(film.original.storage, film.original.name)
    if path is None:
        folder = _staging_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = str(folder / f"{film.upload_id}.part")
    if not os.path.exists(path):
        with open(path, "ab"):
            pass
    return path


def finish_staged_upload(film, path):
    """After the last byte: upload a staged file into the storage and remove it (no-op on disk)."""
    storage = film.original.storage
    if stored_path(storage, film.original.name) is not None:
        return
    replace_with_local_file(storage, film.original.name, path)
    os.unlink(path)


def discard_staged_upload(film):
    """Remove the staging file of an unfinished upload, if any."""
    if stored_path(film.original.storage, film.original.name) is not None:
        return
    path = _staging_dir() / f"{film.upload_id}.part"
    path.unlink(missing_ok=True)


def free_bytes_for_uploads():
    """Free space where tus uploads are written (the staging folder, or the private folder)."""
    folder = (
        _staging_dir() if getattr(settings, "TUS_UPLOAD_DIR", None) else Path(settings.PRIVATE_MEDIA_ROOT)
    )
    folder.mkdir(parents=True, exist_ok=True)
    return shutil.disk_usage(folder).free
