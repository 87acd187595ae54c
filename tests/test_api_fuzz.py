"""The public API fuzzed with schemathesis against its own OpenAPI document.

Every operation in /api/v1/openapi.json gets generated requests (valid and invalid), sent through
the real WSGI application on the test database, twice: anonymous and as staff with a bearer token.
The checks: no 5xx, status codes and bodies as documented, content type as documented.
Under ``CI=true`` (``.ci/run``) it insists on PostgreSQL, where text with NUL characters and
out-of-range numbers fail in ways SQLite never shows.
"""

import os

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from wagtail.models import APIToken

from events.checkin.tests.factories import CheckInListFactory, TicketFactory, staff_user
from events.edubus.tests.factories import StopFactory
from events.feedback.tests.factories import attach as attach_survey
from events.feedback.tests.factories import full_survey
from events.registration.tests.factories import TicketTypeFactory
from events.tests.factories import ZoneFactory
from urls import api

pytestmark = pytest.mark.django_db

EXAMPLES = 25
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def api_data():
    """Real rows for the generated ids to land on now and then (ids 1..n exist in a fresh test db)."""
    ticket = TicketFactory()
    TicketTypeFactory(event=ticket.registration.event, capacity=5)
    CheckInListFactory(event=ticket.registration.event)
    ZoneFactory(page=ticket.registration.event)
    StopFactory()
    attach_survey(event=ticket.registration.event, survey=full_survey())
    _token, plain = APIToken.create_token(user=staff_user(), name="fuzz")
    return {"token": plain}


@pytest.fixture
def api_schema(api_data, settings):
    # The WSGI handler closes "old" connections at each request; in a test transaction that would
    # drop the connection that holds the test data (Django's test client disconnects it the same way).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    settings.EDUFEST_API_RATE_LIMIT = 0
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


OPERATIONS = [
    (method.upper(), path)
    for path, methods in api.get_openapi_schema()["paths"].items()
    for method in methods
]


@pytest.mark.parametrize("as_staff", [False, True], ids=["anonymous", "staff"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_api_operation_answers_as_documented(api_schema, api_data, method, path, as_staff):
    if os.environ.get("CI") == "true":  # .ci/run: the fuzz must meet PostgreSQL, whose errors SQLite lacks
        assert connection.vendor == "postgresql", "CI runs the API fuzz on PostgreSQL (set DATABASE_URL)"
    headers = {"Authorization": f"Bearer {api_data['token']}"} if as_staff else {}

    @given(case=api_schema[path][method].as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def fuzz(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    fuzz()
