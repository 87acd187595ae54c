"""Demo content of the cms app: the site tree, home page and a few standard pages."""

import datetime
import io
import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from .accounts import roles
from .fonts import polish_font
from .links import absolute_url, site_host_and_port
from .models import (
    AccessibilityStatement,
    HomePage,
    NavigationMenu,
    NavigationMenuItem,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    StandardPage,
)

ADMIN_EMAIL = "admin@example.org"
EDUBUS_COORDINATOR_EMAIL = "edubus@example.org"


def _paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def ensure_home():
    """The Polish home page at the root of the default site (replaces Wagtail's welcome page)."""
    locale, _ = Locale.objects.get_or_create(language_code="pl")
    Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.filter(locale=locale).first()
    if home is None:
        root = Page.get_first_root_node()
        if root.locale_id != locale.pk:
            Page.objects.filter(pk=root.pk).update(locale=locale)
            root.refresh_from_db()
        home = HomePage(
            title="Edufest — uczenie się przez całe życie",
            slug="edufest-home",
            locale=locale,
            lead=(
                "Festiwale zawodów, targi edukacyjne, konkursy dla uczniów i Edubus — "
                "wydarzenia Wojewódzkiego Zespołu Koordynacji w jednym miejscu."
            ),
            body=_paragraphs(
                "Wojewódzki Zespół Koordynacji (WZK) wspiera kształcenie zawodowe i uczenie się "
                "przez całe życie w regionie. Tu znajdziesz nasze wydarzenia i zapiszesz się na nie."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    hostname, port = site_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Edufest"
        )
    elif (site.root_page_id, site.hostname, site.port, site.site_name) != (
        home.pk,
        hostname,
        port,
        "Edufest",
    ):
        # The Wagtail Site follows SITE_URL (its host and port appear in Wagtail's own full URLs).
        site.root_page, site.hostname, site.port, site.site_name = home, hostname, port, "Edufest"
        site.save()
    welcome = Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).first()
    if welcome and not welcome.get_children().exists():
        welcome.delete()
    return home


def ensure_standard_page(parent, *, slug, title, lead, paragraphs=(), body=None, show_in_menus=True):
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page:
        return page
    page = StandardPage(
        title=title,
        slug=slug,
        lead=lead,
        body=body if body is not None else _paragraphs(*paragraphs),
        show_in_menus=show_in_menus,
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_translation(page, language_code, **fields):
    """The page's translation into ``language_code``, created and published once with ``fields``."""
    locale = Locale.objects.get(language_code=language_code)
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translated = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    translated.save_revision().publish()
    return translated


def _png(size, background, lines, colour="#ffffff"):
    image = PILImage.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    y = 10
    for line in lines:
        draw.text((14, y), line, fill=colour)
        y += 18
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def funding_strip_png():
    """The demo KPO / EU strip: three marks side by side, drawn in a font with the Polish letters,
    twice the size it is shown at (the footer shows it 80 px high), so its type stays legible."""
    width, height = 1280, 160
    image = PILImage.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    bold, regular = polish_font(34, bold=True), polish_font(30)
    marks = [
        ("#1b4f9c", ["Krajowy Plan", "Odbudowy"]),
        ("#dc143c", ["Rzeczpospolita", "Polska"]),
        ("#003399", ["Sfinansowane przez", "Unię Europejską", "NextGenerationEU"]),
    ]
    x = 24
    for colour, lines in marks:
        draw.rectangle((x, 28, x + 16, height - 28), fill=colour)
        line_height = 40 if len(lines) < 3 else 38
        y = (height - line_height * len(lines)) // 2
        for number, line in enumerate(lines):
            font = bold if number == 0 else regular
            draw.text((x + 32, y), line, fill="#1b1f24", font=font)
            y += line_height
        x += 32 + max(int(draw.textlength(line, font=bold)) for line in lines) + 56
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_image(title, filename, data):
    """The image of this title; its file is replaced when it was made from another ``filename``
    (a new version of a demo image)."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, file=ImageFile(io.BytesIO(data), name=filename))
        image.save()
    elif not image.file.name.rsplit("/", 1)[-1].startswith(filename.rsplit(".", 1)[0]):
        image.renditions.all().delete()
        image.file = ImageFile(io.BytesIO(data), name=filename)
        image._set_image_file_metadata()
        image.save()
    return image


def ensure_admin(stdout):
    """A superuser for the demo; its password is generated once and kept in var/."""
    User = get_user_model()
    password_file = settings.VAR_DIR / "admin-password.txt"
    user = User.objects.filter(username="admin").first()
    if user is None or not password_file.exists():
        password = secrets.token_urlsafe(12)
        if user is None:
            user = User.objects.create_superuser("admin", ADMIN_EMAIL, password)
        else:
            user.set_password(password)
            user.save()
        password_file.parent.mkdir(parents=True, exist_ok=True)
        password_file.write_text(password)

    EmailAddress.objects.update_or_create(
        user=user, email=ADMIN_EMAIL, defaults={"verified": True, "primary": True}
    )
    user.groups.add(Group.objects.get(name=roles.STAFF))
    return user, password_file.read_text().strip()


def admin_password():
    """The demo password kept in ``var/admin-password.txt`` (``ensure_admin`` writes it first); the
    demo jurors and the Edubus coordinator share it. ``None`` before ``ensure_admin`` ran."""
    password_file = settings.VAR_DIR / "admin-password.txt"
    return password_file.read_text().strip() if password_file.exists() else None


def ensure_demo_user(*, email, first_name, last_name, role, password):
    """A demo account of ``role`` with a verified e-mail that logs in with ``password`` (which it is
    given again when it no longer matches, e.g. after ``var/`` was removed; ``None``: no password)."""
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    changed = user is None
    if user is None:
        user = User(username=email.split("@")[0], email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
    if password is not None and not user.check_password(password):
        user.set_password(password)
        changed = True
    if changed:
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(Group.objects.get(name=role))
    return user


def ensure_edubus_coordinator():
    return ensure_demo_user(
        email=EDUBUS_COORDINATOR_EMAIL,
        first_name="Marek",
        last_name="Przykładowy",
        role=roles.EDUBUS_COORDINATOR,
        password=admin_password(),
    )


def demo_logins():
    """The ``DEMO_LOGINS`` of cms: the admin (staff) and the Edubus coordinator."""
    User = get_user_model()
    password = admin_password()
    logins = [("admin (staff)", ADMIN_EMAIL, password, "/admin/")]
    if User.objects.filter(email=EDUBUS_COORDINATOR_EMAIL, groups__name=roles.EDUBUS_COORDINATOR).exists():
        logins.append(("Edubus coordinator", EDUBUS_COORDINATOR_EMAIL, password, "/admin/"))
    return logins


PRIVACY_PL = [
    ("heading", {"text": "Administrator danych", "level": "h2"}),
    (
        "paragraph",
        "<p>Administratorem Twoich danych osobowych jest Wojewódzki Urząd Pracy, ul. Przykładowa 1, "
        "45-001 Opole, obsługujący Wojewódzki Zespół Koordynacji (WZK). Z inspektorem ochrony danych "
        "skontaktujesz się pod adresem iod@example.org lub pisemnie na adres administratora.</p>",
    ),
    ("heading", {"text": "Cele i podstawy prawne przetwarzania", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Zapisy na wydarzenia, wizyty Edubusa i udział w konkursach, prowadzenie kont "
        "koordynatorów szkolnych oraz sprawozdawczość projektu finansowanego z KPO — wykonanie zadania "
        "realizowanego w interesie publicznym (art. 6 ust. 1 lit. e RODO) w związku z zadaniami "
        "samorządu województwa w zakresie edukacji i rynku pracy.</li>"
        "<li>Części dobrowolne: newsletter, publikacja wizerunku na zdjęciach i filmach, publikacja "
        "filmów konkursowych z imionami autorów — Twoja zgoda (art. 6 ust. 1 lit. a RODO), którą "
        "możesz w każdej chwili wycofać bez wpływu na zgodność z prawem wcześniejszego "
        "przetwarzania.</li>"
        "<li>Archiwizacja dokumentacji — obowiązek prawny administratora (art. 6 ust. 1 lit. c RODO)."
        "</li></ul>",
    ),
    ("heading", {"text": "Odbiorcy danych", "level": "h2"}),
    (
        "paragraph",
        "<p>Dane mogą otrzymać wyłącznie podmioty przetwarzające je na nasze zlecenie (dostawca "
        "hostingu i poczty elektronicznej) oraz organy uprawnione na podstawie przepisów prawa, "
        "w tym instytucje kontrolujące projekt. Nie przekazujemy danych poza Europejski Obszar "
        "Gospodarczy.</p>",
    ),
    ("heading", {"text": "Okres przechowywania", "level": "h2"}),
    (
        "paragraph",
        "<p>Dane z zapisów przechowujemy do zakończenia rozliczenia projektu, a następnie przez okres "
        "wynikający z przepisów o archiwizacji (co najmniej 5 lat od zakończenia projektu). Dane "
        "przetwarzane na podstawie zgody — do jej wycofania. Konto koordynatora usuwamy na Twoje "
        "żądanie.</p>",
    ),
    ("heading", {"text": "Twoje prawa", "level": "h2"}),
    (
        "paragraph",
        "<p>Masz prawo dostępu do swoich danych, ich sprostowania, ograniczenia przetwarzania, "
        "wniesienia sprzeciwu wobec przetwarzania w interesie publicznym (art. 21 RODO), a w "
        "przypadkach przewidzianych prawem — usunięcia danych. Przysługuje Ci skarga do Prezesa "
        "Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa, uodo.gov.pl).</p>",
    ),
    ("heading", {"text": "Informacje dodatkowe", "level": "h2"}),
    (
        "paragraph",
        "<p>Podanie danych jest dobrowolne, ale niezbędne do zapisu na wydarzenie. Nie podejmujemy "
        "decyzji w sposób zautomatyzowany i nie profilujemy. Serwis nie używa ciasteczek śledzących: "
        "zapisuje wyłącznie ciasteczka niezbędne (sesja po zalogowaniu, ochrona formularzy).</p>",
    ),
]

PRIVACY_EN = [
    ("heading", {"text": "Controller", "level": "h2"}),
    (
        "paragraph",
        "<p>The controller of your personal data is the Regional Labour Office, ul. Przykładowa 1, "
        "45-001 Opole, which runs the office of the Regional Coordination Team (WZK). You can reach "
        "the data protection officer at iod@example.org or by post at the controller's address.</p>",
    ),
    ("heading", {"text": "Purposes and legal bases", "level": "h2"}),
    (
        "paragraph",
        "<ul><li>Registration for events, Edubus visits and contests, school coordinator accounts and "
        "the reporting of the KPO-funded project — a task carried out in the public interest "
        "(Article 6(1)(e) GDPR).</li><li>Optional parts: newsletter, publishing images in photos and "
        "films, publishing contest films with the authors' names — your consent (Article 6(1)(a) "
        "GDPR), which you may withdraw at any time.</li><li>Archiving — a legal obligation "
        "(Article 6(1)(c) GDPR).</li></ul>",
    ),
    ("heading", {"text": "Retention", "level": "h2"}),
    (
        "paragraph",
        "<p>Registration data is kept until the project is settled and then as long as the archiving "
        "rules require (at least 5 years after the project ends); data processed on consent until "
        "the consent is withdrawn.</p>",
    ),
    ("heading", {"text": "Your rights", "level": "h2"}),
    (
        "paragraph",
        "<p>You have the right of access, rectification, restriction, objection to processing in the "
        "public interest (Article 21 GDPR) and, where the law provides, erasure. You may lodge a "
        "complaint with the President of the Personal Data Protection Office (UODO, ul. Stawki 2, "
        "00-193 Warszawa).</p>",
    ),
]

NEWS = [
    {
        "slug": "festiwal-zawodow-zapisy-szkol",
        "date": datetime.date(2026, 10, 5),
        "title": "Festiwal Zawodów 2026 — ruszyły zapisy szkół",
        "lead": "Nauczyciele mogą już zapisywać całe klasy na stoiska i warsztaty festiwalu w Opolu.",
        "body": "Tegoroczny Festiwal Zawodów potrwa dwa dni. Na uczniów czekają stoiska szkół "
        "branżowych, pracodawców i uczelni oraz warsztaty z doradcami zawodowymi.",
        "en": {
            "slug": "festival-of-professions-registration",
            "title": "Festival of Professions 2026 — school registration is open",
            "lead": "Teachers can now register whole classes for the stands and workshops in Opole.",
            "body": "This year's festival lasts two days, with stands of vocational schools, employers "
            "and universities, and workshops with career advisers.",
        },
    },
    {
        "slug": "edubus-w-brzegu",
        "date": datetime.date(2026, 10, 20),
        "title": "Edubus odwiedził Szkołę Podstawową nr 3 w Brzegu",
        "lead": "Ponad stu uczniów klas siódmych i ósmych sprawdziło swoje predyspozycje zawodowe.",
        "body": "Mobilny punkt edukacyjny stanął przy szkole na cały dzień. Uczniowie rozmawiali "
        "z doradcami zawodowymi i poznali ofertę szkół ponadpodstawowych powiatu brzeskiego.",
        "en": {
            "slug": "edubus-in-brzeg",
            "title": "The Edubus visited Primary School No. 3 in Brzeg",
            "lead": "More than a hundred pupils of years 7 and 8 explored their career interests.",
            "body": "The mobile education point stayed at the school for a whole day.",
        },
    },
    {
        "slug": "krec-mnie-moj-zawod-nabor",
        "date": datetime.date(2026, 11, 10),
        "title": "„Kręci Mnie Mój Zawód” — nabór filmów otwarty",
        "lead": "Drużyny uczniów mogą zgłaszać dwu-, trzyminutowe filmy o wybranym zawodzie.",
        "body": "Konkurs ma dwie kategorie: szkoły podstawowe i ponadpodstawowe. Do zgłoszenia "
        "potrzebne są zgody rodziców uczniów niepełnoletnich.",
        "en": {
            "slug": "my-profession-film-contest",
            "title": "“Kręci Mnie Mój Zawód” film contest is open",
            "lead": "Teams of pupils can submit two-to-three-minute films about a profession.",
            "body": "The contest has two categories: primary and secondary schools.",
        },
    },
]


def ensure_news(home):
    index = NewsIndexPage.objects.child_of(home).filter(slug="aktualnosci").first()
    if index is None:
        index = NewsIndexPage(
            title="Aktualności",
            slug="aktualnosci",
            lead="Co słychać w Wojewódzkim Zespole Koordynacji.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    items = []
    for item in NEWS:
        news = NewsPage.objects.child_of(index).filter(slug=item["slug"]).first()
        if news is None:
            news = NewsPage(
                title=item["title"],
                slug=item["slug"],
                date=item["date"],
                lead=item["lead"],
                body=_paragraphs(item["body"]),
            )
            index.add_child(instance=news)
            news.save_revision().publish()
        items.append((news, item["en"]))
    return index, items


def ensure_accessibility_statement(home, *, title, slug, language="pl"):
    page = AccessibilityStatement.objects.child_of(home).filter(slug=slug).first()
    if page:
        return page
    page = AccessibilityStatement(
        title=title,
        slug=slug,
        entity_name="Wojewódzki Urząd Pracy w Opolu",
        site_url=absolute_url("/"),
        published_on=datetime.date(2026, 9, 1),
        updated_on=datetime.date(2026, 11, 20),
        status=AccessibilityStatement.Status.COMPLIANT,
        prepared_on=datetime.date(2026, 11, 20),
        reviewed_on=datetime.date(2026, 11, 20),
        contact_person="Anna Przykładowa",
        contact_email="dostepnosc@example.org",
        contact_phone="+48 77 000 00 01",
        architecture=(
            "<p>Budynek urzędu przy ul. Przykładowej 1 w Opolu ma wejście z poziomu chodnika i windę "
            "na wszystkie piętra. Przed budynkiem są dwa miejsca parkingowe dla osób "
            "z niepełnosprawnościami. Do budynku można wejść z psem asystującym. Na parterze działa "
            "pętla indukcyjna; tłumacz polskiego języka migowego jest dostępny po wcześniejszym "
            "zgłoszeniu.</p>"
        ),
        mobile_apps="Urząd nie udostępnia aplikacji mobilnych.",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_site_settings(site, *, privacy, accessibility):
    logo = ensure_image("Edufest — logo", "edufest-logo.png", _png((240, 64), "#0b4f8a", ["EDUFEST", "WZK"]))
    funding = ensure_image(
        "Pasek logotypów KPO / UE (wersja demonstracyjna)", "kpo-ue-logos-v2.png", funding_strip_png()
    )
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "organisation_name": "Wojewódzki Zespół Koordynacji — Wojewódzki Urząd Pracy",
            "address": "ul. Przykładowa 1\n45-001 Opole",
            "phone": "+48 77 000 00 00",
            "email": "wzk@example.org",
            "logo": logo,
            "logo_alt": "Edufest",
            "facebook_url": "https://www.facebook.com/example.wzk",
            "youtube_url": "https://www.youtube.com/@example-wzk",
            "funding_logos": funding,
            "funding_logos_alt": (
                "Logotypy: Krajowy Plan Odbudowy, barwy Rzeczypospolitej Polskiej, "
                "Sfinansowane przez Unię Europejską NextGenerationEU"
            ),
            "funding_text": (
                "<p>Projekt finansowany ze środków Krajowego Planu Odbudowy i Zwiększania "
                "Odporności (inwestycja A3.1.1).</p>"
            ),
            "funding_text_en": (
                "<p>The project is funded by the National Recovery and Resilience Plan "
                "(investment A3.1.1).</p>"
            ),
            "privacy_page": privacy,
            "accessibility_page": accessibility,
        },
    )


def ensure_menus(home):
    """Main and footer menus in both languages (only when none exists yet: staff own them).

    Every language's main menu has the Polish home page's menu entries, each linking to its
    translation where there is one, else to the Polish page (shown in the visitor's layout)."""
    for translated_home in home.get_translations(inclusive=True).select_related("locale"):
        locale = translated_home.locale
        if not NavigationMenu.objects.filter(locale=locale, kind=NavigationMenu.Kind.MAIN).exists():
            menu = NavigationMenu.objects.create(locale=locale, kind=NavigationMenu.Kind.MAIN)
            for order, child in enumerate(Page.objects.child_of(home).live().in_menu()):
                target = child.get_translation_or_none(locale) or child
                NavigationMenuItem.objects.create(menu=menu, link_page=target, sort_order=order)
        if not NavigationMenu.objects.filter(locale=locale, kind=NavigationMenu.Kind.FOOTER).exists():
            menu = NavigationMenu.objects.create(locale=locale, kind=NavigationMenu.Kind.FOOTER)
            contact = Page.objects.child_of(translated_home).filter(slug__in=["kontakt", "contact"]).first()
            if contact:
                NavigationMenuItem.objects.create(menu=menu, link_page=contact, sort_order=0)
            NavigationMenuItem.objects.create(
                menu=menu,
                link_url="https://bip.example.org/",
                label="Biuletyn Informacji Publicznej"
                if locale.language_code == "pl"
                else "Public Information Bulletin",
                sort_order=1,
            )


def seed(*, stdout):
    home = ensure_home()
    site = Site.objects.get(is_default_site=True)
    about = ensure_standard_page(
        home,
        slug="o-nas",
        title="O Wojewódzkim Zespole Koordynacji",
        lead="Kim jesteśmy i czym się zajmujemy.",
        paragraphs=(
            "WZK to ciało opiniodawczo-doradcze zarządu województwa. Należą do niego przedstawiciele "
            "urzędu marszałkowskiego, kuratorium oświaty, uczelni, wojewódzkiego urzędu pracy, szkół, "
            "samorządów, organizacji pozarządowych i pracodawców.",
            "Wspieramy politykę edukacyjną regionu, koordynujemy doradztwo zawodowe dla uczniów, "
            "studentów i dorosłych oraz promujemy kształcenie zawodowe i uczenie się przez całe życie.",
        ),
    )
    ensure_standard_page(
        home,
        slug="dla-szkol",
        title="Dla szkół",
        lead="Jak zgłosić klasę na wydarzenie, zaprosić Edubus i wziąć udział w konkursie.",
        body=_paragraphs(
            "Nauczyciel zakłada konto koordynatora szkolnego, potwierdza adres e-mail i może zapisać "
            "całą klasę na festiwal lub targi, zgłosić film konkursowy albo poprosić o wizytę Edubusa.",
        )
        + [
            (
                "paragraph",
                '<ul><li><a href="/accounts/signup/">Załóż konto nauczyciela</a> — potwierdź adres '
                "e-mail linkiem z wiadomości, którą wyślemy.</li>"
                '<li><a href="/szkola/">Strefa szkoły</a> — po zalogowaniu: zapisy klas i zmiana '
                "liczby osób, zgłoszenia konkursowe, dyplomy i prośby o Edubus.</li>"
                '<li><a href="/wydarzenia/">Wydarzenia</a> — wybierz wydarzenie i kliknij '
                "„Zapisz klasę”.</li>"
                '<li><a href="/konkursy/">Konkursy</a> — regulaminy i terminy zgłoszeń.</li>'
                '<li><a href="/edubus/zaproszenie/">Zaproś Edubus</a> do swojej szkoły.</li></ul>',
            )
        ]
        + [
            (
                "accordion",
                {
                    "title": "Najczęstsze pytania",
                    "items": [
                        {
                            "question": "Czy zapis na wydarzenie jest płatny?",
                            "answer": "<p>Nie. Wszystkie wydarzenia WZK są bezpłatne.</p>",
                        },
                        {
                            "question": "Ilu uczniów mogę zapisać?",
                            "answer": "<p>Tylu, ilu pozwala limit miejsc podany przy wydarzeniu.</p>",
                        },
                    ],
                },
            ),
        ],
    )
    contact = ensure_standard_page(
        home,
        slug="kontakt",
        title="Kontakt",
        lead="Biuro koordynacji WZK.",
        paragraphs=("Biuro koordynacji: ul. Przykładowa 1, 45-001 Opole, e-mail: wzk@example.org.",),
    )
    privacy = ensure_standard_page(
        home,
        slug="polityka-prywatnosci",
        title="Klauzula informacyjna (RODO)",
        lead="Jak przetwarzamy dane osobowe osób, które korzystają z serwisu Edufest.",
        body=PRIVACY_PL,
        show_in_menus=False,
    )
    accessibility = ensure_accessibility_statement(
        home, title="Deklaracja dostępności", slug="deklaracja-dostepnosci"
    )
    news_index, news = ensure_news(home)
    ensure_site_settings(site, privacy=privacy, accessibility=accessibility)

    ensure_translation(
        home,
        "en",
        title="Edufest — lifelong learning",
        lead=(
            "Festivals of professions, education fairs, pupils' contests and the Edubus — the events "
            "of the Regional Coordination Team in one place."
        ),
        body=_paragraphs(
            "The Regional Coordination Team (WZK) supports vocational education and lifelong learning "
            "in the region. Find our events here and register for them."
        ),
    )
    ensure_translation(
        about,
        "en",
        title="About the Regional Coordination Team",
        slug="about-us",
        lead="Who we are and what we do.",
        body=_paragraphs(
            "The WZK advises the regional board. Its members come from the marshal's office, the "
            "school superintendent, universities, the regional labour office, schools, local "
            "governments, NGOs and employers."
        ),
    )
    ensure_translation(
        contact,
        "en",
        title="Contact",
        slug="contact",
        lead="The WZK coordination office.",
        body=_paragraphs("Coordination office: ul. Przykładowa 1, 45-001 Opole, e-mail: wzk@example.org."),
    )
    ensure_translation(
        privacy,
        "en",
        title="Privacy notice (GDPR)",
        slug="privacy-notice",
        lead="How we process the personal data of the people who use Edufest.",
        body=PRIVACY_EN,
    )
    ensure_translation(
        accessibility,
        "en",
        title="Accessibility statement",
        slug="accessibility-statement",
        architecture=(
            "<p>The office building at ul. Przykładowa 1 in Opole has a step-free entrance and a lift "
            "to every floor, two parking spaces for disabled people, an induction loop at the ground "
            "floor and a Polish Sign Language interpreter on request.</p>"
        ),
        mobile_apps="The office publishes no mobile applications.",
    )
    ensure_translation(
        news_index,
        "en",
        title="News",
        slug="news",
        lead="What is new at the Regional Coordination Team.",
    )
    for news_page, english in news:
        ensure_translation(
            news_page,
            "en",
            title=english["title"],
            slug=english["slug"],
            lead=english["lead"],
            body=_paragraphs(english["body"]),
        )
    return home
