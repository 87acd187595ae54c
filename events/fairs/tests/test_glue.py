"""The joins between the fairs' parts: the exhibitor area links the stand page and the passes, stand
pages offer the visitor's plan, the demo's passes, passes of an application no longer accepted,
and no certificates or surveys for stand staff."""

import pytest

from events.fairs.models import Application
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    ExhibitorFactory,
    StandPageFactory,
    exhibitor_person,
)
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
