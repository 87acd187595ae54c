"""Schemas shared by every router of the JSON API (mounted at /api/v1/ by site/urls.py)."""

from ninja import NinjaAPI, Path, Schema

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


NUL_REFUSED_DESCRIPTION = "Bad request: the path, query or body contains a NUL character"


class EdufestAPI(NinjaAPI):
    """The site's API: every operation documents the 400 that ``cms.middleware.
    RefuseNullCharactersMiddleware`` gives to a request with a NUL character (``ErrorOut``, code
    ``null_character``), besides its own 400 if it has one."""

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
