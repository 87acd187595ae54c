# ruff: noqa: RUF001 (Polish names and titles use en dashes)
"""Demo events for ``manage.py seed_demo`` (hook order 10), dated relative to today.

Idempotent: pages are looked up by slug and created only when missing; stands go through the same
import service staff use, which updates by stand number.
"""

import datetime
import io

import holidays
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from cms.demo import ensure_translation

from .models import EventAudience, EventIndexPage, EventKind, EventPage, Session, Zone
from .services import import_stands

INDEX_SLUG = "wydarzenia"


def _paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def _venue(name, street, postal_code, municipality, county, voivodeship):
    """``county`` and ``voivodeship`` are TERYT codes (cms.places)."""
    return {
        "venue_name": name,
        "street": street,
        "postal_code": postal_code,
        "municipality": municipality,
        "county": county,
        "voivodeship": voivodeship,
    }


def is_working_day(day):
    """Monday to Friday and no public holiday (Christmas Eve is one since 2025)."""
    return day.weekday() < 5 and day not in holidays.Poland(years=day.year)


def event_day(days, *, today=None):
    """The first day from ``days`` after today that starts two working days in a row, so that a
    demo event (one day or two) never falls on a weekend, a holiday or Christmas Eve."""
    day = (today or timezone.localdate()) + datetime.timedelta(days=days)
    while not (is_working_day(day) and is_working_day(day + datetime.timedelta(days=1))):
        day += datetime.timedelta(days=1)
    return day


def _at(days, hour, minute=0, *, day=0):
    """A Europe/Warsaw time on the ``day``-th day (0: the first) of the event dated ``days`` from
    today (see :func:`event_day`)."""
    date = event_day(days) + datetime.timedelta(days=day)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))


def ensure_index(home):
    index = EventIndexPage.objects.child_of(home).filter(slug=INDEX_SLUG).first()
    if index is None:
        index = EventIndexPage(
            title="Wydarzenia",
            slug=INDEX_SLUG,
            show_in_menus=True,
            intro=(
                "Festiwale zawodów, targi edukacyjne, konferencje, poranki partnerskie, webinary "
                "i posiedzenia Wojewódzkiego Zespołu Koordynacji."
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    ensure_translation(
        index,
        "en",
        title="Events",
        slug="events",
        intro=(
            "Festivals of professions, education fairs, conferences, partner mornings, webinars "
            "and the meetings of the Regional Coordination Team."
        ),
    )
    return index


def ensure_event(index, *, slug, audiences=(), sessions=(), zones=(), **fields):
    event = EventPage.objects.child_of(index).filter(slug=slug).first()
    if event is not None:
        return event
    event = EventPage(
        slug=slug,
        audiences=[EventAudience(audience=audience) for audience in audiences],
        sessions=[Session(**session) for session in sessions],
        zones=[Zone(sort_order=number, **zone) for number, zone in enumerate(zones)],
        **fields,
    )
    index.add_child(instance=event)
    event.save_revision().publish()
    return event


FAIR_ZONES = [
    (1, "Uniwersytety", "niebieski", "Uniwersytety krakowskie: kierunki, rekrutacja, życie studenckie."),
    (2, "Uczelnie techniczne", "pomarańczowy", "Inżynieria, informatyka, energetyka, budownictwo."),
    (
        3,
        "Uczelnie artystyczne",
        "fioletowy",
        "Sztuki piękne, muzyka i teatr — pokazy i konsultacje portfolio.",
    ),
    (4, "Rolnictwo, zdrowie i sport", "zielony", "Nauki przyrodnicze, rolnicze i wychowanie fizyczne."),
    (5, "Uczelnie niepubliczne i kościelne", "żółty", "Oferta uczelni niepublicznych i kościelnych."),
    (
        6,
        "Uczelnie zawodowe regionu",
        "turkusowy",
        "Akademie nauk stosowanych z Tarnowa, Nowego Sącza i Oświęcimia.",
    ),
    (7, "Instytuty Polskiej Akademii Nauk", "granatowy", "Nauka od kuchni: laboratoria i doktoraty."),
    (8, "Sieć Badawcza Łukasiewicz", "czerwony", "Badania stosowane i praca w instytutach."),
    (9, "Branżowe Centra Umiejętności", "brązowy", "Kształcenie i kwalifikacje w zawodach."),
    (10, "Rynek pracy", "szary", "Urzędy pracy i Ochotnicze Hufce Pracy: staże, oferty, porady."),
    (11, "Doradztwo zawodowe", "czarny", "Rozmowy z doradcami zawodowymi i warsztaty wyboru studiów."),
]

FAIR_STANDS = [
    (
        "Uniwersytet Jagielloński",
        1,
        "https://www.uj.edu.pl/",
        "Najstarsza polska uczelnia: ponad 80 kierunków.",
    ),
    ("Uniwersytet Ekonomiczny w Krakowie", 1, "https://uek.krakow.pl/", "Ekonomia, finanse, zarządzanie."),
    (
        "Uniwersytet Komisji Edukacji Narodowej w Krakowie",
        1,
        "https://uken.krakow.pl/",
        "Kierunki nauczycielskie i humanistyczne.",
    ),
    (
        "Akademia Górniczo-Hutnicza im. Stanisława Staszica w Krakowie",
        2,
        "https://www.agh.edu.pl/",
        "Inżynieria, informatyka, nauki o Ziemi.",
    ),
    (
        "Politechnika Krakowska im. Tadeusza Kościuszki",
        2,
        "https://www.pk.edu.pl/",
        "Architektura, budownictwo, mechanika, transport.",
    ),
    (
        "Akademia Sztuk Pięknych im. Jana Matejki w Krakowie",
        3,
        "https://www.asp.krakow.pl/",
        "Malarstwo, grafika, wzornictwo.",
    ),
    (
        "Akademia Muzyczna im. Krzysztofa Pendereckiego w Krakowie",
        3,
        "https://www.amuz.krakow.pl/",
        "Instrumentalistyka, kompozycja, wokalistyka.",
    ),
    (
        "Akademia Teatralna im. Aleksandra Zelwerowicza – Filia w Krakowie",
        3,
        "https://akademia.at.edu.pl/",
        "Aktorstwo i reżyseria.",
    ),
    (
        "Uniwersytet Rolniczy im. Hugona Kołłątaja w Krakowie",
        4,
        "https://urk.edu.pl/",
        "Rolnictwo, leśnictwo, technologia żywności.",
    ),
    (
        "Akademia Wychowania Fizycznego im. Bronisława Czecha w Krakowie",
        4,
        "https://www.awf.krakow.pl/",
        "Sport, fizjoterapia, turystyka.",
    ),
    (
        "Uniwersytet Ignatianum w Krakowie",
        5,
        "https://ignatianum.edu.pl/",
        "Pedagogika, psychologia, dziennikarstwo.",
    ),
    (
        "Uniwersytet Papieski Jana Pawła II w Krakowie",
        5,
        "https://upjp2.edu.pl/",
        "Teologia, historia sztuki, praca socjalna.",
    ),
    (
        "Uniwersytet Andrzeja Frycza Modrzewskiego w Krakowie",
        5,
        "https://uafm.edu.pl/",
        "Prawo, medycyna, bezpieczeństwo.",
    ),
    (
        "Wyższa Szkoła Europejska im. ks. Józefa Tischnera",
        5,
        "https://wse.krakow.pl/",
        "Politologia, zarządzanie, psychologia.",
    ),
    ("Akademia Tarnowska", 6, "https://atar.edu.pl/", "Pielęgniarstwo, mechatronika, filologia."),
    (
        "Akademia Nauk Stosowanych w Nowym Sączu",
        6,
        "https://ans-ns.edu.pl/",
        "Informatyka, ekonomia, pedagogika.",
    ),
    (
        "Małopolska Uczelnia Państwowa im. rotmistrza Witolda Pileckiego w Oświęcimiu",
        6,
        "https://mup.edu.pl/",
        "Studia praktyczne blisko domu.",
    ),
    (
        "Podhalańska Państwowa Uczelnia Zawodowa w Nowym Targu",
        6,
        "https://ppuz.edu.pl/",
        "Turystyka, ratownictwo, architektura.",
    ),
    (
        "Instytut Fizyki Jądrowej im. Henryka Niewodniczańskiego PAN",
        7,
        "https://www.ifj.edu.pl/",
        "Fizyka cząstek i medycyna radiacyjna.",
    ),
    (
        "Instytut Katalizy i Fizykochemii Powierzchni im. Jerzego Habera PAN",
        7,
        "https://www.ikifp.edu.pl/",
        "Chemia dla energetyki i środowiska.",
    ),
    (
        "Instytut Farmakologii im. Jerzego Maja PAN",
        7,
        "https://if-pan.krakow.pl/",
        "Jak powstają leki: neurofarmakologia.",
    ),
    (
        "Instytut Botaniki im. Władysława Szafera PAN",
        7,
        "https://botany.pl/",
        "Różnorodność roślin i zmiany klimatu.",
    ),
    (
        "Instytut Systematyki i Ewolucji Zwierząt PAN",
        7,
        "https://isez.pan.krakow.pl/",
        "Ewolucja, paleontologia, kolekcje.",
    ),
    (
        "Instytut Metalurgii i Inżynierii Materiałowej im. Aleksandra Krupkowskiego PAN",
        7,
        "https://imim.pl/",
        "Nowe materiały i metale.",
    ),
    (
        "Instytut Gospodarki Surowcami Mineralnymi i Energią PAN",
        7,
        "https://min-pan.krakow.pl/",
        "Surowce, energia, gospodarka obiegu zamkniętego.",
    ),
    (
        "Łukasiewicz – Krakowski Instytut Technologiczny",
        8,
        "https://kit.lukasiewicz.gov.pl/",
        "Odlewnictwo, obróbka plastyczna, recykling.",
    ),
    (
        "Łukasiewicz – Instytut Ceramiki i Materiałów Budowlanych",
        8,
        "https://icimb.lukasiewicz.gov.pl/",
        "Ceramika, szkło i materiały budowlane.",
    ),
    (
        "Branżowe Centrum Umiejętności w dziedzinie mechatroniki",
        9,
        "",
        "Tarnów: pracownie robotyki i automatyki.",
    ),
    (
        "Branżowe Centrum Umiejętności w dziedzinie budownictwa",
        9,
        "",
        "Nowy Sącz: nowoczesne technologie budowlane.",
    ),
    (
        "Branżowe Centrum Umiejętności w dziedzinie hotelarstwa i gastronomii",
        9,
        "",
        "Zakopane: kuchnia, hotelarstwo, turystyka.",
    ),
    (
        "Wojewódzki Urząd Pracy w Krakowie",
        10,
        "https://wup-krakow.pl/",
        "Rynek pracy w Małopolsce, staże, doradztwo.",
    ),
    ("Grodzki Urząd Pracy w Krakowie", 10, "https://gup.krakow.pl/", "Oferty pracy i szkolenia w Krakowie."),
    (
        "Ochotnicze Hufce Pracy – Małopolska Wojewódzka Komenda",
        10,
        "https://ohp.pl/",
        "Nauka zawodu i pierwsza praca.",
    ),
    (
        "Centrum Informacji i Planowania Kariery Zawodowej WUP w Krakowie",
        11,
        "https://wup-krakow.pl/",
        "Testy predyspozycji i rozmowy z doradcą.",
    ),
]


MINUTES_TEXT = """Protokół z posiedzenia Wojewódzkiego Zespołu Koordynacji

1. Przyjęto porządek obrad i protokół poprzedniego posiedzenia.
2. Wojewódzki Urząd Pracy przedstawił sprawozdanie z Festiwalu Zawodów.
3. Zespół pozytywnie zaopiniował program szkoleń dla doradców zawodowych.
4. Kolejne posiedzenie odbędzie się w przyszłym kwartale.
"""


def ensure_minutes():
    """The minutes of a past WZK meeting as a Wagtail document (plain text, UTF-8)."""
    Document = get_document_model()
    title = "Protokół z posiedzenia WZK"
    return Document.objects.filter(title=title).first() or Document.objects.create(
        title=title, file=ContentFile(MINUTES_TEXT.encode(), name="protokol-posiedzenia-wzk.txt")
    )


def fair_stands_csv():
    """The fair's exhibitors as the CSV file staff would upload (semicolon-separated, like Excel)."""
    lines = ["instytucja;strefa;numer stoiska;opis;link"]
    for number, (institution, zone, url, description) in enumerate(FAIR_STANDS, start=1):
        lines.append(f"{institution};{zone};{number};{description};{url}")
    return io.BytesIO("\n".join(lines).encode())


def seed(*, home, stdout=None):
    index = ensure_index(home)
    festival_start = _at(10, 9)
    ensure_event(
        index,
        slug="festiwal-zawodow-opolskie",
        title="Festiwal Zawodów Województwa Opolskiego",
        kind=EventKind.FESTIVAL,
        lead=(
            "Dwa dni pokazów zawodów w Opolu i Nysie: szkoły branżowe, technika i pracodawcy "
            "zapraszają uczniów szkół podstawowych i ich nauczycieli."
        ),
        body=_paragraphs(
            "Festiwal podsumowuje rok pracy doradców zawodowych w regionie. Uczniowie poznają zawody "
            "w praktyce: od mechatronika i operatora obrabiarek po kucharza i opiekuna medycznego.",
            "Pierwszego dnia spotykamy się w Opolu, drugiego w Nysie. Klasy zapisuje nauczyciel "
            "z kontem koordynatora szkolnego.",
        ),
        starts_at=festival_start,
        ends_at=_at(10, 15, day=1),
        **_venue(
            "Centrum Wystawienniczo-Kongresowe Województwa Opolskiego",
            "ul. Wrocławska 115",
            "45-836",
            "Opole",
            "1661",
            "16",
        ),
        organiser="Wojewódzki Urząd Pracy w Opolu — Wojewódzki Zespół Koordynacji",
        registration_enabled=True,
        registration_opens_at=timezone.now() - datetime.timedelta(days=1),
        registration_closes_at=festival_start - datetime.timedelta(days=1),
        audiences=["pupils", "teachers"],
        sessions=[
            {
                "title": "Dzień 1: Opole — pokazy zawodów i strefa pracodawców",
                "starts_at": festival_start,
                "ends_at": _at(10, 14),
                "room": "Opole, Centrum Wystawienniczo-Kongresowe, hala A",
            },
            {
                "title": "Dzień 2: Nysa — warsztaty w pracowniach szkół branżowych",
                "starts_at": _at(10, 9, day=1),
                "ends_at": _at(10, 15, day=1),
                "room": "Nysa, Państwowa Akademia Nauk Stosowanych, ul. Armii Krajowej 7",
            },
        ],
    )
    fair = ensure_event(
        index,
        slug="festiwal-uczelni-malopolska",
        title="Festiwal Uczelni – Małopolska Przyszłości",
        kind=EventKind.FAIR,
        lead=(
            "Ponad sto interaktywnych stoisk w 11 strefach: uniwersytety, instytuty PAN i Sieci "
            "Badawczej Łukasiewicz, Branżowe Centra Umiejętności i instytucje rynku pracy."
        ),
        body=_paragraphs(
            "Dwa dni w hali EXPO Kraków dla uczniów szkół ponadpodstawowych, ich nauczycieli "
            "i doradców zawodowych. Zapytaj o rekrutację, zajrzyj do laboratoriów, porozmawiaj "
            "z doradcą o wyborze studiów.",
        ),
        starts_at=_at(24, 9),
        ends_at=_at(24, 15, day=1),
        **_venue("EXPO Kraków", "ul. Galicyjska 9", "31-586", "Kraków", "1261", "12"),
        organiser="Województwo Małopolskie — Wojewódzki Urząd Pracy w Krakowie",
        audiences=["pupils", "teachers", "career_advisers"],
        sessions=[
            {
                "title": "Otwarcie festiwalu",
                "starts_at": _at(24, 9),
                "ends_at": _at(24, 9, 30),
                "room": "Scena główna",
            },
            {
                "title": "Panel: studia a rynek pracy w Małopolsce",
                "starts_at": _at(24, 11),
                "ends_at": _at(24, 12),
                "room": "Scena główna",
            },
            {
                "title": "Warsztaty: jak wybrać kierunek studiów",
                "starts_at": _at(24, 10, day=1),
                "ends_at": _at(24, 11, 30, day=1),
                "room": "Strefa 11 — Doradztwo zawodowe",
            },
        ],
        zones=[
            {"number": number, "name": name, "colour": colour, "description": description}
            for number, name, colour, description in FAIR_ZONES
        ],
    )
    import_stands(event=fair, file=fair_stands_csv())
    conference_start = _at(40, 9, 30)
    ensure_event(
        index,
        slug="konferencja-doradztwa-zawodowego",
        title="Regionalna Konferencja Doradztwa Zawodowego",
        kind=EventKind.CONFERENCE,
        lead="Doradcy zawodowi, nauczyciele i pracodawcy o tym, jak wspierać wybory edukacyjne uczniów.",
        body=_paragraphs(
            "Konferencja Wojewódzkiego Zespołu Koordynacji w Łodzi: wyniki badań losów absolwentów, "
            "dobre praktyki szkół i panel pracodawców. Zapisy ruszą za tydzień.",
        ),
        starts_at=conference_start,
        ends_at=_at(40, 15),
        **_venue("EC1 Łódź – Miasto Kultury", "ul. Targowa 1/3", "90-022", "Łódź", "1061", "10"),
        organiser="Wojewódzki Urząd Pracy w Łodzi",
        registration_enabled=True,
        registration_opens_at=_at(7, 8),
        registration_closes_at=conference_start - datetime.timedelta(days=3),
        audiences=["career_advisers", "teachers", "employers"],
        sessions=[
            {
                "title": "Losy absolwentów szkół branżowych — wyniki badania",
                "starts_at": conference_start,
                "ends_at": _at(40, 11),
                "room": "Sala konferencyjna",
            },
            {
                "title": "Panel pracodawców: kompetencje na start",
                "starts_at": _at(40, 11, 30),
                "ends_at": _at(40, 13),
                "room": "Sala konferencyjna",
            },
        ],
    )
    ensure_event(
        index,
        slug="poranek-partnerski-archiwum",
        title="Poranek partnerski: kompetencje przyszłości w logistyce",
        kind=EventKind.WORKSHOP,
        lead="Spotkanie szkół, pracodawców i doradców o kształceniu w zawodach logistycznych.",
        body=_paragraphs(
            "Rozmawialiśmy o praktykach zawodowych w centrach logistycznych Wielkopolski "
            "i o klasach patronackich.",
        ),
        starts_at=_at(-30, 9),
        ends_at=_at(-30, 11, 30),
        **_venue(
            "Wojewódzki Urząd Pracy w Poznaniu",
            "ul. Szyperska 14",
            "61-754",
            "Poznań",
            "3064",
            "30",
        ),
        organiser="Wojewódzki Urząd Pracy w Poznaniu",
        audiences=["teachers", "employers", "career_advisers"],
    )
    ensure_event(
        index,
        slug="webinar-ksztalcenie-dualne",
        title="Webinar: kształcenie dualne w praktyce",
        kind=EventKind.WEBINAR,
        lead="Jak szkoła i pracodawca wspólnie kształcą ucznia — przykłady z Lubuskiego.",
        body=_paragraphs(
            "Półtorej godziny o umowach z pracodawcami, praktycznej nauce zawodu i finansowaniu. "
            "Na końcu pytania uczestników.",
        ),
        starts_at=_at(17, 12),
        ends_at=_at(17, 13, 30),
        online_url="https://example.org/webinar/ksztalcenie-dualne",
        organiser="Wojewódzki Urząd Pracy w Zielonej Górze",
        audiences=["teachers", "employers"],
    )
    ensure_event(
        index,
        slug="posiedzenie-wzk",
        title="Posiedzenie Wojewódzkiego Zespołu Koordynacji",
        kind=EventKind.MEETING,
        lead="Posiedzenie członków WZK: plan działań na kolejny rok i opinia o programie szkoleń.",
        body=_paragraphs(
            "Porządek obrad: przyjęcie protokołu poprzedniego posiedzenia, sprawozdanie z festiwali "
            "zawodów, plan działań na kolejny rok, wolne wnioski.",
        ),
        starts_at=_at(21, 10),
        ends_at=_at(21, 13),
        **_venue(
            "Urząd Marszałkowski Województwa Podlaskiego, sala konferencyjna",
            "ul. Kardynała Stefana Wyszyńskiego 1",
            "15-888",
            "Białystok",
            "2061",
            "20",
        ),
        organiser="Wojewódzki Zespół Koordynacji",
        members_only=True,
        audiences=["adults"],
    )
    ensure_event(
        index,
        slug="posiedzenie-wzk-protokol",
        title="Posiedzenie Wojewódzkiego Zespołu Koordynacji (z protokołem)",
        kind=EventKind.MEETING,
        lead="Poprzednie posiedzenie członków WZK; protokół do pobrania.",
        starts_at=_at(-45, 10),
        ends_at=_at(-45, 12, 30),
        **_venue(
            "Urząd Marszałkowski Województwa Opolskiego",
            "ul. Piastowska 14",
            "45-082",
            "Opole",
            "1661",
            "16",
        ),
        organiser="Wojewódzki Zespół Koordynacji",
        members_only=True,
        minutes=ensure_minutes(),
        audiences=["adults"],
    )
    if stdout is not None:
        stdout.write("Events: demo events ready.")
    return index
