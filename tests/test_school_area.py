"""The teacher's school area (``/szkola/``): sections given by events, contests and the jury through
``cms.hooks.SCHOOL_AREA``; the landing after login and after verifying the e-mail address."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.accounts import roles
from cms.tests.factories import StaffFactory, TeacherFactory
from contests.jury.models import Diploma
from contests.tests.factories import EntryFactory, SchoolFactory, make_contest
from events.edubus.tests.factories import StopFactory, VisitRequestFactory
from events.registration.models import Registration
from events.registration.tests.factories import GroupTicketTypeFactory, register_group

pytestmark = pytest.mark.django_db


def section_html(content, section_id):
    start = content.index(f'<section id="{section_id}"')
    return content[start : content.index("</section>", start)]


@pytest.fixture
def teacher(demo_site):
    return TeacherFactory(
        username="ewa", email="ewa.kowalska@example.org", first_name="Ewa", last_name="Kowalska"
    )


def test_the_school_area_needs_a_login(client, demo_site):
    response = client.get("/szkola/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_teacher_sees_each_registration_with_school_places_and_the_ticket(client, teacher):
    ticket_type = GroupTicketTypeFactory(capacity=100, max_group_size=30)
    group = register_group(
        ticket_type,
        1,
        pupils=22,
        adults=2,
        teacher=teacher,
        email=teacher.email,
        school_name="SP nr 5 w Opolu",
    )
    client.force_login(teacher)

    content = client.get("/szkola/").content.decode()

    classes = section_html(content, "klasy")
    assert '<h2 id="klasy-heading">Zapisy klas</h2>' in classes
    assert "SP nr 5 w Opolu" in classes
    assert "uczniowie: 22, opiekunowie: 2 (miejsca: 24)" in classes
    ticket_url = reverse("registration:ticket", args=[group.ticket.secret])
    assert f'<a href="{ticket_url}">Bilet' in classes
    assert client.get(ticket_url).status_code == 200
    assert f'action="{reverse("registration:change_size", args=[group.pk])}"' in classes
    assert f'name="r{group.pk}-pupils"' in classes and 'max="29"' in classes


def test_a_head_count_change_from_the_school_area_sends_a_confirmation(
    client, teacher, mailoutbox, django_capture_on_commit_callbacks
):
    ticket_type = GroupTicketTypeFactory(capacity=100, max_group_size=30)
    group = register_group(ticket_type, 1, pupils=20, adults=2, teacher=teacher, email=teacher.email)
    client.force_login(teacher)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registration:change_size", args=[group.pk]),
            {f"r{group.pk}-pupils": "18", f"r{group.pk}-adults": "3"},
        )

    assert response.status_code == 302
    assert response["Location"] == "/szkola/#klasy"
    group.refresh_from_db()
    assert (group.pupils, group.adults, group.places) == (18, 3, 21)
    assert [m.subject for m in mailoutbox] == [f"Zmiana liczby osób: {ticket_type.event.title}"]
    body = mailoutbox[0].body
    assert "Obecnie: uczniowie \u2013 18, opiekunowie \u2013 3 (miejsca: 21)." in body
    assert mailoutbox[0].to == [teacher.email]
    followed = client.get("/szkola/")
    assert "Liczba osób została zmieniona. Potwierdzenie wysłaliśmy e-mailem." in followed.content.decode()


def test_a_refused_head_count_change_shows_the_form_again_with_the_reason(client, teacher):
    ticket_type = GroupTicketTypeFactory(capacity=100, max_group_size=30)
    group = register_group(ticket_type, 1, pupils=20, adults=2, teacher=teacher, email=teacher.email)
    client.force_login(teacher)

    response = client.post(
        reverse("registration:change_size", args=[group.pk]),
        {f"r{group.pk}-pupils": "20", f"r{group.pk}-adults": "0"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["adults"] == [
        "Z klasą musi przyjechać co najmniej jeden dorosły opiekun."
    ]
    assert 'value="0"' in response.content.decode()
    group.refresh_from_db()
    assert group.adults == 2


def test_my_registrations_now_open_the_school_area(client, teacher):
    client.force_login(teacher)

    response = client.get("/zapisy/moje/")

    assert (response.status_code, response["Location"]) == (302, "/szkola/#klasy")


def test_contest_entries_show_their_school_and_status(client, teacher):
    school = SchoolFactory(name="Zespół Szkół nr 2 w Zgierzu", teachers=[teacher])
    EntryFactory(school=school, teacher=teacher, title="Mechatronik — zawód przyszłości")
    client.force_login(teacher)

    entries = section_html(client.get("/szkola/").content.decode(), "konkursy")

    assert '<h2 id="konkursy-heading">Zgłoszenia konkursowe</h2>' in entries
    assert "Mechatronik — zawód przyszłości" in entries
    assert "<td>Zespół Szkół nr 2 w Zgierzu</td>" in entries
    assert "<td>szkic</td>" in entries


def test_diplomas_appear_once_the_results_are_public(client, teacher):
    school = SchoolFactory(name="Zespół Szkół nr 2 w Zgierzu", teachers=[teacher])
    now = timezone.now()
    contest = make_contest(opens=now - datetime.timedelta(days=60), closes=now - datetime.timedelta(days=40))
    entry = EntryFactory(contest=contest, school=school, teacher=teacher, title="Mechatronik")
    diploma = Diploma.objects.create(
        entry=entry, kind=Diploma.Kind.LAUREATE, recipient="Jan Kowalski", achievement="I miejsce"
    )
    client.force_login(teacher)

    contest.results_published_at = now + datetime.timedelta(days=1)
    contest.save()
    assert 'id="dyplomy"' not in client.get("/szkola/").content.decode()

    contest.results_published_at = now - datetime.timedelta(days=1)
    contest.save()
    diplomas = section_html(client.get("/szkola/").content.decode(), "dyplomy")
    assert '<h2 id="dyplomy-heading">Dyplomy i zaświadczenia</h2>' in diplomas
    assert "<td>Jan Kowalski</td>" in diplomas
    assert "<td>Zespół Szkół nr 2 w Zgierzu</td>" in diplomas
    assert f'href="{reverse("jury:diploma_pdf", args=[diploma.code])}"' in diplomas


def test_edubus_requests_from_the_teachers_verified_address_are_listed(client, teacher):
    mine = VisitRequestFactory(contact_email="Ewa.Kowalska@example.org", institution="SP nr 2 w Nysie")
    VisitRequestFactory(contact_email="ktos.inny@example.org", institution="SP nr 9 w Brzegu")
    stop = StopFactory(request=mine)
    client.force_login(teacher)

    edubus = section_html(client.get("/szkola/").content.decode(), "edubus")

    assert '<h2 id="edubus-heading">Prośby o Edubus</h2>' in edubus
    assert "SP nr 2 w Nysie" in edubus
    assert "SP nr 9 w Brzegu" not in edubus
    assert f'href="{reverse("edubus:stop", args=[stop.pk])}"' in edubus
    assert f'href="{reverse("edubus:request")}">Zaproś Edubus do swojej szkoły</a>' in edubus


def test_the_school_area_query_count_does_not_grow_with_rows(client, teacher):
    ticket_type = GroupTicketTypeFactory(capacity=1000, max_group_size=30)
    school = SchoolFactory(teachers=[teacher])
    now = timezone.now()
    contest = make_contest(opens=now - datetime.timedelta(days=60), closes=now - datetime.timedelta(days=40))
    contest.results_published_at = now - datetime.timedelta(days=1)
    contest.save()
    client.force_login(teacher)

    def add_rows(n):
        register_group(ticket_type, n, teacher=teacher, email=teacher.email, school_name=f"SP {n}")
        entry = EntryFactory(contest=contest, school=school, teacher=teacher, title=f"Film {n}")
        Diploma.objects.create(
            entry=entry, kind=Diploma.Kind.THANKS, recipient="Ewa Kowalska", achievement="opieka"
        )
        VisitRequestFactory(contact_email=teacher.email, institution=f"SP {n}")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/szkola/").status_code == 200
        return len(queries.captured_queries)

    add_rows(1)
    count()  # warm the per-process caches
    few = count()
    for n in range(2, 6):
        add_rows(n)
    assert count() == few


def test_a_teacher_lands_in_the_school_area_after_login_and_staff_keep_their_landing(client, teacher):
    staff = StaffFactory(username="biuro", email="biuro@example.org")

    teacher_login = client.post(
        "/accounts/login/", {"login": teacher.email, "password": "correct-horse-battery"}
    )
    client.logout()
    staff_login = client.post("/accounts/login/", {"login": staff.email, "password": "correct-horse-battery"})

    assert teacher_login["Location"] == "/szkola/"
    assert staff_login["Location"] != "/szkola/"


def test_a_teacher_who_is_also_a_juror_keeps_the_jurors_landing(client, teacher):
    teacher.groups.add(Group.objects.get(name=roles.JUROR))

    response = client.post("/accounts/login/", {"login": teacher.email, "password": "correct-horse-battery"})

    assert response["Location"] != "/szkola/"


def test_a_next_address_still_wins_over_the_school_area(client, teacher):
    response = client.post(
        "/accounts/login/?next=/konkursy/", {"login": teacher.email, "password": "correct-horse-battery"}
    )

    assert response["Location"] == "/konkursy/"


def test_the_header_links_the_school_area_for_teachers_only(client, teacher):
    client.force_login(teacher)
    header = client.get("/o-nas/").content.decode()
    account_nav = re.search(r'<nav aria-label="Konto" class="account-nav">(.*?)</nav>', header, re.S).group(1)
    assert '<a href="/szkola/">Strefa szkoły</a>' in account_nav
    assert '<a href="/accounts/email/">Ustawienia konta</a>' in account_nav
    assert 'aria-current="page">Strefa szkoły</a>' in client.get("/szkola/").content.decode()

    client.force_login(StaffFactory(username="biuro", email="biuro@example.org"))
    staff_header = client.get("/o-nas/").content.decode()
    assert "Strefa szkoły" not in staff_header
    assert (
        '<a href="/konto/">Moje konto</a>' in staff_header
    )  # opens the admin for staff (tests/test_account_page.py)


def test_the_for_schools_page_links_sign_up_and_the_school_area(client, demo_site):
    content = client.get("/dla-szkol/").content.decode()

    assert '<a href="/accounts/signup/">Załóż konto nauczyciela</a>' in content
    assert '<a href="/szkola/">Strefa szkoły</a>' in content
    assert '<a href="/edubus/zaproszenie/">Zaproś Edubus</a>' in content


def test_a_cancelled_registration_has_no_ticket_and_no_head_count_form(client, teacher):
    ticket_type = GroupTicketTypeFactory(capacity=100, max_group_size=30)
    group = register_group(ticket_type, 1, teacher=teacher, email=teacher.email)
    Registration.objects.filter(pk=group.pk).update(status=Registration.Status.CANCELLED)
    client.force_login(teacher)

    classes = section_html(client.get("/szkola/").content.decode(), "klasy")

    assert 'data-status="cancelled"' in classes
    assert "change_size" not in classes and "liczba-osob" not in classes
    assert "/bilet/" not in classes


def test_a_new_teacher_lands_in_the_school_area_after_verifying_the_address(
    client, demo_site, mailoutbox, django_capture_on_commit_callbacks
):
    signup = {
        "first_name": "Ewa",
        "last_name": "Kowalska",
        "email": "ewa.nowa@example.org",
        "password1": "Zielona-Gora-2026!",
        "password2": "Zielona-Gora-2026!",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/accounts/signup/", signup)
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", mailoutbox[-1].body).group(1)

    confirmed = client.post(link)

    assert (confirmed.status_code, confirmed["Location"]) == (302, "/szkola/")
    area = client.get("/szkola/").content.decode()
    assert "<h1>Strefa szkoły</h1>" in area
    assert '<h2 id="klasy-heading">Zapisy klas</h2>' in area
