"""Security headers on public responses (CSP without inline scripts, nosniff, referrer policy)."""

import pytest


@pytest.mark.parametrize(
    "path", ["/", "/o-nas/", "/accounts/login/", "/en/accounts/signup/", "/healthz", "/nope/"]
)
def test_public_responses_carry_security_headers(client, demo_site, path):
    response = client.get(path)

    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if " " in part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
