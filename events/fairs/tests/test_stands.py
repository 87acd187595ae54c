"""Stand pages: the public page, the fair page's links, the site search, and the exhibitor's
editing published at once or through the Wagtail workflow."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.models import WorkflowState

from cms.tests.factories import StaffFactory
from events.fairs.models import Application, StandPage
from events.fairs.tests.factories import (
    ApplicationFactory,
    ExhibitorCallFactory,
    StandPageFactory,
    StandWorkshopFactory,
    exhibitor_person,
    make_fair,
)
from events.models import EventKind
from events.tests.factories import EventPageFactory, StandFactory

pytestmark = pytest.mark.django_db


def _warsaw(fair, hour, minute=0):
    day = timezone.localdate(fair.starts_at)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _accepted(moderation=False, number="12"):
    call = ExhibitorCallFactory(edits_need_moderation=moderation)
    stand = StandFactory(event=call.event, zone=call.event.zones.first(), number=number)
    application = ApplicationFactory(call=call, status=Application.Status.ACCEPTED, stand=stand)
    application.exhibitor.name = "Politechnika Opolska"
    application.exhibitor.save()
    person = exhibitor_person(application.exhibitor)
    return application, person


def _form(fair, description="Laboratoria i rekrutacja.", workshops=(), initial=0, **fields):
    data = {
        "description": description,
        "description_en": "",
        "fields_of_study": "Informatyka\nMechatronika",
        "professions": "Programista",
        "website": "https://po.edu.pl/",
        "video_url": "",
        "workshops-TOTAL_FORMS": str(len(workshops) + 1),
        "workshops-INITIAL_FORMS": str(initial),
        "workshops-MIN_NUM_FORMS": "0",
        "workshops-MAX_NUM_FORMS": "1000",
    }
    for index, workshop in enumerate(workshops):
        for name, value in workshop.items():
            data[f"workshops-{index}-{name}"] = value
    data.update(fields)
    return data


def _url(application):
    return f"/wystawca/stoisko/{application.pk}/"


def _png(name="logo.png"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), "#0b4f8a").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


# ---- the public page -------------------------------------------------------------------------


def test_stand_page_shows_institution_stand_description_lists_and_workshops_in_warsaw_time(client, demo_site):
    fair = make_fair(title="Festiwal Uczelni")
    stand = StandFactory(
        event=fair, zone=fair.zones.get(number=2), number="7", institution="Uniwersytet Opolski"
    )
    page = StandPageFactory(
        stand=stand,
        title="Uniwersytet Opolski",
        fields_of_study="Biologia\nChemia",
        professions="Laborant",
        website="https://uni.opole.pl/",
    )
    StandWorkshopFactory(
        page=page,
        title="Pokaz chemii",
        starts_at=_warsaw(fair, 10, 30),
        ends_at=_warsaw(fair, 11, 15),
        places=20,
    )

    response = client.get(page.url)
    content = response.content.decode()

    assert response.status_code == 200
    assert '<h1 id="stand-title">Uniwersytet Opolski</h1>' in content
    assert "<dd>7</dd>" in content
    assert "<dd>2. Strefa 2</dd>" in content
    assert "Kierunki studiów, laboratoria i rekrutacja." in content
    assert "<li>Biologia</li><li>Chemia</li>" in content
    assert "<li>Laborant</li>" in content
    assert "Pokaz chemii" in content
    assert f"{timezone.localdate(fair.starts_at).day}" in content and ", 10:30</time>\u2013" in content
    assert ">11:15</time>" in content
    assert "(20 miejsc)" in content
    assert f'<a href="{fair.url}">Festiwal Uczelni</a>' in content  # the breadcrumbs back to the fair


def test_english_stand_page_shows_english_texts_and_falls_back_to_polish(client, demo_site):
    page = StandPageFactory(description="Opis po polsku.", description_en="")
    StandWorkshopFactory(page=page, title="Warsztat robotyki", title_en="Robotics workshop")
    translated = StandPageFactory(description="Tylko dla PL.", description_en="In English.")

    urls = (f"/en{page.url}", f"/en{translated.url}")  # before a request leaves English active

    fallback = client.get(urls[0]).content.decode()
    english = client.get(urls[1]).content.decode()

    assert '<div class="stand-description" lang="pl"><p>Opis po polsku.</p></div>' in fallback
    assert "<h3>Robotics workshop</h3>" in fallback
    assert '<div class="stand-description"><p>In English.</p></div>' in english
    assert "Tylko dla PL." not in english


def test_stand_pages_can_be_created_only_under_a_fair():
    fair = make_fair()
    festival = EventPageFactory(kind=EventKind.FESTIVAL)

    assert StandPage.can_create_at(fair)
    assert not StandPage.can_create_at(festival)
    assert not StandPage.can_create_at(fair.get_parent())


def test_site_search_finds_stand_pages(client, demo_site):
    StandPageFactory(title="Akademia Morska", description="Nawigacja i oceanotechnika dla maturzystów.")

    polish = client.get("/szukaj/", {"q": "oceanotechnika"}).content.decode()
    english = client.get("/en/search/", {"q": "oceanotechnika"}).content.decode()

    assert "Akademia Morska</a>" in polish
    assert "Akademia Morska</a>" in english


# ---- the fair page ---------------------------------------------------------------------------


def test_fair_page_links_a_stand_to_its_live_page_only(client, demo_site):
    fair = make_fair()
    with_page = StandFactory(event=fair, zone=fair.zones.first(), institution="Politechnika", url="")
    draft = StandFactory(
        event=fair, zone=fair.zones.first(), institution="Akademia", url="https://a.example/"
    )
    page = StandPageFactory(stand=with_page)
    StandPageFactory(stand=draft, publish=False)

    content = client.get(fair.url).content.decode()

    assert f'<a href="{page.url}">Politechnika</a>' in content
    assert '<a href="https://a.example/" rel="noopener">Akademia</a>' in content


def _fair_page_queries(client, fair):
    client.get(fair.url)  # warm the process caches (content types, renditions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(fair.url, {"zone": ""})  # a new cache key: a real render
    assert response.status_code == 200
    return len(queries)


def test_fair_page_query_count_does_not_grow_with_stand_pages(client, demo_site, django_assert_num_queries):
    small, large = make_fair(), make_fair()
    StandPageFactory(stand=StandFactory(event=small, zone=small.zones.first()))
    for number in range(6):
        StandPageFactory(stand=StandFactory(event=large, zone=large.zones.all()[number % 2]))
    StandFactory(event=large, zone=large.zones.first())  # one without a page

    queries = _fair_page_queries(client, small)
    client.get(large.url)
    with django_assert_num_queries(queries):
        client.get(large.url, {"zone": ""})


# ---- the exhibitor edits ---------------------------------------------------------------------


def test_exhibitor_saves_the_stand_page_and_it_is_published_at_once(client, demo_site):
    application, person = _accepted()
    fair = application.call.event
    client.force_login(person)

    response = client.post(
        _url(application),
        _form(
            fair,
            workshops=[
                {
                    "title": "Roboty mobilne",
                    "title_en": "Mobile robots",
                    "starts_at": f"{timezone.localdate(fair.starts_at)}T10:00",
                    "ends_at": f"{timezone.localdate(fair.starts_at)}T10:45",
                    "places": "15",
                }
            ],
        ),
    )

    assert response.status_code == 302
    page = StandPage.objects.get(stand=application.stand)
    assert page.live
    assert page.get_parent().pk == fair.pk
    assert page.title == "Politechnika Opolska"
    assert page.slug == "12-politechnika-opolska"
    assert page.description == "Laboratoria i rekrutacja."
    assert [
        (w.title, w.title_en, timezone.localtime(w.starts_at).time(), w.places) for w in page.workshops.all()
    ] == [("Roboty mobilne", "Mobile robots", datetime.time(10, 0), 15)]
    public = client.get(page.url).content.decode()
    assert "Roboty mobilne" in public
    edit = client.get(_url(application))
    assert {"private", "no-store"} <= set(edit["Cache-Control"].split(", "))
    assert "Strona jest opublikowana." in edit.content.decode()


def test_a_second_save_removes_a_deleted_workshop_and_keeps_the_one_page(client, demo_site):
    application, person = _accepted()
    fair = application.call.event
    client.force_login(person)
    day = timezone.localdate(fair.starts_at)
    first = {"title": "A", "starts_at": f"{day}T10:00", "ends_at": f"{day}T10:30"}
    second = {"title": "B", "starts_at": f"{day}T11:00", "ends_at": f"{day}T11:30"}
    client.post(_url(application), _form(fair, workshops=[first, second]))
    response = client.post(
        _url(application),
        _form(fair, description="Nowy opis.", workshops=[{**first, "DELETE": "on"}, second], initial=2),
    )

    assert response.status_code == 302
    page = StandPage.objects.get(stand=application.stand)
    assert page.description == "Nowy opis."
    assert [workshop.title for workshop in page.workshops.all()] == ["B"]


def test_edit_form_shows_the_saved_workshops_for_editing(client, demo_site):
    application, person = _accepted()
    fair = application.call.event
    client.force_login(person)
    day = timezone.localdate(fair.starts_at)
    client.post(
        _url(application),
        _form(fair, workshops=[{"title": "Druk 3D", "starts_at": f"{day}T12:00", "ends_at": f"{day}T12:30"}]),
    )

    content = client.get(_url(application)).content.decode()

    assert 'name="workshops-INITIAL_FORMS" value="1"' in content
    assert 'value="Druk 3D"' in content
    assert f'value="{day}T12:00"' in content


def test_workshop_outside_the_fair_days_is_refused_and_the_form_keeps_the_input(client, demo_site):
    application, person = _accepted()
    fair = application.call.event
    client.force_login(person)
    next_day = timezone.localdate(fair.starts_at) + datetime.timedelta(days=1)

    response = client.post(
        _url(application),
        _form(
            fair,
            description="Mój opis",
            workshops=[
                {"title": "Za późno", "starts_at": f"{next_day}T10:00", "ends_at": f"{next_day}T09:00"}
            ],
        ),
    )
    content = response.content.decode()

    assert response.status_code == 400
    assert "Warsztat musi się odbyć w dniach targów" in content
    assert "Warsztat musi się skończyć po rozpoczęciu." in content
    assert "Mój opis" in content and 'value="Za późno"' in content
    assert not StandPage.objects.filter(stand=application.stand).exists()


def test_logo_upload_becomes_a_wagtail_image_and_a_non_image_is_refused(client, demo_site):
    application, person = _accepted()
    fair = application.call.event
    client.force_login(person)

    refused = client.post(
        _url(application), {**_form(fair), "logo": SimpleUploadedFile("logo.png", b"not an image")}
    )
    assert refused.status_code == 400
    assert not StandPage.objects.filter(stand=application.stand).exists()

    client.post(_url(application), {**_form(fair), "logo": _png()})
    page = StandPage.objects.get(stand=application.stand)
    assert page.logo.title == "Logo: Politechnika Opolska"
    assert (page.logo.width, page.logo.height) == (40, 20)


# ---- moderation ------------------------------------------------------------------------------


def test_moderated_edit_waits_for_approval_and_approving_it_publishes_the_exhibitor_text(client, demo_site):
    application, person = _accepted(moderation=True)
    fair = application.call.event
    old = StandPageFactory(stand=application.stand, description="Zatwierdzony opis.")
    client.force_login(person)

    client.post(_url(application), _form(fair, description="Nowy opis od wystawcy."))

    page = StandPage.objects.get(pk=old.pk)
    assert page.description == "Zatwierdzony opis."  # the live page stays as approved
    assert "Zatwierdzony opis." in client.get(page.url).content.decode()
    assert "Nowy opis od wystawcy." not in client.get(page.url).content.decode()
    edit = client.get(_url(application)).content.decode()
    assert "Twoje ostatnie zmiany czekają na zatwierdzenie przez organizatorów." in edit
    assert "Nowy opis od wystawcy." in edit  # the exhibitor edits their own latest version

    state = page.current_workflow_state
    staff = StaffFactory()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Stand pages: staff approval"
    assert [action[0] for action in state.current_task_state.task.specific.get_actions(page, staff)] == [
        "reject",
        "approve",
        "approve",
    ]  # a staff member (not a superuser, not in Moderators) may approve in the Wagtail admin
    state.current_task_state.approve(user=staff)

    page.refresh_from_db()
    assert page.description == "Nowy opis od wystawcy."
    assert "Nowy opis od wystawcy." in client.get(page.url).content.decode()
    assert "Strona jest opublikowana." in client.get(_url(application)).content.decode()


def test_a_new_moderated_page_is_not_public_until_approved(client, demo_site):
    application, person = _accepted(moderation=True)
    client.force_login(person)

    client.post(_url(application), _form(application.call.event, description="Pierwszy opis."))

    page = StandPage.objects.get(stand=application.stand)
    assert not page.live
    assert client.get(page.get_url()).status_code == 404 if page.get_url() else True
    page.current_workflow_state.current_task_state.approve(user=StaffFactory())
    page.refresh_from_db()
    assert page.live
    assert "Pierwszy opis." in client.get(page.url).content.decode()


def test_saving_again_during_moderation_restarts_the_workflow_on_the_newest_version(client, demo_site):
    application, person = _accepted(moderation=True)
    fair = application.call.event
    client.force_login(person)
    client.post(_url(application), _form(fair, description="Wersja 1."))
    client.post(_url(application), _form(fair, description="Wersja 2."))

    page = StandPage.objects.get(stand=application.stand)
    states = WorkflowState.objects.for_instance(page)
    assert sorted(states.values_list("status", flat=True)) == ["cancelled", "in_progress"]
    page.current_workflow_state.current_task_state.approve(user=StaffFactory())
    page.refresh_from_db()
    assert page.description == "Wersja 2."


def test_requested_changes_are_shown_to_the_exhibitor(client, demo_site):
    application, person = _accepted(moderation=True)
    client.force_login(person)
    client.post(_url(application), _form(application.call.event))
    page = StandPage.objects.get(stand=application.stand)

    page.current_workflow_state.current_task_state.reject(user=StaffFactory(), comment="Dodajcie logo.")

    content = client.get(_url(application)).content.decode()
    assert "Organizatorzy poprosili o zmiany." in content
    assert "„Dodajcie logo.”" in content


# ---- who may edit ----------------------------------------------------------------------------


def test_the_editor_and_the_fair_page_link_work_in_english(client, demo_site):
    application, person = _accepted()
    page = StandPageFactory(stand=application.stand)
    fair_url, page_url = application.call.event.url, page.url
    client.force_login(person)

    editor = client.get(f"/en{_url(application)}").content.decode()
    fair = client.get(f"/en{fair_url}").content.decode()

    assert "<h1>Your stand page: Politechnika Opolska</h1>" in editor
    assert "The page is published." in editor
    assert f'<a href="/en{page_url}">' in fair


def test_only_the_accepted_exhibitors_people_reach_the_editor(client, demo_site):
    application, person = _accepted()
    other = ApplicationFactory(call=application.call, status=Application.Status.SUBMITTED)
    other_person = exhibitor_person(other.exhibitor)
    own_submitted = ApplicationFactory(status=Application.Status.SUBMITTED, exhibitor=application.exhibitor)

    assert client.get(_url(application)).status_code == 302  # to log in
    client.force_login(other_person)
    assert client.get(_url(application)).status_code == 404
    assert client.post(_url(application), _form(application.call.event)).status_code == 404
    client.force_login(StaffFactory())
    assert client.get(_url(application)).status_code == 404
    client.force_login(person)
    assert client.get(_url(own_submitted)).status_code == 404
    assert client.get(_url(application)).status_code == 200
    assert not StandPage.objects.exists()


def test_without_a_stand_the_editor_says_so_and_saves_nothing(client, demo_site):
    application, person = _accepted()
    Application.objects.filter(pk=application.pk).update(stand=None)
    client.force_login(person)

    content = client.get(_url(application)).content.decode()
    response = client.post(_url(application), _form(application.call.event))

    assert "Organizatorzy nie przydzielili jeszcze Twojego stoiska." in content
    assert response.status_code == 200
    assert not StandPage.objects.exists()
