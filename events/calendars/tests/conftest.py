import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Tests never commit, so on-commit version bumps do not run: start every test with no cached feed."""
    cache.clear()
    yield
    cache.clear()
