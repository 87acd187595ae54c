"""The joins between the fairs' parts: the exhibitor area links the stand page and the passes, stand
pages offer the visitor's plan, the demo's passes, passes of an application no longer accepted,
and no certificates or surveys for stand staff."""

import pytest
from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from cms.hooks import SEED_DEMO
from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory
from events.checkin.reach import reach_rows
from events.checkin.services import check_in
from events.checkin.tests.factories import CheckInListFactory, staff_user
from events.fairs import demo, services
from events.fairs.models import Application, ExhibitorPass, VisitorPlan
from events.fairs.queries import PLAN_SESSION_KEY
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    ExhibitorFactory,
    StandPageFactory,
    StandWorkshopFactory,
    exhibitor_person,
    make_fair,
)
from events.models import EventPage
from events.registration import services as registration_services
from events.registration.models import Registration, TicketType
from events.tests.factories import StandFactory

pytestmark = pytest.mark.django_db


# ---- the exhibitor area ----------------------------------------------------------------------


def test_area_links_an_accepted_applications_stand_editor_passes_and_live_stand_page(client, demo_site):
    call = ExhibitorCallFactory()
    stand = StandFactory(event=call.event, zone=call.event.zones.first(), number="12")
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED, stand=stand)
    page = StandPageFactory(stand=stand)
    client.force_login(exhibitor_person(application.exhibitor))

    content = client.get("/wystawca/").content.decode()

    assert f'<a href="/wystawca/stoisko/{application.pk}/">Edytuj stronę stoiska' in content
    assert f'<a href="/wystawca/przepustki/{application.pk}/">Przepustki obsługi stoiska' in content
    assert f'<a href="{page.url}">Publiczna strona stoiska' in content
    assert "Stoisko nie zostało jeszcze przydzielone" not in content


def test_area_says_the_stand_is_not_assigned_and_links_no_editor_without_a_stand(client, demo_site):
    application = ApplicationFactory(status=Application.Status.ACCEPTED, stand=None)
    client.force_login(exhibitor_person(application.exhibitor))

    content = client.get("/wystawca/").content.decode()

    assert "Stoisko nie zostało jeszcze przydzielone" in content
    assert f"/wystawca/stoisko/{application.pk}/" not in content
    assert f'<a href="/wystawca/przepustki/{application.pk}/">Przepustki obsługi stoiska' in content
    assert "Publiczna strona stoiska" not in content


def test_area_links_no_stand_page_that_is_not_live(client, demo_site):
    call = ExhibitorCallFactory()
    stand = StandFactory(event=call.event, zone=call.event.zones.first(), number="7")
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED, stand=stand)
    StandPageFactory(stand=stand, publish=False)
    client.force_login(exhibitor_person(application.exhibitor))

    content = client.get("/wystawca/").content.decode()

    assert f'<a href="/wystawca/stoisko/{application.pk}/">Edytuj stronę stoiska' in content
    assert "Publiczna strona stoiska" not in content


@pytest.mark.parametrize(
    "status",
    [
        Application.Status.DRAFT,
        Application.Status.SUBMITTED,
        Application.Status.WAITLISTED,
        Application.Status.DECLINED,
        Application.Status.WITHDRAWN,
    ],
)
def test_area_links_no_stand_editor_or_passes_for_an_application_not_accepted(client, demo_site, status):
    call = ExhibitorCallFactory()
    stand = StandFactory(event=call.event, zone=call.event.zones.first(), number="9")
    StandPageFactory(stand=stand)
    application = ApplicationFactory(call=call, status=status, stand=stand)
    client.force_login(exhibitor_person(application.exhibitor))

    content = client.get("/wystawca/").content.decode()

    assert f"/wystawca/stoisko/{application.pk}/" not in content
    assert f"/wystawca/przepustki/{application.pk}/" not in content
    assert "Publiczna strona stoiska" not in content
    assert "Stoisko nie zostało jeszcze przydzielone" not in content


def test_area_lists_only_the_own_institutions_links(client, demo_site):
    other = ApplicationFactory(status=Application.Status.ACCEPTED, stand=None)
    client.force_login(exhibitor_person(ExhibitorFactory()))

    content = client.get("/wystawca/").content.decode()

    assert f"/wystawca/przepustki/{other.pk}/" not in content


# ---- stand pages: the visitor's plan -------------------------------------------------------


def _stand_page_with_workshops():
    fair = make_fair(title="Festiwal Uczelni")
    stand = StandFactory(event=fair, zone=fair.zones.first(), number="12", institution="Politechnika Opolska")
    page = StandPageFactory(stand=stand, title="Politechnika Opolska")
    first = StandWorkshopFactory(page=page, title="Roboty w szkole")
    second = StandWorkshopFactory(page=page, title="Druk 3D", starts_at=first.ends_at)
    return page, stand, first, second


def test_stand_page_offers_plan_buttons_for_the_stand_and_each_workshop_without_a_csrf_token(
    client, demo_site
):
    page, stand, first, second = _stand_page_with_workshops()

    html = client.get(page.url).content.decode()

    assert html.count('action="/targi/plan/dodaj/"') == 3
    assert html.count(f'<input type="hidden" name="stand" value="{stand.pk}">') == 1
    assert html.count(f'<input type="hidden" name="workshop" value="{first.pk}">') == 1
    assert html.count(f'<input type="hidden" name="workshop" value="{second.pk}">') == 1
    assert (
        'Dodaj do mojego planu<span class="visually-hidden">: stoisko 12: Politechnika Opolska</span>' in html
    )
    assert 'Dodaj do mojego planu<span class="visually-hidden">: Roboty w szkole</span>' in html
    assert 'Dodaj do mojego planu<span class="visually-hidden">: Druk 3D</span>' in html
    assert "csrfmiddlewaretoken" not in html
    assert f'href="/targi/{page.stand.event_id}/moj-plan/"' in html
    assert "fairs/plan.js" in html


def test_a_workshop_button_on_the_stand_page_adds_the_workshop_and_comes_back(client, demo_site):
    page, stand, first, _second = _stand_page_with_workshops()
    client.get(page.url)

    response = client.post(
        "/targi/plan/dodaj/",
        {"workshop": first.pk, "next": page.url + "#stand-workshops-heading"},
        headers={"Sec-Fetch-Site": "same-origin"},
    )

    assert response.status_code == 302
    assert response["Location"] == page.url + "#stand-workshops-heading"
    plan = VisitorPlan.objects.get(token=client.session[PLAN_SESSION_KEY][str(stand.event_id)])
    assert list(plan.workshops.all()) == [first]
    assert list(plan.stands.all()) == []


def test_the_stand_button_on_the_stand_page_adds_the_stand(client, demo_site):
    page, stand, _first, _second = _stand_page_with_workshops()

    response = client.post(
        "/targi/plan/dodaj/", {"stand": stand.pk, "next": page.url}, headers={"Sec-Fetch-Site": "same-origin"}
    )

    assert response["Location"] == page.url
    plan = VisitorPlan.objects.get()
    assert list(plan.stands.all()) == [stand]


def test_english_stand_page_buttons_name_the_workshops_english_title(client, demo_site):
    page, _stand, first, _second = _stand_page_with_workshops()
    first.title_en = "Robots at school"
    first.save()

    html = client.get("/en" + page.url).content.decode()

    assert 'Add to my plan<span class="visually-hidden">: Robots at school</span>' in html


# ---- the demo's passes -----------------------------------------------------------------------


def _seed(home):
    for fn in hooks.get_hooks(SEED_DEMO):
        if fn.__module__ in ("events.wagtail_hooks", "events.fairs.wagtail_hooks"):
            fn(home=home, stdout=None)


def _demo_passes():
    return list(
        ExhibitorPass.objects.select_related("registration__ticket", "registration__ticket_type").order_by(
            "name"
        )
    )


def test_the_demo_names_its_two_passes_on_the_fairs_exhibitor_ticket_type(demo_site):
    _seed(demo_site)
    fair = EventPage.objects.get(slug=demo.FAIR_SLUG)

    passes = _demo_passes()

    assert [(p.name, p.registration.school_name) for p in passes] == [
        ("Alicja Przykładowa-Nowak", "Uniwersytet Przykładowy w Krakowie"),
        ("Jan Demonstracyjny", "Uniwersytet Przykładowy w Krakowie"),
    ]
    ticket_type = registration_services.exhibitor_ticket_type(event=fair)
    assert {p.registration.ticket_type_id for p in passes} == {ticket_type.pk}
    assert ticket_type.kind == TicketType.Kind.EXHIBITOR
    assert (ticket_type.is_active, ticket_type.invitation_required) == (False, True)
    assert list(TicketType.objects.filter(event=fair, kind=TicketType.Kind.EXHIBITOR)) == [ticket_type]
    assert [p.created_by.email for p in passes] == ["wystawca@example.org", "wystawca@example.org"]


def test_seeding_the_demo_twice_keeps_the_same_passes_and_qr_codes(demo_site):
    _seed(demo_site)
    first = [(p.pk, p.registration_id, p.registration.ticket.secret) for p in _demo_passes()]
    counts = (Registration.objects.count(), TicketType.objects.count(), OutgoingEmail.objects.count())

    _seed(demo_site)

    assert [(p.pk, p.registration_id, p.registration.ticket.secret) for p in _demo_passes()] == first
    assert (Registration.objects.count(), TicketType.objects.count(), OutgoingEmail.objects.count()) == counts
    assert len(first) == 2


def test_reach_does_not_count_the_demo_passes(demo_site):
    _seed(demo_site)
    fair = EventPage.objects.get(slug=demo.FAIR_SLUG)
    day = timezone.localdate(fair.starts_at)
    passes = {p.registration_id for p in _demo_passes()}
    visitors = Registration.objects.filter(event=fair, status="confirmed").exclude(pk__in=passes).count()

    rows = [row for row in reach_rows(start=day, end=day) if row.activity_key == f"event:{fair.pk}"]

    assert len(passes) == 2
    assert sum(row.registrations for row in rows) == visitors


# ---- passes of an application no longer accepted ---------------------------------------------


def _accepted_with_passes(count=2):
    call = ExhibitorCallFactory(staff_allowance=4)
    stand = StandFactory(event=call.event, zone=call.event.zones.first(), number="12")
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED, stand=stand)
    passes = [services.name_pass(application=application, name=f"Osoba {n}") for n in range(count)]
    return application, passes


@pytest.mark.parametrize(
    "status", [Application.Status.DECLINED, Application.Status.WAITLISTED, Application.Status.WITHDRAWN]
)
def test_cancel_passes_of_an_application_no_longer_accepted_cancels_every_pass(status):
    application, passes = _accepted_with_passes()
    _other, other_passes = _accepted_with_passes(count=1)
    staff = StaffFactory()
    Application.objects.filter(pk=application.pk).update(status=status)

    cancelled = services.cancel_passes_of(application=application, by=staff)

    assert sorted(p.pk for p in cancelled) == sorted(p.pk for p in passes)
    registrations = Registration.objects.filter(exhibitor_pass__in=passes)
    assert set(registrations.values_list("status", "cancelled_by")) == {("cancelled", staff.pk)}
    assert Registration.objects.get(exhibitor_pass=other_passes[0]).status == "confirmed"


def test_a_cancelled_pass_no_longer_admits_at_the_door():
    application, [exhibitor_pass] = _accepted_with_passes(count=1)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.DECLINED)

    services.cancel_passes_of(application=application)

    entrance = CheckInListFactory(event=application.call.event)
    answer = check_in(
        secret=exhibitor_pass.registration.ticket.secret, checkin_list=entrance, scanned_by=staff_user()
    )
    assert answer.result == "cancelled"


def test_cancel_passes_of_twice_cancels_nothing_more():
    application, passes = _accepted_with_passes()
    Application.objects.filter(pk=application.pk).update(status=Application.Status.DECLINED)
    services.cancel_passes_of(application=application)
    first = list(Registration.objects.filter(exhibitor_pass__in=passes).values_list("pk", "cancelled_at"))

    assert services.cancel_passes_of(application=application) == []
    assert (
        list(Registration.objects.filter(exhibitor_pass__in=passes).values_list("pk", "cancelled_at"))
        == first
    )


def test_cancel_passes_of_refuses_an_application_still_accepted():
    application, passes = _accepted_with_passes()

    with pytest.raises(services.PassError) as refused:
        services.cancel_passes_of(application=application)

    assert refused.value.code == "accepted"
    assert set(Registration.objects.filter(exhibitor_pass__in=passes).values_list("status", flat=True)) == {
        "confirmed"
    }


def test_cancel_passes_of_sees_a_status_changed_earlier_in_the_same_transaction():
    application, passes = _accepted_with_passes()

    with transaction.atomic():
        application.status = Application.Status.DECLINED
        application.save(update_fields=["status"])
        services.cancel_passes_of(application=application)

    assert set(Registration.objects.filter(exhibitor_pass__in=passes).values_list("status", flat=True)) == {
        "cancelled"
    }
