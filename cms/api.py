"""Schemas shared by every router of the JSON API (mounted at /api/v1/ by site/urls.py)."""

from ninja import Path, Schema

# Primary keys are PostgreSQL bigints: a larger number is a 422, not a database error.
MAX_ID = 2**63 - 1


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(Schema):
    """Every 4xx answer: ``detail`` is a message, or a list of field errors (as django-ninja gives
    for input that does not match the schema)."""

    detail: list[FieldError] | str
    code: str = ""


# The answers any authenticated staff endpoint may give besides its 200.
STAFF_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def object_id():
    """A path parameter that is a primary key: ``event_id: int = object_id()``."""
    return Path(..., ge=1, le=MAX_ID)
