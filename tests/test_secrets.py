"""Secrets in links and codes: CSPRNG, at least 128 bits, found without timing leaks; signed links expire."""

import base64
import datetime
import math
import types

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.core import signing

from cms.tests.factories import TeacherFactory
from contests.jury import services as jury_services
from contests.jury.models import new_code as new_diploma_code
from contests.models import Extension, new_extension_code
from contests.services import ContestError, redeem_extension
from contests.tests.factories import SchoolFactory, make_contest
from events.checkin.tests.factories import RegistrationFactory
from events.registration import queries as registration_queries
from events.registration.models import new_secret

pytestmark = pytest.mark.django_db

SAMPLES = 2000


def urlsafe_bits(token):
    """Bits carried by a token_urlsafe string (6 per character, as secrets documents)."""
    return len(token) * 6


def _distinct(generate):
    values = [generate() for _ in range(SAMPLES)]
    assert len(set(values)) == SAMPLES
    return values


def test_ticket_secret_and_cancel_link_carry_256_bits():
    values = _distinct(new_secret)

    assert {len(value) for value in values} == {43}
    assert len(base64.urlsafe_b64decode(values[0] + "=")) == 32
    registration = RegistrationFactory()
    assert urlsafe_bits(registration.cancel_token) >= 256
    assert urlsafe_bits(registration.ticket.secret) >= 256
    assert registration.cancel_token != registration.ticket.secret


def test_ticket_is_found_only_by_its_exact_secret():
    ticket = RegistrationFactory().ticket

    assert registration_queries.ticket_by_secret(ticket.secret) == ticket
    assert registration_queries.ticket_by_secret(ticket.secret.upper()) is None
    assert registration_queries.ticket_by_secret(ticket.secret[:-1]) is None
    assert registration_queries.ticket_by_secret("x" * 10_000) is None


def test_diploma_code_carries_128_bits():
    values = _distinct(new_diploma_code)

    assert {len(value) for value in values} == {22}
    assert len(base64.urlsafe_b64decode(values[0] + "==")) == 16


def test_extension_code_carries_130_bits_in_letters_and_digits_easy_to_type():
    values = _distinct(new_extension_code)

    assert {len(value) for value in values} == {26}
    assert all(set(value) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for value in values)
    assert 26 * math.log2(32) == 130


def test_extension_code_is_accepted_with_spaces_dashes_and_small_letters():
    teacher = TeacherFactory()
    school = SchoolFactory(teachers=[teacher])
    contest = make_contest()
    extension = Extension.objects.create(
        contest=contest, school=school, closes_at=contest.submissions_close_at + datetime.timedelta(days=3)
    )
    typed = "-".join(extension.code[i : i + 5] for i in range(0, 26, 5)).lower()

    assert redeem_extension(code=f" {typed} ", school=school, user=teacher) == extension
    with pytest.raises(ContestError):
        redeem_extension(code=extension.code[:-1], school=school, user=teacher)


def _signed_in_the_past(monkeypatch, days, make):
    """Run ``make()`` as if it were ``days`` days ago for Django's signing (the clock of links)."""
    past = signing.time.time() - days * 24 * 3600
    monkeypatch.setattr(signing, "time", types.SimpleNamespace(time=lambda: past))
    try:
        return make()
    finally:
        monkeypatch.undo()


def test_email_verification_link_expires_after_three_days(monkeypatch):
    user = TeacherFactory(verified=False)
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    fresh = EmailConfirmationHMAC(address).key
    old = _signed_in_the_past(monkeypatch, 3.01, lambda: EmailConfirmationHMAC(address).key)

    assert settings.ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS == 3
    assert EmailConfirmationHMAC.from_key(fresh).email_address == address
    assert EmailConfirmationHMAC.from_key(old) is None


def test_password_reset_link_expires_after_a_day(monkeypatch):
    user = TeacherFactory()
    fresh = default_token_generator.make_token(user)
    monkeypatch.setattr(
        default_token_generator,
        "_now",
        lambda: datetime.datetime.now() - datetime.timedelta(hours=24, minutes=1),
    )
    old = default_token_generator.make_token(user)
    monkeypatch.undo()

    assert settings.PASSWORD_RESET_TIMEOUT == 24 * 3600
    assert default_token_generator.check_token(user, fresh) is True
    assert default_token_generator.check_token(user, old) is False


def test_public_vote_confirmation_link_expires_after_three_days(monkeypatch):
    fresh = signing.dumps(7, salt=jury_services.VOTE_SALT)
    old = _signed_in_the_past(monkeypatch, 3.01, lambda: signing.dumps(7, salt=jury_services.VOTE_SALT))

    with pytest.raises(jury_services.JuryError, match="wygasł"):
        jury_services.confirm_public_vote(token=old)
    with pytest.raises(jury_services.JuryError):
        jury_services.confirm_public_vote(token=fresh[:-1] + ("A" if fresh[-1] != "A" else "B"))
    assert signing.loads(fresh, salt=jury_services.VOTE_SALT, max_age=3 * 24 * 3600) == 7
