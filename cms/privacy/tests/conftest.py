import pytest
from django.core.cache import cache

from cms.privacy import demo
from cms.tests.factories import StaffFactory


@pytest.fixture
def notices(db):
    """Version 1 of every purpose's notice, as the demo content seeds it."""
    return {version.purpose: version for version in demo.ensure_first_versions()}


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(username="staff", email="staff@example.org"))
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The request form's limits live in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()
