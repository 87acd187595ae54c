import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .api import error


class AdminPreviewFrameMiddleware:
    """Let the Wagtail admin frame its own page previews; every other response keeps DENY.

    It sits inside Django's XFrameOptionsMiddleware, which leaves a header that is already set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


NUL = "\x00"


def _has_nul(value):
    """True if a NUL character is anywhere in a decoded JSON value (keys included)."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


def request_has_nul(request):
    """Whether the path, the query string, a urlencoded form or a JSON body holds a NUL character.

    PostgreSQL cannot store or compare text with NUL in it (the query fails: a 500), and no
    legitimate input has one. Multipart forms are left to the forms (Django's ``CharField`` refuses
    NUL with a field error), and other bodies (film uploads) are not read here."""
    if NUL in request.path_info or NUL in request.path:
        return True
    if any(_has_nul(key) or any(_has_nul(v) for v in values) for key, values in request.GET.lists()):
        return True
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return False
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        return any(_has_nul(key) or any(_has_nul(v) for v in values) for key, values in request.POST.lists())
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return False
        if not 0 < length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return False
        try:
            return _has_nul(json.loads(request.body))
        except ValueError:
            return False  # not JSON: the view answers that
    return False


class RefuseNullCharactersMiddleware:
    """Answer 400 to any request with a NUL character in its path, query or form/JSON body.

    One place for every view, page and API operation (``request_has_nul``); the API gets the
    ``ErrorOut`` JSON shape, pages a short Polish page. Sits after the middleware that sets the
    security headers, so the refusal carries them too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_has_nul(request):
            message = _("The request contains a character that is not allowed (NUL).")
            if request.path_info.startswith("/api/"):
                return JsonResponse(error("null_character", message), status=400)
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
