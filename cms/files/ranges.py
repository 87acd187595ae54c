"""Byte ranges (RFC 9110 §14) for files served by our own views, so browsers can seek in videos.

Django's ``FileResponse`` always sends the whole file. ``ranged_file_response`` answers a single
``Range: bytes=…`` with 206 and ``Content-Range``, an unsatisfiable one with 416, and anything else
(no header, another unit, several ranges, a malformed header, an ``If-Range`` that no longer
matches) with the whole file and 200, as the RFC allows. A part is streamed from the open file in
blocks, never read into memory, and never handed to the server's sendfile (which would send the
whole file). Every answer says ``Accept-Ranges: bytes``.
"""

import re

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header, http_date

BLOCK_SIZE = 64 * 1024
_SINGLE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


class Unsatisfiable(Exception):
    pass


def parse_range(header, size):
    """``(start, end)`` (inclusive) for a single byte range of a ``size``-byte file, or None when the
    header is to be ignored; raises ``Unsatisfiable`` for a range that lies past the end."""
    match = _SINGLE_RANGE.match(header.replace(" ", ""))
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return max(size - suffix, 0), size - 1
    start = int(first)
    if last != "" and int(last) < start:
        return None  # invalid: the header is ignored
    if start >= size:
        raise Unsatisfiable
    end = size - 1 if last == "" else min(int(last), size - 1)
    return start, end


class FilePart:
    """The next ``length`` bytes of ``file``, in blocks; closing it (the response does, also for a
    HEAD request that never reads it) closes the file."""

    def __init__(self, file, length):
        self.file, self.length = file, length

    def __iter__(self):
        remaining = self.length
        while remaining > 0:
            block = self.file.read(min(BLOCK_SIZE, remaining))
            if not block:
                break
            remaining -= len(block)
            yield block

    def close(self):
        self.file.close()


def ranged_file_response(
    request, *, open_file, size, content_type, filename, modified=None, as_attachment=False
):
    """Serve a ``size``-byte file whole or in the part ``request`` asks for.

    ``open_file(start, end)`` opens it as a binary file object positioned at byte ``start`` that
    holds at least the bytes through ``end`` (inclusive; None: to the end). It is called only when
    there is something to send, so a 416 opens nothing.
    """
    last_modified = http_date(modified.timestamp()) if modified else None
    header = request.headers.get("Range", "") if request.method in ("GET", "HEAD") else ""
    if_range = request.headers.get("If-Range")
    if header and if_range is not None and if_range != last_modified:
        header = ""  # the file changed since the client's first part (or we cannot tell): send it all
    part = None
    if header:
        try:
            part = parse_range(header, size)
        except Unsatisfiable:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            response["Accept-Ranges"] = "bytes"
            return response
    if part is None:
        response = FileResponse(
            open_file(0, None), content_type=content_type, as_attachment=as_attachment, filename=filename
        )
        response["Content-Length"] = str(size)
    else:
        start, end = part
        response = StreamingHttpResponse(
            FilePart(open_file(start, end), end - start + 1), status=206, content_type=content_type
        )
        response["Content-Length"] = str(end - start + 1)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        disposition = content_disposition_header(as_attachment, filename)
        if disposition:
            response["Content-Disposition"] = disposition
    response["Accept-Ranges"] = "bytes"
    if last_modified:
        response["Last-Modified"] = last_modified
    return response
