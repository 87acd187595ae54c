"""Every account mail allauth sends: natural Polish (and English), the site's name and SITE_URL's
host in the text, and links on SITE_URL whatever host the request came to."""

import re

import pytest
from django.core import mail

from .factories import TeacherFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Zielona-Gora-2026!"
SIGNUP = {
    "first_name": "Ewa",
    "last_name": "Kowalska",
    "email": "ewa.kowalska@example.org",
    "password1": PASSWORD,
    "password2": PASSWORD,
}
KEY = r"[\w:-]+"


@pytest.fixture(autouse=True)
def port_8200(settings):
    settings.SITE_URL = "http://127.0.0.1:8200"


def sent(client, django_capture_on_commit_callbacks, path, data, **headers):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, data, headers=headers)
    assert response.status_code == 302
    return mail.outbox[-1]


def test_signup_verification_mail_in_polish(client, django_capture_on_commit_callbacks):
    message = sent(client, django_capture_on_commit_callbacks, "/accounts/signup/", SIGNUP)

    assert message.subject == "[Edufest] Potwierdź swój adres e-mail"
    assert re.fullmatch(
        "Dzień dobry,\n\n"
        "Ktoś, zapewne Ty, założył konto w serwisie Edufest \\(127.0.0.1:8200\\), podając ten adres e-mail.\n\n"
        "Aby potwierdzić adres i dokończyć rejestrację, otwórz ten link:\n"
        f"http://127.0.0.1:8200/accounts/confirm-email/{KEY}/\n\n"
        "Jeśli to nie Ty, zignoruj tę wiadomość: bez potwierdzenia konto pozostanie nieaktywne.\n\n"
        "Zespół Edufest\n"
        "127.0.0.1:8200",
        message.body,
    ), message.body


def test_signup_verification_mail_in_english(client, django_capture_on_commit_callbacks):
    message = sent(client, django_capture_on_commit_callbacks, "/en/accounts/signup/", SIGNUP)

    assert message.subject == "[Edufest] Confirm your e-mail address"
    assert message.body.startswith(
        "Hello,\n\nSomeone, probably you, has signed up for Edufest (127.0.0.1:8200) with this e-mail address."
    )
    assert message.body.endswith("The Edufest team\n127.0.0.1:8200")


def test_links_in_account_mails_are_on_site_url_not_on_the_request_host(
    client, django_capture_on_commit_callbacks
):
    message = sent(
        client, django_capture_on_commit_callbacks, "/accounts/signup/", SIGNUP, host="localhost:8000"
    )

    assert "http://127.0.0.1:8200/accounts/confirm-email/" in message.body
    assert "localhost" not in message.body


def test_password_reset_mail_in_polish(client, django_capture_on_commit_callbacks):
    TeacherFactory(email="nauczyciel@example.org")

    message = sent(
        client,
        django_capture_on_commit_callbacks,
        "/accounts/password/reset/",
        {"email": "nauczyciel@example.org"},
    )

    assert message.subject == "[Edufest] Ustaw nowe hasło"
    assert re.fullmatch(
        "Dzień dobry,\n\n"
        "Ktoś, zapewne Ty, poprosił o zmianę hasła do Twojego konta w serwisie Edufest \\(127.0.0.1:8200\\).\n\n"
        "Aby ustawić nowe hasło, otwórz ten link:\n"
        f"http://127.0.0.1:8200/accounts/password/reset/key/{KEY}/\n\n"
        "Jeśli to nie Ty, zignoruj tę wiadomość: Twoje hasło pozostanie bez zmian.\n\n"
        "Zespół Edufest\n"
        "127.0.0.1:8200",
        message.body,
    ), message.body


def test_password_reset_for_an_unknown_address_says_there_is_no_account(
    client, django_capture_on_commit_callbacks
):
    message = sent(
        client, django_capture_on_commit_callbacks, "/accounts/password/reset/", {"email": "nikt@example.org"}
    )

    assert message.subject == "[Edufest] Nie mamy konta z tym adresem"
    assert message.body == (
        "Dzień dobry,\n\n"
        "Ktoś, zapewne Ty, poprosił o zmianę hasła dla adresu nikt@example.org w serwisie Edufest "
        "(127.0.0.1:8200), ale nie mamy konta z tym adresem.\n\n"
        "Aby założyć konto, zarejestruj się tutaj:\n"
        "http://127.0.0.1:8200/accounts/signup/\n\n"
        "Jeśli to nie Ty, zignoruj tę wiadomość.\n\n"
        "Zespół Edufest\n"
        "127.0.0.1:8200"
    )


def test_signing_up_again_with_a_known_address_says_the_account_exists(
    client, django_capture_on_commit_callbacks
):
    TeacherFactory(email="ewa.kowalska@example.org")

    message = sent(client, django_capture_on_commit_callbacks, "/accounts/signup/", SIGNUP)

    assert message.subject == "[Edufest] Masz już u nas konto"
    assert message.body == (
        "Dzień dobry,\n\n"
        "Ktoś, zapewne Ty, próbował założyć konto w serwisie Edufest (127.0.0.1:8200) z adresem "
        "ewa.kowalska@example.org, ale konto z tym adresem już istnieje.\n\n"
        "Jeśli nie pamiętasz hasła, ustaw nowe tutaj:\n"
        "http://127.0.0.1:8200/accounts/password/reset/\n\n"
        "Jeśli to nie Ty, zignoruj tę wiadomość.\n\n"
        "Zespół Edufest\n"
        "127.0.0.1:8200"
    )


def test_an_added_address_gets_a_confirmation_mail_in_polish(client, django_capture_on_commit_callbacks):
    teacher = TeacherFactory(email="ewa@example.org")
    client.force_login(teacher)

    message = sent(
        client,
        django_capture_on_commit_callbacks,
        "/accounts/email/",
        {"action_add": "", "email": "ewa.druga@example.org"},
    )

    assert message.to == ["ewa.druga@example.org"]
    assert message.subject == "[Edufest] Potwierdź swój adres e-mail"
    assert message.body.startswith(
        "Dzień dobry,\n\n"
        "Ten adres e-mail został dodany do konta w serwisie Edufest (127.0.0.1:8200).\n\n"
        "Aby potwierdzić adres, otwórz ten link:\n"
        "http://127.0.0.1:8200/accounts/confirm-email/"
    )
