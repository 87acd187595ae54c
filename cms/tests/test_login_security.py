"""Brute force on the login (django-axes + allauth's rate limits) and MFA for staff and jurors."""

import datetime
import importlib
import json
import re

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from wagtail.models import APIToken

from cms.accounts import roles
from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory, TeacherFactory, UserFactory, add_totp

pytestmark = pytest.mark.django_db

SCHOOL_IP = "203.0.113.7"
PASSWORD = "correct-horse-battery"


def login(client, email, password, ip=SCHOOL_IP):
    return client.post("/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=ip)


def test_lockout_parameters_are_user_and_address_with_a_fifteen_minute_cool_off():
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"


def test_five_failed_logins_lock_that_account_from_that_address_with_a_polish_page(client, demo_site):
    anna = TeacherFactory(email="anna@example.org")

    answers = [login(client, anna.email, "wrong-password") for _ in range(5)]
    locked = login(client, anna.email, PASSWORD)

    assert [answer.status_code for answer in answers[:4]] == [200, 200, 200, 200]
    assert answers[4].status_code == 429
    assert locked.status_code == 429
    content = locked.content.decode()
    assert "Zbyt wiele nieudanych logowań" in content
    assert "15 minut" in content
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get().username == "anna@example.org"


def test_lockout_counts_the_email_case_insensitively(client, demo_site):
    anna = TeacherFactory(email="anna@example.org")

    for login_as in ("anna@example.org", "ANNA@example.org", " Anna@Example.org", "anna@EXAMPLE.ORG"):
        login(client, login_as, "wrong-password")
    last = login(client, "Anna@example.org", "wrong-password")

    assert last.status_code == 429
    assert login(client, anna.email, PASSWORD).status_code == 429


def test_another_user_from_the_same_school_address_still_logs_in(client, demo_site):
    anna = TeacherFactory(email="anna@example.org")
    bartek = TeacherFactory(email="bartek@example.org")
    for _ in range(5):
        login(client, anna.email, "wrong-password")

    response = login(client, bartek.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(bartek.pk)


def test_the_locked_account_still_logs_in_from_another_address(client, demo_site):
    anna = TeacherFactory(email="anna@example.org")
    for _ in range(5):
        login(client, anna.email, "wrong-password")

    response = login(client, anna.email, PASSWORD, ip="198.51.100.20")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_after_the_cool_off_the_account_logs_in_again_from_the_same_address(client, demo_site):
    anna = TeacherFactory(email="anna@example.org")
    for _ in range(5):
        login(client, anna.email, "wrong-password")
    assert login(client, anna.email, PASSWORD).status_code == 429

    attempt = AccessAttempt.objects.get()
    attempt.attempt_time -= datetime.timedelta(minutes=15, seconds=1)
    attempt.save()
    response = login(client, anna.email, PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/login/"])
def test_admin_logins_go_to_the_one_protected_login(client, path):
    response = client.get(path + "?next=/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/admin/pages/"


@pytest.fixture
def production_rate_limits(settings):
    settings.ACCOUNT_RATE_LIMITS = importlib.import_module("settings.base").ACCOUNT_RATE_LIMITS
    cache.clear()
    yield
    cache.clear()


def login_code_from_outbox(address):
    mails = [mail for mail in OutgoingEmail.objects.order_by("-pk") if address in mail.to]
    assert mails, "no login code was mailed"
    mail = mails[0]
    return mail.subject, re.search(r"^\s*([A-Z0-9][A-Z0-9-]{4,14})\s*$", mail.body_text, re.MULTILINE).group(
        1
    )


def test_guessing_one_account_from_many_addresses_never_logs_in_without_the_mailbox(
    client, demo_site, production_rate_limits
):
    anna = TeacherFactory(email="anna@example.org")

    for number in range(5):
        login(client, anna.email, "wrong-password", ip=f"198.51.100.{number + 1}")
    guessed = login(client, anna.email, PASSWORD, ip="198.51.100.99")

    assert guessed.status_code == 302
    assert guessed["Location"] == "/accounts/login/code/confirm/"
    assert "_auth_user_id" not in client.session


def test_the_owner_still_logs_in_with_the_right_password_and_a_mailed_code_after_others_guessed(
    client, demo_site, production_rate_limits
):
    anna = TeacherFactory(email="anna@example.org")
    for number in range(5):
        login(client, anna.email, "wrong-password", ip=f"198.51.100.{number + 1}")

    answer = login(client, anna.email, PASSWORD, ip="192.0.2.50")
    subject, code = login_code_from_outbox(anna.email)
    confirmed = client.post("/accounts/login/code/confirm/", {"code": code}, REMOTE_ADDR="192.0.2.50")

    assert answer["Location"] == "/accounts/login/code/confirm/"
    assert "kod" in subject.lower()
    assert confirmed.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_a_wrong_password_is_still_refused_while_the_account_is_under_attack(
    client, demo_site, production_rate_limits
):
    anna = TeacherFactory(email="anna@example.org")
    for number in range(5):
        login(client, anna.email, "wrong-password", ip=f"198.51.100.{number + 1}")

    answer = login(client, anna.email, "another-guess", ip="198.51.100.77")

    assert answer.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "login/code" not in answer.get("Location", "")


def test_below_the_account_limit_the_right_password_logs_in_without_a_code(
    client, demo_site, production_rate_limits
):
    anna = TeacherFactory(email="anna@example.org")
    for number in range(4):
        login(client, anna.email, "wrong-password", ip=f"198.51.100.{number + 1}")

    answer = login(client, anna.email, PASSWORD, ip="198.51.100.99")

    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(anna.pk)


def test_one_address_past_its_limit_is_refused_for_every_account(client, demo_site, production_rate_limits):
    accounts = [TeacherFactory(email=f"t{number}@example.org") for number in range(11)]
    for account in accounts[:10]:
        login(client, account.email, "wrong-password", ip="198.51.100.5")

    refused = login(client, accounts[10].email, PASSWORD, ip="198.51.100.5")

    assert refused.status_code == 200
    assert "Zbyt wiele nieudanych prób logowania" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_rate_limits_and_lockouts_live_in_storage_every_process_shares():
    base = importlib.import_module("settings.base")

    assert base.ACCOUNT_RATE_LIMITS["login_failed"] == "10/m/ip"
    assert base.ACCOUNT_RATE_LIMITS["login_failed_account"] == "5/5m/key"
    assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


# MFA for staff and jurors


def staff_without_mfa(**kwargs):
    return StaffFactory(mfa=False, **kwargs)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/registrations/",
        "/admin/reach/",
        "/django-admin/",
        "/skaner/",
        "/en/skaner/",
        "/jury/",
    ],
)
def test_staff_without_an_authenticator_is_sent_to_set_one_up(client, demo_site, path):
    client.force_login(staff_without_mfa())

    response = client.get(path)

    english = path.startswith("/en/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/2fa/?next=" if english else "/accounts/2fa/?next=")
    follow = client.get(response["Location"])
    assert follow.status_code == 200
    expected = (
        "needs two-factor authentication" if english else "potrzebuje uwierzytelniania dwuskładnikowego"
    )
    assert expected in follow.content.decode()


@pytest.mark.parametrize("role", [roles.JUROR, roles.EDUBUS_COORDINATOR])
def test_jurors_and_edubus_coordinators_need_an_authenticator_too(client, demo_site, role):
    client.force_login(UserFactory(roles=[role]))

    assert client.get("/jury/")["Location"].startswith("/accounts/2fa/")
    assert client.get("/admin/edubus/requests/")["Location"].startswith("/accounts/2fa/")


def test_superuser_without_an_authenticator_is_sent_to_set_one_up(client, demo_site):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert client.get("/admin/")["Location"] == "/accounts/2fa/?next=%2Fadmin%2F"


def test_public_pages_and_account_pages_stay_open_without_an_authenticator(client, demo_site):
    client.force_login(staff_without_mfa())

    assert client.get("/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200
    # Adding the first authenticator needs the mailed one-time link (cms/tests/test_mfa_enrolment.py).
    assert client.get("/accounts/2fa/totp/activate/")["Location"] == "/accounts/2fa/"
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_staff_with_totp_reaches_the_admin_and_the_scanner(client, demo_site):
    client.force_login(StaffFactory())

    assert client.get("/admin/").status_code == 200
    assert client.get("/skaner/").status_code == 200


def test_setting_up_totp_lets_the_staff_member_through(client, demo_site):
    staff = staff_without_mfa()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 302

    add_totp(staff)

    assert Authenticator.objects.filter(user=staff).count() == 1
    assert client.get("/admin/").status_code == 200


def test_recovery_codes_alone_do_not_count_as_an_authenticator(client, demo_site):
    staff = staff_without_mfa()
    Authenticator.objects.create(user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"})
    client.force_login(staff)

    assert client.get("/admin/").status_code == 302


def test_teachers_do_not_need_an_authenticator(client, demo_site):
    client.force_login(TeacherFactory())

    assert client.get("/szkola/").status_code == 200
    my_registrations = client.get("/zapisy/moje/")  # now a section of the school area
    assert (my_registrations.status_code, my_registrations["Location"]) == (302, "/szkola/#klasy")


def test_staff_api_by_session_without_an_authenticator_is_refused(client, demo_site):
    client.force_login(staff_without_mfa())

    response = client.get("/api/v1/checkin/lists")

    assert response.status_code == 403
    assert "uwierzytelniania dwuskładnikowego" in response.json()["message"]


def test_scanner_bearer_token_api_is_not_affected(client, demo_site):
    staff = staff_without_mfa()
    _token, plain = APIToken.create_token(user=staff, name="skaner")

    response = client.get("/api/v1/checkin/lists", HTTP_AUTHORIZATION=f"Bearer {plain}")

    assert response.status_code == 200
    assert json.loads(response.content) == []


def test_mfa_requirement_can_be_switched_off(client, demo_site, settings):
    settings.EDUFEST_MFA_REQUIRED = False
    client.force_login(staff_without_mfa())

    assert client.get("/admin/").status_code == 200
