import pytest


@pytest.fixture
def notices(db):
    """Version 1 of every purpose's notice, as the demo content seeds it."""
    from cms.privacy import demo

    return {version.purpose: version for version in demo.ensure_first_versions()}


@pytest.fixture
def staff_client(client):
    from cms.tests.factories import StaffFactory

    client.force_login(StaffFactory(username="staff", email="staff@example.org"))
    return client


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """The request form's limits live in the cache, which outlives a test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
