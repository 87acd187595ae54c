import re

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from cms.accounts import roles
from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory, UserFactory

SIGNUP = {
    "first_name": "Ewa",
    "last_name": "Kowalska",
    "email": "ewa.kowalska@example.org",
    "password1": "Zielona-Gora-2026!",
    "password2": "Zielona-Gora-2026!",
}


def _confirmation_link(message):
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s/]+/", message.body).group(0)


def test_teacher_signs_up_and_verification_mail_goes_through_outbox(
    client, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/signup/", SIGNUP)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = get_user_model().objects.get(email="ewa.kowalska@example.org")
    assert (user.first_name, user.last_name) == ("Ewa", "Kowalska")
    assert list(user.groups.values_list("name", flat=True)) == [roles.SCHOOL_COORDINATOR]
    assert OutgoingEmail.objects.get().status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ewa.kowalska@example.org"]


def test_unverified_teacher_cannot_log_in_until_link_is_followed(
    client, demo_site, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", SIGNUP)
    client.logout()
    login = {"login": SIGNUP["email"], "password": SIGNUP["password1"]}

    before = client.post("/accounts/login/", login)
    assert before["Location"] == "/accounts/confirm-email/"

    link = _confirmation_link(mail.outbox[-1])
    path = link.split("://", 1)[1].split("/", 1)[1]
    confirmed = client.post("/" + path)
    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/szkola/"  # a teacher lands in the school area
    assert EmailAddress.objects.get(email=SIGNUP["email"]).verified is True

    client.logout()
    after = client.post("/accounts/login/", login)
    assert after.status_code == 302
    assert after["Location"] == "/szkola/"


def test_signup_errors_are_polish_and_keep_typed_values(client, demo_site):
    response = client.post(
        "/accounts/signup/", {**SIGNUP, "password2": "inne-haslo-123", "email": "zly-adres"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Wprowadź poprawny adres email." in content or "Podaj poprawny adres e-mail." in content
    assert 'value="Kowalska"' in content
    assert 'aria-invalid="true"' in content


def test_password_reset_mail_is_sent(client, demo_site, django_capture_on_commit_callbacks):
    UserFactory(username="nauczyciel", email="nauczyciel@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/password/reset/", {"email": "nauczyciel@example.org"})

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["nauczyciel@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[-1].body


def test_mfa_page_is_available_to_logged_in_staff(client, demo_site):
    client.force_login(StaffFactory())

    response = client.get("/accounts/2fa/")

    assert response.status_code == 200
