import pytest
from django.test import RequestFactory

from cms.accounts.adapter import AccountAdapter
from cms.accounts.network import client_ip

PROXY = "10.0.0.2"


def request_from(remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.EDUFEST_TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    assert client_ip(request_from("198.51.100.7")) == "198.51.100.7"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.5", "203.0.113.5"),  # the one proxy appended what it saw
        (1, "1.2.3.4, 203.0.113.5", "203.0.113.5"),  # the client wrote 1.2.3.4 itself: ignored
        (1, "1.2.3.4,203.0.113.5", "203.0.113.5"),
        (2, "1.2.3.4, 203.0.113.5, 10.0.0.1", "203.0.113.5"),  # CDN, then our load balancer
        (1, "2001:db8::1", "2001:db8::1"),
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: not through all of them
        (1, "", PROXY),
        (1, "1.2.3.4, not-an-address", PROXY),
    ],
)
def test_with_trusted_proxies_the_client_is_the_nth_address_from_the_right(
    settings, count, forwarded, expected
):
    settings.EDUFEST_TRUSTED_PROXY_COUNT = count

    assert client_ip(request_from(PROXY, forwarded)) == expected


def test_login_rate_limits_key_on_the_same_address(settings):
    settings.EDUFEST_TRUSTED_PROXY_COUNT = 1

    assert AccountAdapter().get_client_ip(request_from(PROXY, "1.2.3.4, 203.0.113.5")) == "203.0.113.5"
