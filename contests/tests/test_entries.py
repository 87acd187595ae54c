import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from contests import queries, samples
from contests.models import Entry, Extension, TeamMember
from contests.tests.factories import EntryFactory, SchoolFactory, StaffFactory, TeacherFactory, make_contest
from contests.tests.helpers import close_submissions, upload_film

pytestmark = pytest.mark.django_db


def _entry_data(category, **extra):
    data = {
        "category": category.pk,
        "title": "Fryzjer z pasją",
        "profession": "fryzjer",
        "description": "Dzień w salonie.",
        "rules_accepted": "on",
        "rights_declared": "on",
        "team-TOTAL_FORMS": "3",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "20",
        "team-0-first_name": "Ola",
        "team-0-last_name": "Nowak",
        "team-0-class_name": "2A",
        "team-0-is_13_or_older": "on",
        "team-1-first_name": "Kuba",
        "team-1-last_name": "Lis",
        "team-1-class_name": "2A",
    }
    data.update(extra)
    return data


def test_school_profile_is_created_with_its_teacher(client, teacher):
    client.force_login(teacher)

    response = client.post(
        reverse("contests:school_create"),
        {
            "name": "Zespół Szkół Ponadpodstawowych w Zgierzu",
            "rspo": "17562",
            "municipality": "Zgierz",
            "county": "1020",
            "voivodeship": "10",
            "postal_code": "95-100",
            "street": "ul. Szkolna 1",
        },
    )

    assert response.status_code == 302
    assert list(teacher.schools.values_list("name", "rspo")) == [
        ("Zespół Szkół Ponadpodstawowych w Zgierzu", "17562")
    ]


def test_school_profile_keeps_what_was_typed_on_error(client, teacher):
    client.force_login(teacher)

    response = client.post(
        reverse("contests:school_create"), {"name": "Szkoła w Zgierzu", "rspo": "12a", "postal_code": "95100"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="Szkoła w Zgierzu"' in content
    assert 'aria-invalid="true"' in content
    assert not teacher.schools.exists()


def _invitation_path(address):
    [invitation] = [m for m in OutgoingEmail.objects.order_by("pk") if address in m.to]
    url = re.search(r"https?://\S+/szkola/zaproszenie/\S+/", invitation.body_text).group(0)
    return "/" + url.split("/", 3)[3]


def test_a_teacher_invites_a_colleague_who_accepts_and_then_sees_the_entries(teacher_client, entry):
    colleague = TeacherFactory(username="colleague", email="kolega@example.org")

    teacher_client.post(
        reverse("contests:school_add_teacher", args=[entry.school.pk]), {"teacher-email": colleague.email}
    )
    client = Client()
    client.force_login(colleague)
    before = client.get(reverse("contests:entry_detail", args=[entry.pk])).status_code
    accepted = client.post(_invitation_path(colleague.email))

    assert before == 404
    assert accepted.status_code == 302
    assert client.get(reverse("contests:entry_detail", args=[entry.pk])).status_code == 200


@pytest.mark.parametrize("kind", ["teacher", "staff", "superuser", "nobody"])
def test_inviting_gives_the_same_answer_whoever_owns_the_address(teacher_client, school, kind):
    address = f"zaproszony-{kind}@example.org"
    if kind == "teacher":
        TeacherFactory(email=address)
    elif kind == "staff":
        StaffFactory(email=address)
    elif kind == "superuser":
        TeacherFactory(email=address, is_superuser=True, is_staff=True)

    response = teacher_client.post(
        reverse("contests:school_add_teacher", args=[school.pk]), {"teacher-email": address}, follow=True
    )

    assert [str(message) for message in response.context["messages"]] == [
        f"Zaproszenie wysłano na adres {address}. Nauczyciel dołączy do szkoły, gdy je otworzy "
        "i zaloguje się tym adresem."
    ]
    assert list(school.teachers.values_list("email", flat=True)) == [school.teachers.get().email]
    mailed = any(address in m.to for m in OutgoingEmail.objects.all())
    assert mailed is (kind in ("teacher", "nobody"))


def test_staff_and_other_addresses_cannot_accept_an_invitation(teacher_client, school):
    teacher_client.post(
        reverse("contests:school_add_teacher", args=[school.pk]), {"teacher-email": "kolega@example.org"}
    )
    path = _invitation_path("kolega@example.org")
    stranger = TeacherFactory(email="obcy@example.org")
    staff = StaffFactory(email="kolega@example.org".replace("kolega", "kadra"))
    client = Client()

    client.force_login(stranger)
    refused_stranger = client.post(path)
    client.force_login(staff)
    refused_staff = client.post(path)

    assert refused_stranger.status_code == 400
    assert "wysłano je na inny adres e-mail niż ten, którym się logujesz" in refused_stranger.content.decode()
    assert refused_staff.status_code == 400
    assert set(school.teachers.all()) == {school.teachers.get()}


def test_an_invitation_works_once(teacher_client, school):
    colleague = TeacherFactory(email="kolega@example.org")
    teacher_client.post(
        reverse("contests:school_add_teacher", args=[school.pk]), {"teacher-email": colleague.email}
    )
    path = _invitation_path(colleague.email)
    client = Client()
    client.force_login(colleague)

    first = client.post(path)
    again = client.post(path)

    assert first.status_code == 302
    assert again.status_code == 400
    assert school.teachers.filter(pk=colleague.pk).exists()


def test_entry_is_created_with_team_and_consents(teacher_client, school):
    contest = make_contest()
    category = contest.categories.get()

    response = teacher_client.post(reverse("contests:entry_create", args=[contest.pk]), _entry_data(category))

    entry = Entry.objects.get()
    assert response.status_code == 302
    assert (entry.school, entry.status, entry.title) == (school, Entry.Status.DRAFT, "Fryzjer z pasją")
    assert list(entry.team.values_list("first_name", flat=True)) == ["Ola", "Kuba"]
    kinds = sorted(entry.team.get(first_name="Ola").consents.values_list("kind", flat=True))
    assert kinds == ["copyright_licence", "parent_publication", "pupil_publication"]
    assert sorted(entry.team.get(first_name="Kuba").consents.values_list("kind", flat=True)) == [
        "copyright_licence",
        "parent_publication",
    ]


def test_autosave_saves_the_draft_and_answers_json(teacher_client, entry):
    data = _entry_data(
        entry.category, title="Nowy tytuł", **{"team-TOTAL_FORMS": "1", "team-0-first_name": "Ola"}
    )
    data.pop("team-1-first_name"), data.pop("team-1-last_name"), data.pop("team-1-class_name")
    data["team-TOTAL_FORMS"] = "0"

    response = teacher_client.post(reverse("contests:entry_edit", args=[entry.pk]), data, HTTP_X_AUTOSAVE="1")

    assert response.status_code == 200
    assert response.json()["saved"] is True
    entry.refresh_from_db()
    assert entry.title == "Nowy tytuł"


def test_autosave_of_an_invalid_form_saves_nothing(teacher_client, entry):
    data = _entry_data(entry.category, title="", **{"team-TOTAL_FORMS": "0"})

    response = teacher_client.post(reverse("contests:entry_edit", args=[entry.pk]), data, HTTP_X_AUTOSAVE="1")

    assert response.status_code == 400
    assert response.json()["saved"] is False
    entry.refresh_from_db()
    assert entry.title == "Mechatronik — zawód przyszłości"


def test_submission_lists_what_is_missing(teacher_client, entry):
    response = teacher_client.post(reverse("contests:entry_submit", args=[entry.pk]), follow=True)

    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT
    assert queries.submission_problems(entry) == ["Prześlij film."] or "film" in response.content.decode()


def test_submitting_a_complete_entry_sends_a_receipt(
    teacher_client, entry, django_capture_on_commit_callbacks
):
    upload_film(
        teacher_client, entry, samples.make_clip(seconds=1, fps=5), capture=django_capture_on_commit_callbacks
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = teacher_client.post(reverse("contests:entry_submit", args=[entry.pk]))

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.status == Entry.Status.SUBMITTED
    assert entry.submitted_at is not None
    assert OutgoingEmail.objects.filter(to=[entry.school.teachers.get().email]).count() == 1
    assert len(mail.outbox) == 1
    assert entry.title in mail.outbox[0].subject


def test_entry_freezes_after_the_deadline_plus_grace(teacher_client, entry):
    close_submissions(entry.contest, ago=datetime.timedelta(minutes=30))
    edit_url = reverse("contests:entry_edit", args=[entry.pk])

    entry.contest.grace_period_minutes = 60
    type(entry.contest).objects.filter(pk=entry.contest.pk).update(grace_period_minutes=60)
    in_grace = teacher_client.get(edit_url)
    type(entry.contest).objects.filter(pk=entry.contest.pk).update(grace_period_minutes=0)
    frozen = teacher_client.get(edit_url)
    posted = teacher_client.post(edit_url, _entry_data(entry.category, title="Po terminie"))

    assert in_grace.status_code == 200
    assert frozen.status_code == 302
    assert posted.status_code == 302
    entry.refresh_from_db()
    assert entry.title == "Mechatronik — zawód przyszłości"
    assert teacher_client.post(reverse("contests:entry_submit", args=[entry.pk])).status_code == 302
    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT


def test_an_extension_code_reopens_the_window_for_that_school_only(teacher_client, entry):
    close_submissions(entry.contest)
    other_teacher = TeacherFactory(username="other")
    other_entry = EntryFactory(contest=entry.contest, school=SchoolFactory(teachers=[other_teacher]))
    extension = Extension.objects.create(
        contest=entry.contest, school=entry.school, closes_at=timezone.now() + datetime.timedelta(days=2)
    )

    wrong_school = Client()
    wrong_school.force_login(other_teacher)
    wrong_school.post(
        reverse("contests:extension_redeem", args=[other_entry.school.pk]), {"code": extension.code}
    )
    before = teacher_client.get(reverse("contests:entry_edit", args=[entry.pk]))
    teacher_client.post(
        reverse("contests:extension_redeem", args=[entry.school.pk]), {"code": extension.code.lower()}
    )
    after = teacher_client.get(reverse("contests:entry_edit", args=[entry.pk]))

    assert before.status_code == 302
    assert after.status_code == 200
    assert wrong_school.get(reverse("contests:entry_edit", args=[other_entry.pk])).status_code == 302
    extension.refresh_from_db()
    assert extension.redeemed_by == entry.school.teachers.get()


def test_a_submitted_entry_can_be_taken_back_before_the_deadline(teacher_client, entry):
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.SUBMITTED, submitted_at=timezone.now())

    teacher_client.post(reverse("contests:entry_reopen", args=[entry.pk]))

    entry.refresh_from_db()
    assert entry.status == Entry.Status.DRAFT


def test_staff_return_an_entry_with_a_reason_by_email(entry, django_capture_on_commit_callbacks):
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.SUBMITTED, submitted_at=timezone.now())
    staff = StaffFactory(username="staff")
    client = Client()
    client.force_login(staff)
    url = reverse("contests_admin:entry_check", args=[entry.pk])

    without_reason = client.post(url, {"action": "check", "decision": "return", "reason": ""}, follow=True)
    entry.refresh_from_db()
    assert entry.status == Entry.Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "check", "decision": "return", "reason": "Brak zgód dwóch uczniów."})

    entry.refresh_from_db()
    assert without_reason.status_code == 200
    assert (entry.status, entry.return_reason, entry.checked_by) == (
        Entry.Status.RETURNED,
        "Brak zgód dwóch uczniów.",
        staff,
    )
    assert len(mail.outbox) == 1
    assert "Brak zgód dwóch uczniów." in mail.outbox[0].body


def test_staff_accept_and_the_admin_pages_are_staff_only(teacher_client, entry):
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.SUBMITTED, submitted_at=timezone.now())
    client = Client()
    client.force_login(StaffFactory(username="staff"))

    listing = client.get(reverse("contests_admin:entry_list"))
    client.post(
        reverse("contests_admin:entry_check", args=[entry.pk]), {"action": "check", "decision": "accept"}
    )

    entry.refresh_from_db()
    assert listing.status_code == 200 and entry.title in listing.content.decode()
    assert entry.status == Entry.Status.ACCEPTED
    assert teacher_client.get(reverse("contests_admin:entry_list")).status_code in (302, 403)


def test_dashboard_runs_a_constant_number_of_queries(
    teacher_client, school, teacher, django_assert_max_num_queries
):
    contest = make_contest()

    def add_entries(count):
        for index in range(count):
            entry = EntryFactory(contest=contest, school=school, teacher=teacher, title=f"Film {index}")
            for number in range(3):
                TeamMember.objects.create(
                    entry=entry, first_name="Jan", last_name=f"K{number}", class_name="1A"
                )

    add_entries(2)
    teacher_client.get(reverse("cms:school_area"))  # warm the site and settings caches
    with django_assert_max_num_queries(30) as small:
        teacher_client.get(reverse("cms:school_area"))
    add_entries(8)
    with django_assert_max_num_queries(30) as large:
        response = teacher_client.get(reverse("cms:school_area"))

    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.content.decode().count("Film ") >= 10
