"""The WZK roster: import from CSV/XLSX, the admin list and form, inviting members to sign in,
the member's area, erasure and retention, and the demo roster."""

import datetime
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from cms import demo as cms_demo
from cms.tests.factories import StaffFactory, UserFactory
from events.wzk import demo, privacy, retention, services
from events.wzk.models import ANONYMISED_DOMAIN, Member, MemberRole, Minutes, Pillar, Substitute

from .factories import InvitationFactory, MeetingFactory, MemberFactory, MinutesFactory

pytestmark = pytest.mark.django_db

HEADER = "imię;nazwisko;e-mail;instytucja;filar;funkcja;kadencja od;kadencja do;numer uchwały;data uchwały;powiat;gmina"
ROW_ANNA = "Anna;Kowalska;Anna.Kowalska@example.org;WUP;edukacja;członek;01.01.2026;31.12.2029;XII/1/2025;15.12.2025;1261;"
ROW_JAN = (
    "Jan;Wiśniewski;jan.wisniewski@example.org;Izba Rzemiosła;Dialog społeczny;przewodniczący;2026-01-01;;;;;"
)


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def csv_file(*lines, name="sklad.csv"):
    return SimpleUploadedFile(name, "\n".join(lines).encode("utf-8"), content_type="text/csv")


def xlsx_file(rows, name="sklad.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def preview_and_confirm(client, upload):
    preview = client.post("/admin/wzk/sklad/import/", {"file": upload})
    assert preview.status_code == 200
    confirm = preview.context["confirm"]
    assert confirm is not None, preview.context["invalid"]
    return client.post("/admin/wzk/sklad/import/", {"rows": confirm.initial["rows"]})


# ---- Import -----------------------------------------------------------------------------------


def test_csv_import_previews_without_saving_then_adds_on_confirmation(staff_client):
    preview = staff_client.post("/admin/wzk/sklad/import/", {"file": csv_file(HEADER, ROW_ANNA, ROW_JAN)})

    assert preview.status_code == 200
    assert [row.number for row in preview.context["rows"]] == [2, 3]
    assert Member.objects.count() == 0

    done = staff_client.post("/admin/wzk/sklad/import/", {"rows": preview.context["confirm"].initial["rows"]})

    assert done.status_code == 200
    assert [len(done.context["summary"].added), len(done.context["summary"].updated)] == [1 + 1, 0]
    anna = Member.objects.get(email="anna.kowalska@example.org")
    assert (anna.pillar, anna.role, anna.term_from, anna.term_to) == (
        Pillar.EDUCATION,
        MemberRole.MEMBER,
        datetime.date(2026, 1, 1),
        datetime.date(2029, 12, 31),
    )
    assert (anna.resolution_number, anna.resolution_date, anna.county) == (
        "XII/1/2025",
        datetime.date(2025, 12, 15),
        "1261",
    )
    jan = Member.objects.get(email="jan.wisniewski@example.org")
    assert (jan.pillar, jan.role, jan.term_to) == (Pillar.SOCIAL_DIALOGUE, MemberRole.CHAIR, None)


def test_xlsx_import_reads_dates_and_polish_pillar_names(staff_client):
    rows = [
        ["imię", "nazwisko", "e-mail", "instytucja", "filar", "funkcja", "kadencja od", "kadencja do"],
        [
            "Ewa",
            "Nowak",
            "ewa@example.org",
            "UM",
            "fundusze europejskie",
            "",
            datetime.datetime(2026, 2, 1),
            None,
        ],
        [
            "Olga",
            "Lis",
            "olga@example.org",
            "ARR",
            "Zarządzanie strategiczne",
            "wiceprzewodnicząca",
            "01.02.2026",
            "",
        ],
        ["Piotr", "Mak", "piotr@example.org", "Izba", "gospodarka", "sekretarz", "2026-02-01", ""],
    ]

    done = preview_and_confirm(staff_client, xlsx_file(rows))

    assert done.status_code == 200
    assert sorted(Member.objects.values_list("email", "pillar", "role", "term_from")) == [
        ("ewa@example.org", "eu_funds", "member", datetime.date(2026, 2, 1)),
        ("olga@example.org", "strategy", "vice_chair", datetime.date(2026, 2, 1)),
        ("piotr@example.org", "economy", "secretary", datetime.date(2026, 2, 1)),
    ]


def test_import_errors_name_row_and_column_in_polish_and_keep_nothing(staff_client):
    bad = "Ola;;ola(at)example.org;WUP;kultura;członek;31.02.2026;;;;;"
    backwards = "Ela;Sowa;ela@example.org;WUP;edukacja;;01.06.2026;01.01.2026;;;;"

    preview = staff_client.post(
        "/admin/wzk/sklad/import/", {"file": csv_file(HEADER, ROW_ANNA, bad, backwards)}
    )

    assert preview.context["confirm"] is None
    errors = {row.number: row.errors for row in preview.context["rows"]}
    assert errors[2] == []
    assert errors[3] == [
        ("nazwisko", "To pole jest wymagane."),
        ("e-mail", "„ola(at)example.org” nie jest poprawnym adresem e-mail."),
        (
            "filar",
            "Nieznany filar „kultura”: użyj jednego z: edukacja, gospodarka, zarządzanie strategiczne, "
            "fundusze europejskie, dialog społeczny.",
        ),
        ("kadencja od", "„31.02.2026” nie jest datą (użyj DD.MM.RRRR lub RRRR-MM-DD)."),
    ]
    assert errors[4] == [("kadencja do", "Kadencja nie może się skończyć przed początkiem.")]
    assert "Wiersz 3, kolumna „nazwisko”: To pole jest wymagane." in preview.content.decode()
    assert Member.objects.count() == 0


def test_a_file_without_required_columns_is_refused(staff_client):
    preview = staff_client.post(
        "/admin/wzk/sklad/import/", {"file": csv_file("imię;nazwisko", "Anna;Kowalska")}
    )

    assert preview.context["form"].errors["file"] == ["Brak kolumn: e-mail, instytucja, filar, kadencja od."]
    assert Member.objects.count() == 0


def test_importing_the_same_file_twice_updates_instead_of_duplicating(staff_client):
    preview_and_confirm(staff_client, csv_file(HEADER, ROW_ANNA, ROW_JAN))

    again = preview_and_confirm(
        staff_client, csv_file(HEADER, ROW_ANNA.replace("WUP", "Wojewódzki Urząd Pracy"), ROW_JAN)
    )

    summary = again.context["summary"]
    assert [len(summary.added), len(summary.updated), len(summary.skipped)] == [0, 1, 1]
    assert Member.objects.count() == 2
    assert Member.objects.get(email="anna.kowalska@example.org").institution == "Wojewódzki Urząd Pracy"


def test_a_tampered_preview_saves_nothing(staff_client):
    preview = staff_client.post("/admin/wzk/sklad/import/", {"file": csv_file(HEADER, ROW_ANNA)})
    token = preview.context["confirm"].initial["rows"]

    response = staff_client.post("/admin/wzk/sklad/import/", {"rows": token[:-3] + "abc"}, follow=True)

    assert Member.objects.count() == 0
    assert "Podgląd został zmieniony; wczytaj plik ponownie." in response.content.decode()


def test_the_import_templates_download_with_the_columns(staff_client):
    xlsx = staff_client.get("/admin/wzk/sklad/import/szablon.xlsx")
    csv = staff_client.get("/admin/wzk/sklad/import/szablon.csv")

    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [cell.value for cell in sheet[1]] == HEADER.split(";")
    assert csv.content.decode("utf-8-sig").splitlines()[0] == HEADER


# ---- Admin list and form ----------------------------------------------------------------------


def test_the_member_list_shows_current_members_by_default_and_former_ones_in_the_history(staff_client):
    MemberFactory(last_name="Obecna", pillar=Pillar.ECONOMY)
    MemberFactory(last_name="Przyszła", term_from=timezone.localdate() + datetime.timedelta(days=30))
    MemberFactory(last_name="Dawna", term_from=datetime.date(2020, 1, 1), term_to=datetime.date(2023, 12, 31))

    def names(query):
        response = staff_client.get(f"/admin/wzk/member/{query}")
        assert response.status_code == 200
        return sorted(member.last_name for member in response.context["object_list"])

    assert names("") == ["Obecna", "Przyszła"]
    assert names("?status=former") == ["Dawna"]
    assert names("?status=all") == ["Dawna", "Obecna", "Przyszła"]
    assert names("?status=all&pillar=economy") == ["Obecna"]
    assert names("?status=all&q=dawn") == ["Dawna"]


def member_form(**overrides):
    data = {
        "first_name": "Anna",
        "last_name": "Kowalska",
        "email": "Anna@Example.org",
        "phone": "",
        "institution": "WUP",
        "pillar": "education",
        "role": "member",
        "term_from": "2026-01-01",
        "term_to": "",
        "resolution_number": "XII/1/2025",
        "resolution_date": "2025-12-15",
        "voivodeship": "",
        "county": "",
        "municipality_code": "",
        "substitutes-TOTAL_FORMS": "1",
        "substitutes-INITIAL_FORMS": "0",
        "substitutes-MIN_NUM_FORMS": "0",
        "substitutes-MAX_NUM_FORMS": "1000",
        "substitutes-0-name": "Jan Zastępca",
        "substitutes-0-institution": "WUP",
        "substitutes-0-email": "jan@example.org",
        "substitutes-0-id": "",
        "substitutes-0-ORDER": "",
        "substitutes-0-DELETE": "",
    }
    return data | overrides


def test_staff_add_a_member_with_a_substitute(staff_client):
    response = staff_client.post("/admin/wzk/member/new/", member_form())

    assert response.status_code == 302
    member = Member.objects.get()
    assert member.email == "anna@example.org"
    assert list(Substitute.objects.values_list("member", "name")) == [(member.pk, "Jan Zastępca")]


def test_a_term_ending_before_it_begins_is_an_error_in_polish(staff_client):
    response = staff_client.post("/admin/wzk/member/new/", member_form(term_to="2025-06-30"))

    assert response.status_code == 200
    assert response.context["form"].errors["term_to"] == ["Kadencja nie może się skończyć przed początkiem."]
    assert Member.objects.count() == 0


def test_a_resolution_dated_after_the_term_start_is_only_a_warning(staff_client):
    response = staff_client.post(
        "/admin/wzk/member/new/", member_form(resolution_date="2026-02-10"), follow=True
    )

    assert Member.objects.count() == 1
    messages = [str(message) for message in response.context["messages"]]
    assert "Uchwała powołująca ma datę późniejszą niż początek kadencji (10.02.2026)." in messages


def test_a_bad_email_is_refused(staff_client):
    response = staff_client.post("/admin/wzk/member/new/", member_form(email="anna(at)example.org"))

    assert response.context["form"].errors["email"] == ["Wprowadź poprawny adres email."]


# ---- Invitation to sign in --------------------------------------------------------------------


def invitation_link(message):
    return re.search(r"http://[^\s]+/wzk/haslo/[^\s]+/", message.body).group(0)


def test_a_member_is_invited_sets_a_password_and_lands_on_their_area(
    staff_client, client, django_capture_on_commit_callbacks
):
    member = MemberFactory(first_name="Anna", last_name="Kowalska", email="anna@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(f"/admin/wzk/sklad/{member.pk}/zaproszenie/")

    assert response.status_code == 302
    member.refresh_from_db()
    user = member.user
    assert (user.email, user.has_usable_password()) == ("anna@example.org", False)
    assert EmailAddress.objects.filter(user=user, email="anna@example.org", verified=True).exists()
    assert member.invited_at is not None
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert mail.outbox[0].subject == "Twoje konto w strefie członka WZK"
    path = invitation_link(mail.outbox[0]).split("testserver", 1)[-1].removeprefix("http://localhost:8000")

    page = client.get(path)
    assert page.status_code == 200
    done = client.post(path, {"password1": "Kadencja-2026-wzk", "password2": "Kadencja-2026-wzk"})

    assert done.status_code == 302
    assert done["Location"] == "/wzk/moje/"
    user.refresh_from_db()
    assert user.check_password("Kadencja-2026-wzk")
    area = client.get("/wzk/moje/")
    assert area.status_code == 200
    assert "Anna Kowalska" in area.content.decode()
    assert client.get(path).status_code == 404  # the link works once


def test_an_existing_account_is_linked_not_duplicated(staff_client, django_capture_on_commit_callbacks):
    user = UserFactory(username="anna", email="anna@example.org")
    member = MemberFactory(email="anna@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.invite_member(member=member)

    member.refresh_from_db()
    assert member.user == user
    assert get_user_model().objects.filter(email="anna@example.org").count() == 1
    assert "można też zalogować się obecnym hasłem" in mail.outbox[0].body


def test_a_wrong_password_link_is_not_found(client):
    member = MemberFactory(user=UserFactory())

    assert client.get(f"/wzk/haslo/{member.user.pk:x}/zly-klucz/").status_code == 404


def test_passwords_that_differ_are_refused_and_nothing_is_set(client):
    member = MemberFactory()
    user = services.invite_member(member=member)
    path = services.set_password_url(user).split("://", 1)[1].split("/", 1)[1]

    response = client.post(f"/{path}", {"password1": "Kadencja-2026-wzk", "password2": "Inne-haslo-2026"})

    assert response.status_code == 200
    assert response.context["form"].errors["password2"] == ["Hasła się różnią."]
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_staff_invite_every_current_member_without_an_account(
    staff_client, django_capture_on_commit_callbacks
):
    MemberFactory(email="a@example.org")
    MemberFactory(email="b@example.org")
    MemberFactory(email="c@example.org", user=UserFactory(email="c@example.org"))
    MemberFactory(
        email="d@example.org", term_from=datetime.date(2020, 1, 1), term_to=datetime.date(2021, 1, 1)
    )

    assert staff_client.get("/admin/wzk/sklad/zaproszenia/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post("/admin/wzk/sklad/zaproszenia/")

    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "b@example.org"]
    assert Member.objects.filter(user__isnull=True).count() == 1


# ---- The member's area ------------------------------------------------------------------------


def test_the_member_area_lists_appointment_invitations_and_published_minutes(client):
    member = MemberFactory(
        first_name="Anna", last_name="Kowalska", user=UserFactory(), resolution_number="XII/1/2025"
    )
    Substitute.objects.create(member=member, name="Jan Zastępca", institution="WUP")
    invitation = InvitationFactory(member=member, answer="yes")
    MinutesFactory(meeting=invitation.meeting, status=Minutes.Status.PUBLISHED)
    MinutesFactory(status=Minutes.Status.DRAFT)
    client.force_login(member.user)

    response = client.get("/wzk/moje/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Jan Zastępca (WUP)" in html
    assert "XII/1/2025" in html
    assert f'href="/wzk/zaproszenie/{invitation.token}/"' in html
    assert [item.meeting for item in response.context["minutes"]] == [invitation.meeting]


def test_the_member_area_runs_as_many_queries_for_two_invitations_as_for_ten(client):
    member = MemberFactory(user=UserFactory())
    client.force_login(member.user)

    def queries_with(count):
        while member.invitations.count() < count:
            InvitationFactory(member=member, meeting=MeetingFactory())
        client.get("/wzk/moje/")  # the session and the site's settings are read once per process
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/wzk/moje/").status_code == 200
        return len(captured)

    assert queries_with(2) == queries_with(10)


def test_a_person_not_on_the_roster_is_refused_the_member_area(client):
    assert client.get("/wzk/moje/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/wzk/moje/").status_code == 403


def test_my_account_of_a_member_opens_their_area(client):
    member = MemberFactory(user=UserFactory())
    client.force_login(member.user)

    response = client.get("/konto/")

    assert (response.status_code, response["Location"]) == (302, "/wzk/moje/")


# ---- Personal data ----------------------------------------------------------------------------


def test_erasing_a_former_member_anonymises_the_row_but_keeps_it(client):
    former = MemberFactory(
        email="dawna@example.org",
        phone="600100200",
        user=UserFactory(),
        term_from=datetime.date(2020, 1, 1),
        term_to=datetime.date(2023, 12, 31),
    )
    Substitute.objects.create(member=former, name="Jan Zastępca", email="jan@example.org")
    invitation = InvitationFactory(member=former)
    current = MemberFactory(email="dawna@example.org")

    exported = privacy.export_roster("dawna@example.org")
    erasure = privacy.erase_roster("dawna@example.org")

    assert [item["id"] for item in exported["wzk_appointments"]] == [former.pk, current.pk]
    former.refresh_from_db()
    assert (former.first_name, former.last_name, former.phone, former.user) == ("—", "", "", None)
    assert former.email == f"usunieto-{former.pk}@{ANONYMISED_DOMAIN}"
    assert former.substitutes.count() == 0
    assert invitation.meeting.invitations.filter(member=former).count() == 1
    assert list(erasure.done.values()) == [1, 1, 0]
    assert len(erasure.kept) == 1
    current.refresh_from_db()
    assert current.email == "dawna@example.org"


def test_retention_removes_former_members_contacts_years_after_the_term(db):
    (rule,) = retention.roster_rules()
    old = MemberFactory(phone="600", term_from=datetime.date(2015, 1, 1), term_to=datetime.date(2018, 12, 31))
    recent = MemberFactory(term_from=datetime.date(2022, 1, 1), term_to=datetime.date(2023, 12, 31))
    MemberFactory()
    cutoff = timezone.now() - datetime.timedelta(days=rule.default_days)

    due = list(rule.due(cutoff))
    assert due == [old]
    assert rule.process(due, timezone.now()) == 1
    old.refresh_from_db()
    assert (old.email, old.phone, old.last_name) == (old.anonymised_email, "", old.last_name)
    assert list(rule.due(cutoff)) == []
    assert recent.email.endswith("@example.org")


# ---- Demo -------------------------------------------------------------------------------------


def test_the_demo_roster_is_idempotent_with_five_pillars_and_a_member_login(demo_site, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    cms_demo.ensure_admin(None)
    demo.seed_roster()
    demo.seed_roster()

    today = timezone.localdate()
    current = [member for member in Member.objects.all() if member.is_current_on(today)]
    assert len(current) == 20
    assert Member.objects.count() == 22
    assert {member.pillar for member in current} == set(Pillar.values)
    assert sorted(member.role for member in current if member.role != MemberRole.MEMBER) == [
        "chair",
        "secretary",
        "vice_chair",
    ]
    assert Substitute.objects.count() == 4
    ((role, email, password, path),) = demo.roster_demo_logins()
    assert (role, email, path) == ("WZK member", "czlonek.wzk@example.org", "/wzk/moje/")
    assert get_user_model().objects.get(email=email).check_password(password)


def test_the_admin_list_edit_and_invite_pages_render_in_polish(staff_client):
    member = MemberFactory(last_name="Kowalska")
    Substitute.objects.create(member=member, name="Jan Zastępca")

    listing = staff_client.get("/admin/wzk/member/").content.decode()
    edit = staff_client.get(f"/admin/wzk/member/edit/{member.pk}/").content.decode()
    invite = staff_client.get(f"/admin/wzk/sklad/{member.pk}/zaproszenie/")

    assert f"/admin/wzk/sklad/{member.pk}/zaproszenie/" in listing
    assert "Importuj z CSV/XLSX" in listing
    assert "bez konta" in listing
    assert 'value="Jan Zastępca"' in edit
    assert invite.status_code == 200
    assert "Wyślij zaproszenie" in invite.content.decode()
