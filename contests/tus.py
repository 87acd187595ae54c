"""A small tus 1.0.0 server for contest films: core, creation, termination and checksum.

https://tus.io/protocols/resumable-upload — the browser (Uppy / tus-js-client) creates an upload
with POST, sends the bytes with PATCH from an offset, asks for the offset with HEAD after a broken
connection, and may DELETE an unfinished upload. Only teachers of the entry's school may do any of
it; the usual Django session and CSRF header protect every unsafe method.

The body of a PATCH is read from the request stream in small blocks and appended to the file in
private storage, so memory does not grow with the size of the film; ``request.body`` is never used.
A file lock stops two PATCH requests writing the same upload at once (423). When the private
storage is S3, the bytes are appended to a local staging file instead and the complete file is
uploaded to the bucket after the last PATCH (``contests.storage``).
"""

import base64
import binascii
import fcntl
import hashlib
import os

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.cache import never_cache

from . import queries, services, storage
from .models import Entry, Film

TUS_VERSION = "1.0.0"
EXTENSIONS = "creation,termination,checksum"
CHECKSUM_ALGORITHMS = {"sha1": hashlib.sha1, "sha256": hashlib.sha256, "md5": hashlib.md5}
BLOCK_SIZE = 64 * 1024
STATUS_CHECKSUM_MISMATCH = 460


def _response(status=204, text="", **headers):
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Tus-Resumable"] = TUS_VERSION
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = str(value)
    return response


def _options():
    return _response(
        204,
        Tus_Version=TUS_VERSION,
        Tus_Extension=EXTENSIONS,
        Tus_Checksum_Algorithm=",".join(CHECKSUM_ALGORITHMS),
    )


def _owned_entry(request, entry_pk):
    if not request.user.is_authenticated:
        return None
    entry = queries.entry_for_user(request.user, entry_pk)
    if entry is None:
        raise Http404
    return entry


def _version_mismatch(request):
    if request.headers.get("Tus-Resumable") != TUS_VERSION:
        return _response(412, "Unsupported tus version.", Tus_Version=TUS_VERSION)
    return None


def parse_metadata(header):
    """``key base64value,key2 base64value`` → dict of str; malformed pairs are skipped."""
    metadata = {}
    for pair in (header or "").split(","):
        parts = pair.strip().split(" ")
        if not parts[0]:
            continue
        value = ""
        if len(parts) > 1:
            try:
                value = base64.b64decode(parts[1], validate=True).decode("utf-8")
            except (binascii.Error, UnicodeDecodeError):
                continue
        metadata[parts[0]] = value
    return metadata


def _int_header(request, name):
    value = request.headers.get(name, "")
    if not value.isdigit():
        return None
    return int(value)


@never_cache
def tus_create(request, entry_pk):
    if request.method == "OPTIONS":
        return _options()
    if request.method != "POST":
        return _response(405, Allow="OPTIONS, POST")
    if mismatch := _version_mismatch(request):
        return mismatch
    entry = _owned_entry(request, entry_pk)
    if entry is None:
        return _response(403, "Log in first.")
    if "Upload-Defer-Length" in request.headers:
        return _response(400, "Upload-Defer-Length is not supported.")
    length = _int_header(request, "Upload-Length")
    if length is None:
        return _response(400, "Upload-Length is required.")
    if length > entry.category.max_file_size_bytes:
        return _response(413, f"The file is too large: the limit is {entry.category.max_file_size_mb} MB.")
    metadata = parse_metadata(request.headers.get("Upload-Metadata"))
    try:
        film = services.start_film_upload(
            entry=entry, user=request.user, length=length, filename=metadata.get("filename", "")
        )
    except services.InsufficientStorage as error:
        return _response(507, error.message)
    except services.ContestError as error:
        return _response(400, error.message)
    location = request.build_absolute_uri(reverse("contests:tus_upload", args=[entry.pk, film.upload_id]))
    return _response(201, Location=location, Upload_Offset=0)


@never_cache
def tus_upload(request, entry_pk, upload_id):
    if request.method == "OPTIONS":
        return _options()
    if request.method not in ("HEAD", "PATCH", "DELETE"):
        return _response(405, Allow="OPTIONS, HEAD, PATCH, DELETE")
    if mismatch := _version_mismatch(request):
        return mismatch
    entry = _owned_entry(request, entry_pk)
    if entry is None:
        return _response(403, "Log in first.")
    film = get_object_or_404(Film.objects.select_related("entry"), entry=entry, upload_id=upload_id)
    if request.method == "HEAD":
        return _response(200, Upload_Offset=film.upload_offset, Upload_Length=film.upload_length)
    if request.method == "DELETE":
        try:
            services.terminate_film_upload(film=film, user=request.user)
        except services.ContestError as error:
            return _response(403, error.message)
        return _response(204)
    return _patch(request, entry, film)


def _patch(request, entry, film):
    if request.content_type != "application/offset+octet-stream":
        return _response(415, "Content-Type must be application/offset+octet-stream.")
    offset = _int_header(request, "Upload-Offset")
    if offset is None:
        return _response(400, "Upload-Offset is required.")
    if offset != film.upload_offset:
        return _response(409, "Upload-Offset does not match.", Upload_Offset=film.upload_offset)
    if film.status != Film.Status.UPLOADING:
        return _response(409, "This upload is complete.", Upload_Offset=film.upload_offset)
    if not queries.entry_is_editable(Entry.objects.select_related("contest", "school").get(pk=entry.pk)):
        return _response(403, "This entry can no longer be changed.")
    length = _int_header(request, "Content-Length")
    if length is None:
        return _response(411, "Content-Length is required.")
    if offset + length > film.upload_length:
        return _response(413, "The data goes beyond Upload-Length.")
    try:
        services.ensure_free_space(length)
    except services.InsufficientStorage as error:
        return _response(507, error.message, Upload_Offset=film.upload_offset)
    digest, expected = None, None
    if checksum := request.headers.get("Upload-Checksum"):
        algorithm, _, encoded = checksum.partition(" ")
        if algorithm not in CHECKSUM_ALGORITHMS:
            return _response(400, "Unsupported checksum algorithm.")
        try:
            expected = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            return _response(400, "Malformed Upload-Checksum.")
        digest = CHECKSUM_ALGORITHMS[algorithm]()

    path = storage.upload_path(film)
    with open(path, "r+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return _response(423, "Another request is writing this upload.")
        film.refresh_from_db(fields=["upload_offset", "status"])
        if offset != film.upload_offset:
            return _response(409, "Upload-Offset does not match.", Upload_Offset=film.upload_offset)
        handle.truncate(offset)  # drop bytes of an earlier request that were never recorded
        handle.seek(offset)
        received = _copy_body(request, handle, length, digest)
        handle.flush()
        os.fsync(handle.fileno())
        if digest is not None and (received != length or digest.digest() != expected):
            handle.truncate(offset)
            return _response(STATUS_CHECKSUM_MISMATCH, "Checksum mismatch.", Upload_Offset=offset)
        new_offset = offset + received
        if new_offset == film.upload_length:
            storage.finish_staged_upload(film, path)
        services.record_film_offset(film=film, offset=new_offset)
    return _response(204, Upload_Offset=new_offset)


def _copy_body(request, handle, length, digest):
    """Append up to ``length`` bytes of the request stream; stop early if the client goes away."""
    received = 0
    while received < length:
        try:
            block = request.read(min(BLOCK_SIZE, length - received))
        except OSError:
            break
        if not block:
            break
        handle.write(block)
        if digest is not None:
            digest.update(block)
        received += len(block)
    return received
