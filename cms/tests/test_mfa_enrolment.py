"""Adding the first authenticator to a staff-like account needs the one-time link mailed to it."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core.management import call_command
from django.utils import timezone

from cms.accounts import services
from cms.accounts.models import MFAEnrolmentLink
from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory, TeacherFactory, current_totp_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ACTIVATE = "/accounts/2fa/totp/activate/"


def sign_in(client, user):
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk), response
    return response


def new_staff(email="nowa.pracownica@example.org"):
    staff = StaffFactory(mfa=False, email=email)
    EmailAddress.objects.get_or_create(user=staff, email=email, defaults={"verified": True, "primary": True})
    return staff


def mails_to(address):
    return [mail for mail in OutgoingEmail.objects.order_by("pk") if address in mail.to]


def link_in(mail):
    return re.search(r"http://\S+/(?:en/)?konto/uwierzytelnianie/\S+/", mail.body_text).group(0)


def test_the_password_alone_cannot_add_an_authenticator_to_a_staff_account(client, demo_site):
    staff = new_staff()
    sign_in(client, staff)

    page = client.get(ACTIVATE)
    posted = client.post(ACTIVATE, {"code": "123456"})

    assert page.status_code == 302
    assert page["Location"] == "/accounts/2fa/"
    assert posted["Location"] == "/accounts/2fa/"
    assert not Authenticator.objects.filter(user=staff).exists()
    follow = client.get("/accounts/2fa/")
    assert "jednorazowego linku" in follow.content.decode()


def test_staff_send_an_enrolment_link_and_the_owner_adds_an_authenticator_with_it(
    client, demo_site, django_capture_on_commit_callbacks
):
    admin = StaffFactory(email="koordynatorka@example.org")
    staff = new_staff()
    client.force_login(admin)

    listing = client.get("/admin/two-factor/")
    sent = client.post(f"/admin/two-factor/{staff.pk}/send/")

    assert listing.status_code == 200
    assert staff.email in listing.content.decode()
    assert admin.email not in listing.content.decode()
    assert sent.status_code == 302
    [mail] = mails_to(staff.email)
    assert mail.subject == "Skonfiguruj uwierzytelnianie dwuskładnikowe konta Edufest"
    url = link_in(mail)

    client.logout()
    sign_in(client, staff)
    path = url.split("http://testserver", 1)[-1].split("http://127.0.0.1:8000", 1)[-1]
    confirm = client.get(path)
    assert confirm.status_code == 200
    assert not MFAEnrolmentLink.objects.get().used_at
    redeemed = client.post(path)
    assert redeemed.status_code == 302
    assert redeemed["Location"] == ACTIVATE

    reauthenticate = client.get(ACTIVATE)
    if reauthenticate.status_code == 302:
        client.post(reauthenticate["Location"], {"password": PASSWORD})
    assert client.get(ACTIVATE).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):
        activated = client.post(ACTIVATE, {"code": current_totp_code(secret)})

    assert activated.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    subjects = [mail.subject for mail in mails_to(staff.email)]
    assert subjects[1:] == ["[Edufest] Aplikacja uwierzytelniająca aktywowana"]
    assert client.get("/admin/").status_code == 200


def test_an_enrolment_link_works_once_and_only_for_its_own_account(client, demo_site):
    staff = new_staff()
    other = new_staff("inny@example.org")
    url = services.issue_mfa_enrolment_link(user=staff)
    path = "/" + url.split("/", 3)[3]

    sign_in(client, other)
    assert client.post(path).status_code == 400
    client.logout()
    sign_in(client, staff)
    assert client.post(path).status_code == 302
    client.logout()
    sign_in(client, staff)
    again = client.post(path)

    assert again.status_code == 400
    assert "Link jest nieważny" in again.content.decode()


def test_a_new_link_replaces_the_old_and_links_expire(client, demo_site):
    staff = new_staff()
    old = services.issue_mfa_enrolment_link(user=staff)
    new = services.issue_mfa_enrolment_link(user=staff)
    expired = services.issue_mfa_enrolment_link(user=staff, now=timezone.now() - datetime.timedelta(hours=73))

    sign_in(client, staff)

    assert client.post("/" + old.split("/", 3)[3]).status_code == 400
    assert client.post("/" + expired.split("/", 3)[3]).status_code == 400
    assert client.post("/" + new.split("/", 3)[3]).status_code == 400  # replaced by the expired one


def test_the_enrolment_link_page_needs_a_signed_in_account(client, demo_site):
    staff = new_staff()
    url = services.issue_mfa_enrolment_link(user=staff)
    path = "/" + url.split("/", 3)[3]

    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_only_staff_see_who_has_not_enrolled_and_teachers_are_not_listed(client, demo_site):
    teacher = TeacherFactory(email="nauczyciel@example.org")
    new_staff()
    client.force_login(teacher)
    refused = client.get("/admin/two-factor/")
    client.force_login(StaffFactory())
    listing = client.get("/admin/two-factor/").content.decode()

    assert refused.status_code in (302, 403)
    assert "nowa.pracownica@example.org" in listing
    assert "nauczyciel@example.org" not in listing


def test_the_command_prints_a_working_link_for_a_new_servers_first_administrator(capsys, demo_site):
    staff = new_staff()

    call_command("mfa_enrolment_link", staff.email)

    assert "/konto/uwierzytelnianie/" in capsys.readouterr().out
    assert MFAEnrolmentLink.objects.filter(user=staff, used_at=None).count() == 1


def test_a_password_change_is_told_to_the_owner(client, demo_site):
    teacher = TeacherFactory(email="nauczyciel@example.org")
    teacher.set_password(PASSWORD)
    teacher.save()
    sign_in(client, teacher)

    client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "Nowe-Haslo-2026!", "password2": "Nowe-Haslo-2026!"},
    )

    assert [mail.subject for mail in mails_to(teacher.email)][-1].startswith("[Edufest]")
    assert "hasło" in mails_to(teacher.email)[-1].subject.lower()
