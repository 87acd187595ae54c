"""Retention across the apps with fixed dates: the clock is the ``now=`` given to the service.

The data: events, registrations, scans, contests with entries, films and consent scans, public
votes, Edubus requests and stops, outgoing mail and teachers' accounts, some past their period on
1 June 2027 and some not. One run anonymises or deletes exactly the due ones, removes their files
from the private storage, leaves the reach dashboard's figures as they were, and a second run
changes nothing.
"""

import datetime
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command

from cms.outbox.models import OutgoingEmail
from cms.reach.figures import collect_rows, summarise
from cms.retention.models import RetentionPolicy, RetentionRun
from cms.retention.services import apply_retention
from cms.tests.factories import StaffFactory, TeacherFactory
from contests.jury.models import Diploma, PublicVote, VoteWindow
from contests.models import Consent, ConsentKind, Entry, Film
from contests.tests.factories import EntryFactory, SchoolFactory, TeamMemberFactory, make_contest
from events.checkin.models import CheckIn, CheckInList, Scan, ScanResult, secret_hash
from events.edubus.models import Stop, VisitRequest
from events.edubus.tests.factories import StopFactory, StopReportFactory, VehicleFactory, VisitRequestFactory
from events.feedback.models import Invitation
from events.feedback.models import Response as FeedbackResponse
from events.feedback.tests.factories import attach as attach_survey
from events.registration.models import Answer, Registration, Ticket
from events.registration.tests.factories import (
    GroupTicketTypeFactory,
    QuestionFactory,
    RegistrationFactory,
    TicketTypeFactory,
    make_event,
)

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
NOW = datetime.datetime(2027, 6, 1, 12, 0, tzinfo=WARSAW)


def moment(year, month, day, hour=12):
    return datetime.datetime(year, month, day, hour, 0, tzinfo=WARSAW)


def reach_summary():
    summary = summarise(collect_rows(start=datetime.date(2000, 1, 1), end=datetime.date(2100, 1, 1)))
    return {
        "activities": summary.activities,
        "registrations": summary.registrations,
        "people": summary.people,
        "schools": summary.schools,
        "municipalities": summary.municipalities,
        "counties": summary.counties,
        "by_county": [(row.county, row.people, row.schools) for row in summary.by_county],
    }


def private_file(storage_field, name, content=b"%PDF-1.4 signed form"):
    storage_field.save(name, ContentFile(content), save=False)
    return Path(storage_field.path)


def make_event_with_registrations(*, ends, slug_day):
    event = make_event(starts_at=ends - datetime.timedelta(hours=6), ends_at=ends)
    question = QuestionFactory(event=event)
    individual = RegistrationFactory(
        ticket_type=TicketTypeFactory(event=event),
        name="Anna Nowak",
        email=f"anna.{slug_day}@example.org",
        phone="600 100 200",
    )
    Answer.objects.create(registration=individual, question=question, value="Od wychowawczyni")
    group = RegistrationFactory(
        ticket_type=GroupTicketTypeFactory(event=event),
        name="Maria Kowalska",
        email=f"maria.{slug_day}@example.org",
        places=24,
        pupils=22,
        adults=2,
        school_name="Publiczna Szkoła Podstawowa nr 5 w Opolu",
        school_rspo="12345",
        school_municipality="Opole",
        school_county="opole",
        school_voivodeship="opole",
    )
    staff = StaffFactory()
    checkin_list = CheckInList.objects.create(event=event, name="Wejście")
    for registration in (individual, group):
        CheckIn.objects.create(
            ticket=registration.ticket,
            checkin_list=checkin_list,
            people=registration.places,
            first_at=ends - datetime.timedelta(hours=5),
            first_by=staff,
            last_at=ends - datetime.timedelta(hours=5),
        )
        Scan.objects.create(
            checkin_list=checkin_list,
            ticket=registration.ticket,
            secret_hash=secret_hash(registration.ticket.secret),
            result=ScanResult.OK,
            people=registration.places,
            checked_in=registration.places,
            scanned_at=ends - datetime.timedelta(hours=5),
            device="Telefon Ani",
            scanned_by=staff,
            scan_id=f"scan-{registration.pk}",
        )
    event_survey = attach_survey(event=event)
    for registration in (individual, group):
        Invitation.objects.create(
            event_survey=event_survey, registration=registration, sent_at=ends + datetime.timedelta(hours=2)
        )
    FeedbackResponse.objects.create(event_survey=event_survey, submitted_on=ends.date())
    return event, individual, group


@pytest.fixture
def world(db, settings):
    data = {}
    # Events: one ended 13 months before NOW (registrations and scans due), one 9 months before
    # (scans due after 90 days, registrations not), one ended a month before (nothing due).
    data["old_event"], data["old_individual"], data["old_group"] = make_event_with_registrations(
        ends=moment(2026, 5, 1, 18), slug_day="old"
    )
    data["mid_event"], data["mid_individual"], _group = make_event_with_registrations(
        ends=moment(2026, 9, 1, 18), slug_day="mid"
    )
    data["new_event"], data["new_individual"], _group = make_event_with_registrations(
        ends=moment(2027, 5, 1, 18), slug_day="new"
    )

    # Contests: results six years ago (films, entries, consent scans due) and last autumn (none).
    old_contest = make_contest(
        title="Kręci Mnie Mój Zawód 2021",
        opens=moment(2021, 1, 10),
        closes=moment(2021, 3, 31),
    )
    old_contest.results_published_at = moment(2021, 5, 20)
    old_contest.public_vote = True
    old_contest.save()
    new_contest = make_contest(
        title="Kręci Mnie Mój Zawód 2026", opens=moment(2026, 3, 1), closes=moment(2026, 8, 31)
    )
    new_contest.results_published_at = moment(2026, 10, 1)
    new_contest.save()
    teacher = TeacherFactory(username="old.teacher")
    school = SchoolFactory(name="Zespół Szkół nr 1 w Zgierzu", rspo="100001")

    def entry(contest, *, status, published=False, title):
        made = EntryFactory(
            contest=contest,
            category=contest.categories.first(),
            school=school,
            teacher=teacher,
            title=title,
            description="Film o pracy mechatronika; występuje Jan Kowalski.",
            status=status,
            published=published,
            submitted_at=contest.submissions_close_at - datetime.timedelta(days=3),
        )
        for number in range(3):
            member = TeamMemberFactory(entry=made, first_name=f"Jan{number}", last_name="Kowalski")
            consent = Consent(
                member=member, kind=ConsentKind.PARENT_PUBLICATION, status=Consent.Status.UPLOADED
            )
            private_file(consent.scan, "scan.pdf")
            consent.save()
        film = Film(entry=made, upload_length=5, upload_offset=5, original_filename="film.mp4")
        private_file(film.original, "film.mp4", b"video")
        private_file(film.web_copy, "web.mp4", b"video")
        private_file(film.poster, "poster.jpg", b"jpeg")
        film.status = Film.Status.READY
        film.save()
        return made

    data["old_non_finalist"] = entry(old_contest, status=Entry.Status.NOT_AWARDED, title="Stolarz")
    data["old_laureate"] = entry(old_contest, status=Entry.Status.AWARDED, title="Mechatronik")
    data["old_published"] = entry(
        old_contest, status=Entry.Status.NOT_AWARDED, published=True, title="Kucharz"
    )
    data["new_entry"] = entry(new_contest, status=Entry.Status.NOT_AWARDED, title="Fryzjer")
    Diploma.objects.create(
        kind=Diploma.Kind.PARTICIPANT,
        entry=data["old_non_finalist"],
        recipient="Jan0 Kowalski",
        achievement="udział",
    )
    Diploma.objects.create(
        kind=Diploma.Kind.LAUREATE,
        entry=data["old_laureate"],
        recipient="Jan0 Kowalski",
        achievement="I miejsce",
    )

    # Public votes: the old contest's vote closed long ago, the new one's 12 days before NOW.
    VoteWindow.objects.create(contest=old_contest, opens_at=moment(2021, 4, 1), closes_at=moment(2021, 4, 30))
    VoteWindow.objects.create(contest=new_contest, opens_at=moment(2027, 5, 1), closes_at=moment(2027, 5, 20))
    category = old_contest.categories.first()
    data["confirmed_vote"] = PublicVote.objects.create(
        category=category,
        entry=data["old_laureate"],
        email="glosujacy@example.org",
        confirmed_at=moment(2021, 4, 2),
    )
    data["unconfirmed_vote"] = PublicVote.objects.create(
        category=category, entry=data["old_laureate"], email="niepotwierdzony@example.org"
    )
    data["recent_vote"] = PublicVote.objects.create(
        category=new_contest.categories.first(),
        entry=data["new_entry"],
        email="nowy@example.org",
        confirmed_at=moment(2027, 5, 2),
    )

    # Edubus: a visit two and a half years ago (with a report), a request declined long ago, and
    # a new request for next month.
    vehicle = VehicleFactory()
    data["visited_request"] = VisitRequestFactory(status=VisitRequest.Status.APPROVED)
    data["old_stop"] = StopFactory(
        vehicle=vehicle,
        request=data["visited_request"],
        arrival=moment(2024, 11, 5, 10),
        departure=moment(2024, 11, 5, 13),
        status=Stop.Status.DONE,
    )
    StopReportFactory(stop=data["old_stop"], visitors=140)
    data["declined_request"] = VisitRequestFactory(
        status=VisitRequest.Status.DECLINED,
        decided_at=moment(2025, 1, 10),
        decision_reason="Brak terminów, Panie Marku.",
    )
    data["new_request"] = VisitRequestFactory(preferred_date_1=datetime.date(2027, 7, 1))
    data["new_stop"] = StopFactory(
        vehicle=vehicle, arrival=moment(2027, 5, 25, 10), departure=moment(2027, 5, 25, 13)
    )
    StopReportFactory(stop=data["new_stop"], visitors=60)

    # Outgoing mail: sent in January (due after 90 days), sent in May (not), still queued (never).
    def mail(status, created):
        email = OutgoingEmail.objects.create(
            to=["anna.old@example.org"], subject="Bilet", body_text="Dzień dobry, Anno", status=status
        )
        OutgoingEmail.objects.filter(pk=email.pk).update(created_at=created)
        return email

    data["old_mail"] = mail(OutgoingEmail.Status.SENT, moment(2027, 1, 5))
    data["new_mail"] = mail(OutgoingEmail.Status.SENT, moment(2027, 5, 15))
    data["stuck_mail"] = mail(OutgoingEmail.Status.QUEUED, moment(2026, 1, 5))

    # Accounts: the old teacher last signed in four years ago; a recent teacher; an old staff member.
    User = get_user_model()
    User.objects.filter(pk=teacher.pk).update(last_login=moment(2023, 5, 1), date_joined=moment(2022, 1, 1))
    data["teacher"] = teacher
    data["recent_teacher"] = TeacherFactory(username="recent.teacher")
    User.objects.filter(pk=data["recent_teacher"].pk).update(last_login=moment(2027, 5, 1))
    data["old_staff"] = StaffFactory(username="old.staff")
    User.objects.filter(pk=data["old_staff"].pk).update(last_login=moment(2020, 1, 1))
    return data


def run(capture):
    with capture(execute=True):
        return {run.kind: run.processed for run in apply_retention(now=NOW)}


def test_one_run_anonymises_or_deletes_exactly_what_is_due(world, django_capture_on_commit_callbacks):
    processed = run(django_capture_on_commit_callbacks)

    assert processed == {
        "registration.registrations": 2,
        "checkin.scans": 4,
        # Invitations 180 days after they were sent (the old and the middle event's); the
        # anonymous answers after 730 days, which no event here has reached.
        "feedback.invitations": 4,
        "feedback.responses": 0,
        "certificates.certificates": 0,  # none issued here (events/certificates/tests cover it)
        "contests.unpublished_films": 2,
        "contests.non_finalist_entries": 1,
        "contests.consent_scans": 6,
        "jury.public_votes": 2,
        "jury.diplomas": 1,
        "edubus.visit_requests": 2,
        "edubus.stop_contacts": 1,
        "cms.outgoing_email": 1,
        "cms.inactive_accounts": 1,
        "wzk.former_member_contacts": 0,
        "wzk.invitation_contacts": 0,
        "fairs.application_contacts": 0,  # none here (events/fairs/tests/test_demo_privacy.py covers them)
        "fairs.exhibitor_passes": 0,
    }


def test_registrations_of_events_past_their_period_are_anonymised(world, django_capture_on_commit_callbacks):
    old_secret = world["old_individual"].ticket.secret
    run(django_capture_on_commit_callbacks)

    group = Registration.objects.get(pk=world["old_group"].pk)
    assert (group.name, group.email, group.phone, group.teacher_id) == ("", "", "", None)
    assert group.anonymised_at == NOW
    assert (group.places, group.pupils, group.adults, group.status) == (
        24,
        22,
        2,
        Registration.Status.CONFIRMED,
    )
    assert (group.school_name, group.school_rspo, group.school_county) == (
        "Publiczna Szkoła Podstawowa nr 5 w Opolu",
        "12345",
        "opole",
    )
    assert not Answer.objects.filter(registration__event=world["old_event"]).exists()
    assert not Ticket.objects.filter(secret=old_secret).exists()
    assert Ticket.objects.filter(registration=world["old_individual"]).exists()

    for key in ("mid_individual", "new_individual"):
        untouched = Registration.objects.get(pk=world[key].pk)
        assert untouched.anonymised_at is None
        assert untouched.name == "Anna Nowak"
    assert Answer.objects.filter(registration=world["mid_individual"]).count() == 1


def test_scans_lose_their_link_to_the_ticket_and_the_staff_member(world, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)

    old_scans = Scan.objects.filter(checkin_list__event__in=[world["old_event"], world["mid_event"]])
    assert sorted(
        old_scans.values_list("secret_hash", "ticket", "device", "scanned_by", "scan_id", "people")
    ) == [
        ("", None, "", None, None, 1),
        ("", None, "", None, None, 1),
        ("", None, "", None, None, 24),
        ("", None, "", None, None, 24),
    ]
    assert not CheckIn.objects.filter(checkin_list__event=world["old_event"], first_by__isnull=False).exists()
    new_scans = Scan.objects.filter(checkin_list__event=world["new_event"])
    assert all(scan.secret_hash and scan.ticket_id and scan.device for scan in new_scans)


def test_films_and_consent_scans_past_their_period_are_removed_from_disk(
    world, django_capture_on_commit_callbacks
):
    def files(entry):
        film = Film.objects.filter(entry=entry).first()
        film_paths = [Path(f.path) for f in (film.original, film.web_copy, film.poster)] if film else []
        scans = [Path(c.scan.path) for c in Consent.objects.filter(member__entry=entry) if c.scan]
        return film_paths + scans

    due = files(world["old_non_finalist"]) + files(world["old_laureate"])
    kept = files(world["old_published"]) + files(world["new_entry"])
    assert len(due) == 12 and all(path.exists() for path in due)

    run(django_capture_on_commit_callbacks)

    assert [path for path in due if path.exists()] == []
    assert all(path.exists() for path in kept)
    assert not Film.objects.filter(entry__in=[world["old_non_finalist"], world["old_laureate"]]).exists()
    assert Film.objects.filter(entry__in=[world["old_published"], world["new_entry"]]).count() == 2
    assert not [p for p in due if p.parent.exists() and p.parent.name != "consents"]
    scanless = Consent.objects.filter(member__entry=world["old_laureate"])
    assert [(c.scan.name, c.status) for c in scanless] == [("", Consent.Status.UPLOADED)] * 3
    assert scanless.first().events.last().note == "skan usunięty po upływie okresu przechowywania"


def test_entries_of_non_finalists_lose_names_but_keep_their_team_size(
    world, django_capture_on_commit_callbacks
):
    run(django_capture_on_commit_callbacks)

    anonymised = Entry.objects.get(pk=world["old_non_finalist"].pk)
    assert (anonymised.teacher_id, anonymised.description, anonymised.anonymised_at) == (None, "", NOW)
    assert list(anonymised.team.values_list("first_name", "last_name", "class_name")) == [("", "", "")] * 3
    assert anonymised.school.name == "Zespół Szkół nr 1 w Zgierzu"
    for key in ("old_laureate", "old_published", "new_entry"):
        kept = Entry.objects.get(pk=world[key].pk)
        assert kept.anonymised_at is None
        assert list(kept.team.values_list("first_name", flat=True)) == ["Jan0", "Jan1", "Jan2"]
    assert list(Diploma.objects.values_list("kind", flat=True)) == [Diploma.Kind.LAUREATE]


def test_votes_edubus_mail_and_accounts(world, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)

    confirmed = PublicVote.objects.get(pk=world["confirmed_vote"].pk)
    assert confirmed.email == f"vote-{confirmed.pk}@anonymised.invalid"
    assert confirmed.confirmed_at == moment(2021, 4, 2)
    assert not PublicVote.objects.filter(pk=world["unconfirmed_vote"].pk).exists()
    assert PublicVote.objects.get(pk=world["recent_vote"].pk).email == "nowy@example.org"

    for key in ("visited_request", "declined_request"):
        request = VisitRequest.objects.get(pk=world[key].pk)
        assert (
            request.contact_name,
            request.contact_email,
            request.contact_phone,
            request.decision_reason,
        ) == (
            "",
            "",
            "",
            "",
        )
        assert request.institution == "Publiczna Szkoła Podstawowa nr 2 w Nysie"
    assert (
        VisitRequest.objects.get(pk=world["new_request"].pk).contact_email == "marek.wisniewski@example.org"
    )
    old_stop = Stop.objects.get(pk=world["old_stop"].pk)
    assert (old_stop.contact_name, old_stop.contact_email, old_stop.municipality) == ("", "", "Nysa")
    assert Stop.objects.get(pk=world["new_stop"].pk).contact_email == "ewa.kowalska@example.org"

    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {
        world["new_mail"].pk,
        world["stuck_mail"].pk,
    }

    teacher = get_user_model().objects.get(pk=world["teacher"].pk)
    assert (teacher.username, teacher.email, teacher.first_name, teacher.is_active) == (
        f"anonymised-{teacher.pk}",
        "",
        "",
        False,
    )
    assert not teacher.has_usable_password()
    assert not EmailAddress.objects.filter(user=teacher).exists()
    assert get_user_model().objects.get(pk=world["recent_teacher"].pk).email == "recent.teacher@example.org"
    assert get_user_model().objects.get(pk=world["old_staff"].pk).email == "old.staff@example.org"


def test_reach_figures_are_the_same_after_anonymisation(world, django_capture_on_commit_callbacks):
    before = reach_summary()

    run(django_capture_on_commit_callbacks)

    assert reach_summary() == before
    # Schools: the two of the registrations and contest entries, and the two Edubus host schools.
    assert (before["people"], before["schools"], before["counties"]) == (3 * 25 + 4 * 3 + 140 + 60, 4, 4)


def snapshot():
    models = [Registration, Answer, Ticket, Scan, CheckIn, Entry, Film, Consent, PublicVote, Diploma]
    models += [VisitRequest, Stop, OutgoingEmail, get_user_model(), EmailAddress]
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in models}


def test_a_second_run_changes_nothing(world, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)
    after_first = snapshot()

    processed = run(django_capture_on_commit_callbacks)

    assert set(processed.values()) == {0}
    assert snapshot() == after_first


def test_each_run_is_logged_per_kind_without_personal_data(world, django_capture_on_commit_callbacks, caplog):
    caplog.set_level("INFO", logger="edufest.retention")
    run(django_capture_on_commit_callbacks)

    registrations = RetentionRun.objects.get(kind="registration.registrations")
    assert (registrations.processed, registrations.days, registrations.complete) == (2, 365, True)
    assert registrations.cutoff == NOW - datetime.timedelta(days=365)
    assert RetentionRun.objects.count() == 18
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "kind=registration.registrations action=anonymise days=365 processed=2" in logged
    assert "example.org" not in logged and "Kowalsk" not in logged


def test_batches_are_bounded_and_the_next_run_carries_on(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = apply_retention(now=NOW, kinds={"checkin.scans"}, batch_size=1, max_batches=3)
        second = apply_retention(now=NOW, kinds={"checkin.scans"}, batch_size=1, max_batches=3)

    assert [(r.processed, r.batches, r.complete) for r in first + second] == [(3, 3, False), (1, 1, True)]


def test_a_shorter_period_set_by_staff_takes_effect_and_a_disabled_kind_is_skipped(
    world, django_capture_on_commit_callbacks
):
    apply_retention(now=NOW, kinds=set())  # creates the policies with their defaults
    RetentionPolicy.objects.filter(kind="registration.registrations").update(days=30)
    RetentionPolicy.objects.filter(kind="checkin.scans").update(enabled=False)

    processed = run(django_capture_on_commit_callbacks)

    assert processed["registration.registrations"] == 6
    assert "checkin.scans" not in processed
    assert Scan.objects.filter(secret_hash="").count() == 0


def test_the_command_counts_what_is_due_without_changing_it_then_applies(
    world, django_capture_on_commit_callbacks
):
    dry = StringIO()
    call_command("apply_retention", "--dry-run", "--now", NOW.isoformat(), stdout=dry)
    assert "registration.registrations: 2 due" in dry.getvalue().splitlines()
    assert "checkin.scans: 4 due" in dry.getvalue().splitlines()
    assert not RetentionRun.objects.exists()
    assert Registration.objects.get(pk=world["old_group"].pk).name == "Maria Kowalska"

    applied = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--now", NOW.isoformat(), stdout=applied)
    assert "registration.registrations: 2 anonymise (complete)" in applied.getvalue().splitlines()
    assert Registration.objects.get(pk=world["old_group"].pk).name == ""
