"""Schemas shared by every router of the JSON API (mounted at /api/v1/ by site/urls.py)."""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import Http404
from django.utils.translation import gettext
from ninja import NinjaAPI, Path, Schema
from ninja.errors import HttpError, ValidationError

# Primary keys are PostgreSQL bigints: a larger number is a 422, not a database error.
MAX_ID = 2**63 - 1


class ErrorOut(Schema):
    """Every error answer (4xx) of every endpoint: ``code`` for programs (``invalid``,
    ``not_found``, ``rate_limited``, ``full``, …), ``message`` for people, and ``fields`` the
    messages per input field (``school``, ``answers.7``; ``__all__`` for the input as a whole),
    empty when the error is not about the input."""

    code: str
    message: str
    fields: dict[str, list[str]]


def error(code, message, fields=None):
    """The body of an error answer: ``return Status(409, error("full", "No places left."))``."""
    return {"code": code, "message": str(message), "fields": fields or {}}


def field_error(field, message, code="invalid"):
    """An error about one input field (``field`` empty: about the input as a whole)."""
    return error(code, message, {field: [str(message)]} if field else {})


def invalid_input(fields, code="invalid"):
    """An error listing messages per field (a form's or the schema's)."""
    return error(code, gettext("The input is not valid; see the message of each field."), fields)


def form_errors(form, code="invalid"):
    """:func:`invalid_input` from a Django form's errors."""
    return invalid_input({name: [str(m) for m in messages] for name, messages in form.errors.items()}, code)


# Codes of the answers ninja itself gives (authentication, CSRF, a missing object).
STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid",
    429: "rate_limited",
}


def _field_name(loc):
    """``("body", "payload", "school", "name")`` -> ``school.name``; ``("query", "limit")`` -> ``limit``."""
    parts = [str(part) for part in loc]
    # The source goes ("body", "query", "path"), and for the body its parameter's name ("payload").
    parts = parts[2:] if parts[:1] == ["body"] else parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


def validation_fields(errors):
    """django-ninja's (pydantic's) error list as messages per field."""
    fields = {}
    for item in errors:
        fields.setdefault(_field_name(item.get("loc", ())), []).append(str(item.get("msg", "")))
    return fields


# The answers any authenticated staff endpoint may give besides its 200.
STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def object_id():
    """A path parameter that is a primary key: ``event_id: int = object_id()``."""
    return Path(..., ge=1, le=MAX_ID)


NUL_REFUSED_DESCRIPTION = "Bad request: the path, query or body contains a NUL character"


class EdufestAPI(NinjaAPI):
    """The site's API: every error comes out as ``ErrorOut`` — django-ninja's own ones too (422 for
    input that does not match the schema, 401/403 from the authentication, 404) — and every
    operation documents the 400 that ``cms.middleware.RefuseNullCharactersMiddleware`` gives to a
    request with a NUL character (``ErrorOut``, code ``null_character``), besides its own 400 if it
    has one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_exception_handler(ValidationError, self._validation_error)
        self.add_exception_handler(HttpError, self._http_error)
        self.add_exception_handler(Http404, self._not_found)

    def _validation_error(self, request, exc):
        return self.create_response(request, invalid_input(validation_fields(exc.errors)), status=422)

    def _http_error(self, request, exc):
        body = error(STATUS_CODES.get(exc.status_code, "error"), str(exc))
        return self.create_response(request, body, status=exc.status_code)

    def _not_found(self, request, exc):
        message = f"Not Found: {exc}" if settings.DEBUG else "Not Found"  # as django-ninja says it
        return self.create_response(request, error("not_found", message), status=404)

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        error_out = {"$ref": "#/components/schemas/ErrorOut"}
        schema.setdefault("components", {}).setdefault("schemas", {}).setdefault(
            "ErrorOut", ErrorOut.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                own = responses.get(400) or responses.get("400")
                if own is None:
                    responses[400] = {
                        "description": NUL_REFUSED_DESCRIPTION,
                        "content": {"application/json": {"schema": error_out}},
                    }
                    continue
                content = own.setdefault("content", {}).setdefault("application/json", {})
                existing = content.get("schema")
                if existing and existing != error_out:
                    content["schema"] = {"anyOf": [existing, error_out]}
                else:
                    content["schema"] = error_out
        return schema
