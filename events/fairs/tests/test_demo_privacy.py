"""The exhibitors' demo (seeded once, every state of an application, stand pages, passes) and the
fairs' personal data: export and erasure by e-mail, and retention with a fixed clock."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail import hooks

from cms.hooks import DEMO_LOGINS, SEED_DEMO
from cms.privacy.sources import data_sources
from cms.retention.services import apply_retention
from events.fairs import demo, privacy
from events.fairs.models import (
    EXHIBITOR,
    Application,
    Exhibitor,
    ExhibitorCall,
    ExhibitorMember,
    ExhibitorPass,
    StandPage,
    StandWorkshop,
)
from events.fairs.tests.factories import ApplicationFactory, ExhibitorCallFactory, exhibitor_person, make_fair
from events.models import EventPage, Stand
from events.registration.models import Registration, Ticket
from events.registration.tests.factories import RegistrationFactory, TicketTypeFactory

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def seed(home):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ in ("events.wagtail_hooks", "events.fairs.wagtail_hooks"):
            fn(home=home, stdout=None)


def demo_rows():
    models = (
        ExhibitorCall,
        Exhibitor,
        ExhibitorMember,
        Application,
        Stand,
        StandPage,
        StandWorkshop,
        ExhibitorPass,
        Registration,
        Ticket,
        get_user_model(),
    )
    return {model.__name__: model.objects.count() for model in models}


def test_seeding_the_demo_twice_gives_the_same_rows(demo_site):
    seed(demo_site)
    first = demo_rows()
    seed(demo_site)

    assert demo_rows() == first
    assert (first["ExhibitorCall"], first["Exhibitor"], first["Application"]) == (1, 8, 8)
    assert (first["StandPage"], first["StandWorkshop"], first["ExhibitorPass"]) == (3, 6, 2)
    assert first["Stand"] == 34 + 3  # the fair's imported stands and the three accepted exhibitors'


def test_the_demo_call_is_open_on_the_university_fair_with_an_application_in_every_state(demo_site):
    seed(demo_site)
    now = timezone.now()
    call = ExhibitorCall.objects.select_related("event").get()
    applications = {a.exhibitor.name: a for a in call.applications.select_related("exhibitor", "stand__zone")}

    assert call.event.slug == "festiwal-uczelni-malopolska"
    assert call.opens_at < now < call.closes_at < call.event.starts_at
    assert sorted(a.status for a in applications.values()) == sorted(
        [
            "accepted",
            "accepted",
            "accepted",
            "declined",
            "draft",
            "submitted",
            "waitlisted",
            "withdrawn",
        ]
    )
    assert {a.exhibitor.kind for a in applications.values()} == {
        "university",
        "pan_institute",
        "lukasiewicz",
        "skills_centre",
        "labour_market",
        "employer",
    }
    accepted = [a for a in applications.values() if a.status == "accepted"]
    assert sorted((a.stand.number, a.stand.zone.number) for a in accepted) == [
        ("101", 1),
        ("102", 2),
        ("103", 9),
    ]
    assert all(a.stand.institution == a.exhibitor.name for a in accepted)
    declined = next(a for a in applications.values() if a.status == "declined")
    assert declined.decision_reason.startswith("Targi są dla uczniów")
    assert declined.decided_at is not None
    draft = next(a for a in applications.values() if a.status == "draft")
    assert draft.submitted_at is None
    assert all(a.contact_email.endswith("@example.org") for a in applications.values())


def test_the_demo_stand_pages_are_live_under_the_fair_with_workshops_during_the_fair(demo_site):
    seed(demo_site)
    fair = EventPage.objects.get(slug="festiwal-uczelni-malopolska")
    fair_days = {timezone.localdate(fair.starts_at), timezone.localdate(fair.ends_at)}
    pages = StandPage.objects.child_of(fair).live().order_by("stand__number")

    assert [(page.stand.number, page.slug) for page in pages] == [
        ("101", "stoisko-101"),
        ("102", "stoisko-102"),
        ("103", "stoisko-103"),
    ]
    university = pages[0]
    assert university.title == "Uniwersytet Przykładowy w Krakowie"
    assert university.description.startswith("Uniwersytet Przykładowy zaprasza")
    assert university.description_en.startswith("The Example University")
    assert university.fields_of_study.splitlines()[0] == "Biotechnologia"
    workshops = StandWorkshop.objects.filter(page__in=pages).order_by("starts_at")
    assert {timezone.localdate(w.starts_at) for w in workshops} == fair_days
    assert all(fair.starts_at <= w.starts_at < w.ends_at <= fair.ends_at for w in workshops)
    first = StandWorkshop.objects.filter(page=university).order_by("starts_at").first()
    assert (first.title, first.title_en, timezone.localtime(first.starts_at, WARSAW).strftime("%H:%M")) == (
        "Chemia, która zaskakuje",
        "Chemistry that surprises",
        "10:00",
    )


def test_the_demo_exhibitor_signs_in_for_the_accepted_university_with_two_named_passes(demo_site):
    seed(demo_site)
    user = get_user_model().objects.get(email="wystawca@example.org")
    membership = ExhibitorMember.objects.select_related("exhibitor").get(user=user)
    application = Application.objects.get(exhibitor=membership.exhibitor)
    passes = list(application.passes.select_related("registration__ticket").order_by("name"))

    assert membership.exhibitor.name == "Uniwersytet Przykładowy w Krakowie"
    assert list(
        ExhibitorMember.objects.filter(exhibitor=membership.exhibitor)
        .order_by("pk")
        .values_list("user__email", flat=True)
    ) == ["wystawca@example.org", "piotr.przykladowy@example.org"]
    assert application.status == "accepted"
    assert user.groups.filter(name=EXHIBITOR).exists()
    assert user.emailaddress_set.get().verified
    assert [(p.name, p.email) for p in passes] == [
        ("Alicja Przykładowa-Nowak", "alicja.przykladowa@example.org"),
        ("Jan Demonstracyjny", "jan.demonstracyjny@example.org"),
    ]
    assert all(p.registration.status == "confirmed" and p.registration.ticket.secret for p in passes)
    assert {p.registration.ticket_type.is_active for p in passes} == {False}
    logins = [login for fn in hooks.get_hooks(DEMO_LOGINS) for login in fn()]
    assert [(role, email, path) for role, email, _password, path in logins if email == user.email] == [
        ("fair exhibitor", "wystawca@example.org", "/wystawca/")
    ]


def test_no_demo_login_is_reported_before_the_demo_ran(db):
    assert demo.exhibitor_demo_logins() == []


# ---- personal data --------------------------------------------------------------------------


def named_pass(application, name, email):
    registration = RegistrationFactory(
        ticket_type=TicketTypeFactory(event=application.call.event), name=name, email=email
    )
    return ExhibitorPass.objects.create(
        application=application, registration=registration, name=name, email=email
    )


@pytest.fixture
def people(db):
    call = ExhibitorCallFactory()
    anna = ApplicationFactory(
        call=call,
        status="accepted",
        contact_name="Anna Nowak",
        contact_email="Anna@example.org",
        decision_reason="OK",
    )
    other = ApplicationFactory(
        call=call, status="submitted", contact_name="Ewa Lis", contact_email="ewa@example.org"
    )
    person = exhibitor_person(anna.exhibitor, email="anna@example.org")
    colleague = exhibitor_person(anna.exhibitor, email="piotr@example.org")
    return {
        "anna": anna,
        "other": other,
        "person": person,
        "colleague": colleague,
        "anna_pass": named_pass(anna, "Anna Nowak", "anna@example.org"),
        "staff_pass": named_pass(anna, "Piotr Wiśniewski", "piotr@example.org"),
    }


def test_the_fairs_are_a_source_of_personal_data(db):
    assert [source.key for source in data_sources()].count("fairs") == 1


def test_export_holds_the_persons_applications_memberships_and_passes_only(people):
    anna = people["anna"]

    data = privacy.export("anna@example.org")

    assert data["exhibitor_applications"] == [
        {
            "id": anna.pk,
            "fair": anna.call.event.title,
            "fair_starts_at": anna.call.event.starts_at,
            "institution": anna.exhibitor.name,
            "status": "accepted",
            "contact_name": "Anna Nowak",
            "contact_email": "Anna@example.org",
            "contact_phone": "+48 600 100 200",
            "created_at": anna.created_at,
            "submitted_at": None,
            "decided_at": None,
            "decision_reason": "OK",
        }
    ]
    assert data["exhibitor_memberships"] == [
        {
            "institution": anna.exhibitor.name,
            "institution_kind": "university",
            "added_at": ExhibitorMember.objects.get(user=people["person"]).added_at,
        }
    ]
    assert [(row["name"], row["email"], row["institution"]) for row in data["exhibitor_passes"]] == [
        ("Anna Nowak", "anna@example.org", anna.exhibitor.name)
    ]
    assert "Ewa Lis" not in str(data) and "piotr@example.org" not in str(data)


def test_erasure_anonymises_the_contact_but_keeps_the_application_and_leaves_others_alone(people):
    erasure = privacy.erase("anna@example.org")

    anna = Application.objects.get(pk=people["anna"].pk)
    assert (anna.contact_name, anna.contact_email, anna.contact_phone) == (
        "—",
        f"kontakt-{anna.pk}@anonim.invalid",
        "",
    )
    assert (anna.status, anna.exhibitor_id, anna.decision_reason, anna.tables, anna.power) == (
        "accepted",
        people["anna"].exhibitor_id,
        "OK",
        2,
        True,
    )
    other = Application.objects.get(pk=people["other"].pk)
    assert (other.contact_name, other.contact_email) == ("Ewa Lis", "ewa@example.org")
    assert list(ExhibitorMember.objects.values_list("user__email", flat=True)) == ["piotr@example.org"]
    assert list(ExhibitorPass.objects.order_by("pk").values_list("name", "email")) == [
        ("—", ""),
        ("Piotr Wiśniewski", "piotr@example.org"),
    ]
    assert list(erasure.done.values()) == [1, 1, 1]
    assert erasure.kept == [
        "Zgłoszenia na targi, które dopiero się odbędą, są prowadzone dalej bez osoby kontaktowej: "
        "poproś instytucję o wskazanie nowej."
    ]
    assert privacy.export("anna@example.org") == {
        "exhibitor_applications": [],
        "exhibitor_memberships": [],
        "exhibitor_passes": [],
    }


def test_erasure_of_a_past_fairs_contact_keeps_no_note(db):
    past = make_fair(
        starts_at=timezone.now() - datetime.timedelta(days=40),
        ends_at=timezone.now() - datetime.timedelta(days=39),
    )
    ApplicationFactory(
        call=ExhibitorCallFactory(event=past), status="accepted", contact_email="anna@example.org"
    )

    erasure = privacy.erase("anna@example.org")

    assert erasure.kept == []
    assert list(erasure.done.values()) == [1, 0, 0]


# ---- retention ------------------------------------------------------------------------------

NOW = datetime.datetime(2027, 6, 1, 12, 0, tzinfo=WARSAW)


def fair_that_ended(year, month, day):
    ends = datetime.datetime(year, month, day, 15, 0, tzinfo=WARSAW)
    return make_fair(starts_at=ends - datetime.timedelta(days=1, hours=6), ends_at=ends)


@pytest.fixture
def retention_world(db):
    old = ExhibitorCallFactory(event=fair_that_ended(2025, 5, 20))  # more than 2 years before NOW
    mid = ExhibitorCallFactory(event=fair_that_ended(2026, 5, 20))  # more than 1, less than 2 years
    new = ExhibitorCallFactory(event=fair_that_ended(2027, 5, 20))
    world = {}
    for key, call in (("old", old), ("mid", mid), ("new", new)):
        application = ApplicationFactory(call=call, status="accepted", contact_name=f"Kontakt {key}")
        world[key] = application
        world[f"{key}_pass"] = named_pass(application, f"Osoba {key}", f"osoba.{key}@example.org")
    return world


def run_fairs_retention(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        runs = apply_retention(now=NOW, kinds={"fairs.application_contacts", "fairs.exhibitor_passes"})
    return {run.kind: run.processed for run in runs}


def test_contacts_go_two_years_and_pass_names_one_year_after_the_fair(
    retention_world, django_capture_on_commit_callbacks
):
    processed = run_fairs_retention(django_capture_on_commit_callbacks)

    assert processed == {"fairs.application_contacts": 1, "fairs.exhibitor_passes": 2}
    contacts = {
        key: Application.objects.values_list("contact_name", "contact_phone").get(pk=retention_world[key].pk)
        for key in ("old", "mid", "new")
    }
    assert contacts == {
        "old": ("—", ""),
        "mid": ("Kontakt mid", "+48 600 100 200"),
        "new": ("Kontakt new", "+48 600 100 200"),
    }
    old = Application.objects.get(pk=retention_world["old"].pk)
    assert (old.contact_email, old.status, old.showcase) == (
        f"kontakt-{old.pk}@anonim.invalid",
        "accepted",
        "Pokazy robotów i rekrutacja na studia inżynierskie.",
    )
    passes = {
        key: ExhibitorPass.objects.values_list("name", "email").get(pk=retention_world[f"{key}_pass"].pk)
        for key in ("old", "mid", "new")
    }
    assert passes == {"old": ("—", ""), "mid": ("—", ""), "new": ("Osoba new", "osoba.new@example.org")}


def test_a_second_retention_run_changes_nothing(retention_world, django_capture_on_commit_callbacks):
    run_fairs_retention(django_capture_on_commit_callbacks)

    assert run_fairs_retention(django_capture_on_commit_callbacks) == {
        "fairs.application_contacts": 0,
        "fairs.exhibitor_passes": 0,
    }


def test_erasing_a_stand_staff_member_through_every_source_cancels_the_pass_and_clears_its_name(people):
    staff_pass = people["staff_pass"]
    old_secret = staff_pass.registration.ticket.secret

    for source in data_sources():
        source.erase("piotr@example.org")

    staff_pass.refresh_from_db()
    registration = Registration.objects.select_related("ticket").get(pk=staff_pass.registration_id)
    assert (staff_pass.name, staff_pass.email) == ("—", "")
    assert (registration.status, registration.name, registration.email) == ("cancelled", "—", "")
    assert registration.ticket.secret != old_secret
    assert not ExhibitorMember.objects.filter(user__email__iexact="piotr@example.org").exists()
    assert ExhibitorPass.objects.get(pk=people["anna_pass"].pk).name == "Anna Nowak"


def test_the_export_of_every_source_holds_the_fairs_tables(people):
    fairs = next(source for source in data_sources() if source.key == "fairs")

    assert sorted(fairs.export("piotr@example.org")) == [
        "exhibitor_applications",
        "exhibitor_memberships",
        "exhibitor_passes",
    ]
    assert [row["name"] for row in fairs.export("piotr@example.org")["exhibitor_passes"]] == [
        "Piotr Wiśniewski"
    ]
