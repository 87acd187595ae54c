"""Accounts: the allauth adapter and sign-up form, sign-in hardening (axes, MFA enforcement and
enrolment links), roles, trusted proxies (client address) and the shared rate limiter."""
