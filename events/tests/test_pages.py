# ruff: noqa: RUF001 (Polish dates use en dashes)
import datetime
import re
import zoneinfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.loader import get_template
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from cms.tests.factories import make_image
from events.models import EventPage, Session, Zone
from events.tests.factories import EventIndexPageFactory, EventPageFactory, StandFactory, ZoneFactory

WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")


def at(*args):
    return datetime.datetime(*args, tzinfo=WARSAW)


@pytest.fixture
def index(demo_site):
    return EventIndexPageFactory(parent=demo_site, slug="wydarzenia", title="Wydarzenia")


def titles(response):
    return re.findall(r'<h3 id="event-\d+-title"><a href="[^"]+">([^<]+)</a></h3>', response.content.decode())


def test_festival_page_shows_dates_venue_audiences_and_programme_by_day(client, index):
    event = EventPageFactory(
        parent=index,
        title="Festiwal Zawodów",
        kind="festival",
        lead="Dwa dni pokazów zawodów.",
        starts_at=at(2030, 5, 12, 9),
        ends_at=at(2030, 5, 13, 15),
        venue_name="Centrum Wystawienniczo-Kongresowe",
        street="ul. Wrocławska 115",
        postal_code="45-836",
        municipality="Opole",
        county="1661",
        voivodeship="16",
        organiser="WUP w Opolu",
        audiences=["pupils", "teachers"],
        sessions=[
            {
                "title": "Pokazy w Nysie",
                "starts_at": at(2030, 5, 13, 9),
                "ends_at": at(2030, 5, 13, 12),
                "room": "Nysa, aula",
            },
            {
                "title": "Otwarcie",
                "starts_at": at(2030, 5, 12, 9),
                "ends_at": at(2030, 5, 12, 10, 30),
                "room": "Hala A",
            },
        ],
    )

    response = client.get(event.url)

    assert response.status_code == 200
    assertContains(response, '<p class="event-kind">Festiwal</p>', html=True)
    assertContains(response, '<h1 id="event-title">Festiwal Zawodów</h1>', html=True)
    assertContains(response, '<p class="lead">Dwa dni pokazów zawodów.</p>', html=True)
    assertContains(
        response,
        '<time datetime="2030-05-12T09:00:00+02:00">12 maja 2030, 9:00 – 13 maja 2030, 15:00</time>',
        html=True,
    )
    assertContains(response, "ul. Wrocławska 115, 45-836 Opole<br>")
    assertContains(response, "Opole (miasto na prawach powiatu), województwo opolskie")
    assertContains(response, "<div><dt>Organizator</dt><dd>WUP w Opolu</dd></div>", html=True)
    assertContains(response, "<div><dt>Dla kogo</dt><dd>uczniowie, nauczyciele</dd></div>", html=True)
    content = response.content.decode()
    assert content.index("Niedziela, 12 maja 2030") < content.index("Poniedziałek, 13 maja 2030")
    assertContains(
        response,
        '<tr><td class="nowrap">9:00–10:30</td><th scope="row">Otwarcie</th><td>Hala A</td></tr>',
        html=True,
    )
    assertContains(
        response,
        '<tr><td class="nowrap">9:00–12:00</td><th scope="row">Pokazy w Nysie</th><td>Nysa, aula</td></tr>',
        html=True,
    )
    assertNotContains(response, "Strefy i stoiska")
    assertNotContains(response, "Protokół")


def test_county_in_its_voivodeship_is_named_as_a_county(client, index):
    event = EventPageFactory(
        parent=index, municipality="Nysa", county="1607", voivodeship="16", postal_code="48-300"
    )

    response = client.get(event.url)

    assertContains(response, "powiat nyski, województwo opolskie")


def test_all_day_event_shows_days_only(client, index):
    event = EventPageFactory(parent=index, starts_at=at(2030, 6, 1), ends_at=at(2030, 6, 3), all_day=True)

    response = client.get(event.url)

    assertContains(response, '<time datetime="2030-06-01T00:00:00+02:00">1–2 czerwca 2030</time>', html=True)
    assertContains(response, "(cały dzień)")


def test_webinar_page_shows_online_link_and_no_venue(client, index):
    event = EventPageFactory(
        parent=index,
        title="Webinar o kształceniu dualnym",
        kind="webinar",
        online_url="https://example.org/webinar",
        venue_name="",
        street="",
        postal_code="",
        municipality="",
        county="",
        voivodeship="",
    )

    response = client.get(event.url)

    assertContains(
        response,
        '<dd>Online: <a href="https://example.org/webinar" rel="noopener">link do spotkania'
        '<span class="visually-hidden"> — Webinar o kształceniu dualnym</span></a></dd>',
        html=True,
    )
    assertNotContains(response, "event-venue")


def test_members_only_meeting_shows_notice_and_hides_the_minutes_from_the_public(client, index):
    document = get_document_model().objects.create(
        title="Protokół z posiedzenia", file=ContentFile(b"%PDF-1.4 protokol", name="protokol.pdf")
    )
    event = EventPageFactory(parent=index, kind="meeting", members_only=True, minutes=document)

    response = client.get(event.url)

    assertContains(
        response,
        '<p class="notice members-only">Tylko dla członków WZK: udział na zaproszenie.</p>',
        html=True,
    )
    assertContains(response, '<h2 id="minutes-heading">Protokół</h2>', html=True)
    assertNotContains(response, "Protokół z posiedzenia")
    assertNotContains(response, document.url)
    assertContains(response, "Protokół jest dostępny dla członków WZK po zalogowaniu.")


def test_meeting_without_minutes_says_they_will_follow(client, index):
    event = EventPageFactory(parent=index, kind="meeting")

    response = client.get(event.url)

    assertContains(response, "Protokół zostanie opublikowany tutaj po posiedzeniu.")


def test_event_image_has_its_alternative_text(client, index):
    image = get_image_model().objects.create(title="Hala", file=get_test_image_file())
    event = EventPageFactory(parent=index, image=image, image_alt="Uczniowie przy stoisku mechatroniki")

    response = client.get(event.url)

    assert re.search(
        r'<img alt="Uczniowie przy stoisku mechatroniki"[^>]*src="[^"]+"', response.content.decode()
    )


def test_event_actions_place_is_rendered_for_other_capabilities(client, index):
    event = EventPageFactory(parent=index)

    assert client.get(event.url).status_code == 200
    assert "REGISTRATION" in get_template("events/includes/event_actions.html").template.source


@pytest.fixture
def fair(index):
    event = EventPageFactory(parent=index, title="Festiwal Uczelni", kind="fair")
    universities = ZoneFactory(page=event, number=1, name="Uniwersytety", colour="niebieski", sort_order=1)
    institutes = ZoneFactory(page=event, number=7, name="Instytuty PAN", sort_order=2)
    StandFactory(
        zone=universities, number="10", institution="Uniwersytet Jagielloński", url="https://www.uj.edu.pl/"
    )
    StandFactory(zone=universities, number="2", institution="Akademia Górniczo-Hutnicza", url="")
    StandFactory(zone=institutes, number="31", institution="Instytut Fizyki Jądrowej PAN")
    return event, universities, institutes


def stand_names(response):
    return re.findall(
        r'<th scope="row">(?:<a [^>]+>)?([^<]+)', response.content.decode().split('id="stoiska"')[1]
    )


def test_fair_lists_zones_with_counts_and_all_stands_in_order(client, fair):
    event, universities, _institutes = fair

    response = client.get(event.url)

    assertContains(
        response,
        f'<a href="?zone={universities.pk}#stoiska"><strong>1. Uniwersytety</strong></a>',
        html=True,
    )
    assertContains(response, '<span class="meta">(2 stoiska, kolor: niebieski)</span>', html=True)
    assertContains(response, '<span class="meta">(1 stoisko)</span>', html=True)
    assert stand_names(response) == [
        "Akademia Górniczo-Hutnicza",
        "Uniwersytet Jagielloński",
        "Instytut Fizyki Jądrowej PAN",
    ]
    assertContains(
        response, '<a href="https://www.uj.edu.pl/" rel="noopener">Uniwersytet Jagielloński</a>', html=True
    )


def test_fair_stands_filter_by_zone_without_javascript(client, fair):
    event, _universities, institutes = fair

    response = client.get(event.url, {"zone": institutes.pk})

    assert stand_names(response) == ["Instytut Fizyki Jądrowej PAN"]
    assertContains(response, "Stoiska w strefie 7. Instytuty PAN")
    assertContains(response, f'<option value="{institutes.pk}" selected>7. Instytuty PAN</option>', html=True)


@pytest.mark.parametrize("zone", ["abc", "999999"])
def test_unknown_zone_shows_message_and_all_stands(client, fair, zone):
    event = fair[0]

    response = client.get(event.url, {"zone": zone})

    assert response.status_code == 200
    assertContains(response, "Na tych targach nie ma takiej strefy.")
    assert len(stand_names(response)) == 3


def test_index_lists_upcoming_published_events_soonest_first(client, index):
    EventPageFactory(parent=index, title="Później", starts_at=at(2030, 6, 1, 9), ends_at=at(2030, 6, 1, 12))
    EventPageFactory(parent=index, title="Wcześniej", starts_at=at(2030, 5, 1, 9), ends_at=at(2030, 5, 1, 12))
    EventPageFactory(parent=index, title="Szkic", publish=False)
    EventPageFactory(parent=index, title="Minione", starts_at=at(2020, 5, 1, 9), ends_at=at(2020, 5, 1, 12))

    response = client.get("/wydarzenia/")

    assert titles(response) == ["Wcześniej", "Później"]
    assertContains(response, "2 nadchodzące wydarzenia")


def test_ongoing_event_is_still_upcoming(client, index):
    now = timezone.now()
    EventPageFactory(
        parent=index,
        title="Trwa",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(hours=2),
    )

    assert titles(client.get("/wydarzenia/")) == ["Trwa"]


def test_archive_lists_past_events_most_recent_first(client, index):
    EventPageFactory(parent=index, title="Dawno", starts_at=at(2020, 5, 1, 9), ends_at=at(2020, 5, 1, 12))
    EventPageFactory(parent=index, title="Niedawno", starts_at=at(2021, 5, 1, 9), ends_at=at(2021, 5, 1, 12))
    EventPageFactory(parent=index, title="Przyszłe", starts_at=at(2030, 5, 1, 9), ends_at=at(2030, 5, 1, 12))

    response = client.get("/wydarzenia/archiwum/")

    assert titles(response) == ["Niedawno", "Dawno"]
    assertContains(response, "<h1>Minione wydarzenia</h1>", html=True)
    assertContains(
        response,
        '<a href="/wydarzenia/archiwum/" aria-current="page">Archiwum minionych wydarzeń</a>',
        html=True,
    )


@pytest.fixture
def varied_events(index):
    EventPageFactory(
        parent=index,
        title="Targi w Krakowie",
        kind="fair",
        municipality="Kraków",
        county="1261",
        voivodeship="12",
        audiences=["students"],
        starts_at=at(2030, 5, 10, 9),
        ends_at=at(2030, 5, 11, 15),
    )
    EventPageFactory(
        parent=index,
        title="Festiwal w Opolu",
        kind="festival",
        county="1661",
        voivodeship="16",
        audiences=["pupils", "teachers"],
        starts_at=at(2030, 5, 20, 9),
        ends_at=at(2030, 5, 20, 15),
    )
    EventPageFactory(
        parent=index,
        title="Powiat opolski w Lubelskiem",
        kind="festival",
        county="0612",
        voivodeship="06",
        audiences=["teachers"],
        starts_at=at(2030, 6, 5, 9),
        ends_at=at(2030, 6, 5, 15),
    )
    EventPageFactory(
        parent=index,
        title="Powiat opolski w Opolskiem",
        kind="conference",
        county="1609",
        voivodeship="16",
        audiences=["adults"],
        starts_at=at(2030, 6, 15, 9),
        ends_at=at(2030, 6, 15, 15),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "festival"}, ["Festiwal w Opolu", "Powiat opolski w Lubelskiem"]),
        ({"county": "16/1609"}, ["Powiat opolski w Opolskiem"]),
        ({"county": "06/0612"}, ["Powiat opolski w Lubelskiem"]),
        ({"audience": "teachers"}, ["Festiwal w Opolu", "Powiat opolski w Lubelskiem"]),
        ({"date_from": "2030-05-11", "date_to": "2030-05-20"}, ["Targi w Krakowie", "Festiwal w Opolu"]),
        ({"date_from": "2030-06-01"}, ["Powiat opolski w Lubelskiem", "Powiat opolski w Opolskiem"]),
        ({"date_to": "2030-05-10"}, ["Targi w Krakowie"]),
        ({"kind": "festival", "audience": "pupils"}, ["Festiwal w Opolu"]),
    ],
)
def test_index_filters(client, varied_events, query, expected):
    response = client.get("/wydarzenia/", query)

    assert titles(response) == expected


def test_county_filter_offers_counties_in_use_grouped_by_voivodeship(client, varied_events):
    response = client.get("/wydarzenia/")

    assertContains(
        response,
        '<optgroup label="opolskie"><option value="16/1661">Opole</option><option value="16/1609">opolski</option></optgroup>',
        html=True,
    )
    assertContains(
        response,
        '<optgroup label="lubelskie"><option value="06/0612">opolski</option></optgroup>',
        html=True,
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"date_from": "31.02.2030"}, "Wpisz poprawną datę."),
        (
            {"date_from": "2030-06-10", "date_to": "2030-06-01"},
            "Data końcowa nie może być wcześniejsza niż początkowa.",
        ),
        ({"kind": "koncert"}, "Wybierz poprawną wartość. koncert nie jest żadną z dostępnych opcji."),
    ],
)
def test_bad_filters_show_polish_message_keep_input_and_are_ignored(client, varied_events, query, message):
    response = client.get("/wydarzenia/", query)

    assert response.status_code == 200
    assertContains(
        response, "Niektóre filtry są niepoprawne i nie zostały zastosowane; zobacz komunikaty poniżej."
    )
    assertContains(response, message)
    for name, value in query.items():
        if name.startswith("date"):
            assertContains(response, f'value="{value}"')
    assert len(titles(response)) == 4 or query.get("date_from") == "2030-06-10"


def test_index_is_paginated_by_twelve_keeping_filters(client, index):
    for day in range(1, 15):
        EventPageFactory(
            parent=index,
            title=f"Festiwal {day:02d}",
            kind="festival",
            starts_at=at(2030, 3, day, 9),
            ends_at=at(2030, 3, day, 12),
        )
    EventPageFactory(parent=index, title="Konferencja", kind="conference")

    first = client.get("/wydarzenia/", {"kind": "festival"})
    second = client.get("/wydarzenia/", {"kind": "festival", "page": "2"})
    beyond = client.get("/wydarzenia/", {"kind": "festival", "page": "99"})
    junk = client.get("/wydarzenia/", {"page": "abc"})

    assert titles(first) == [f"Festiwal {day:02d}" for day in range(1, 13)]
    assert titles(second) == ["Festiwal 13", "Festiwal 14"]
    assert titles(beyond) == titles(second)
    assert len(titles(junk)) == 12
    assertContains(first, '<a href="?kind=festival&amp;page=2" rel="next">Następna strona</a>', html=True)
    assertContains(second, '<a href="?kind=festival&amp;page=1" rel="prev">Poprzednia strona</a>', html=True)
    assertContains(first, "14 nadchodzących wydarzeń")


def test_home_page_shows_the_next_three_events(client, index):
    for day in range(1, 5):
        EventPageFactory(
            parent=index,
            title=f"Wydarzenie {day}",
            starts_at=at(2030, 3, day, 9),
            ends_at=at(2030, 3, day, 12),
        )

    response = client.get("/")

    assertContains(response, '<h2 id="home-events-heading">Nadchodzące wydarzenia</h2>', html=True)
    assert titles(response) == ["Wydarzenie 1", "Wydarzenie 2", "Wydarzenie 3"]
    assertContains(response, '<a href="/wydarzenia/">Wszystkie wydarzenia</a>', html=True)


def test_preview_of_an_unsaved_fair_shows_the_edited_programme_and_zones(rf, index):
    event = EventPage(
        title="Nowe targi",
        slug="nowe-targi",
        kind="fair",
        starts_at=at(2030, 5, 12, 9),
        ends_at=at(2030, 5, 12, 15),
        sessions=[Session(title="Otwarcie", starts_at=at(2030, 5, 12, 9), ends_at=at(2030, 5, 12, 10))],
        zones=[Zone(number=1, name="Uniwersytety")],
    )
    request = rf.get("/")
    request.user = AnonymousUser()

    response = event.serve_preview(request, event.default_preview_mode)
    response.render()

    assertContains(response, '<th scope="row">Otwarcie</th>', html=True)
    assertContains(response, "<strong>1. Uniwersytety</strong>")
    assertContains(response, "Nie opublikowano jeszcze listy stoisk.")


def test_event_page_has_meta_description_and_open_graph_image(client, index):
    event = EventPageFactory(
        parent=index,
        lead="Targi edukacyjne dla uczniów szkół średnich.",
        image=make_image(),
        image_alt="Hala",
    )

    content = client.get(event.url).content.decode()

    assert '<meta name="description" content="Targi edukacyjne dla uczniów szkół średnich.">' in content
    assert (
        '<meta property="og:description" content="Targi edukacyjne dla uczniów szkół średnich.">' in content
    )
    assert re.search(
        r'<meta property="og:image" content="http://testserver/media/images/[^"]+fill-1200x630', content
    )


def test_members_only_event_keeps_its_lead_out_of_the_meta_description(client, index):
    event = EventPageFactory(
        parent=index, kind="meeting", members_only=True, lead="Porządek obrad dla członków."
    )

    content = client.get(event.url).content.decode()

    assert "Porządek obrad dla członków." not in content
    assert '<meta name="description"' not in content


def test_event_image_needs_its_alternative_text(index):
    event = EventPageFactory(parent=index)
    event.image, event.image_alt = make_image(), " "

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert error.value.message_dict["image_alt"] == ["Opisz obraz: tekst alternatywny jest wymagany."]
