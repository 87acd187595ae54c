"""Demo content of the cms app: the site tree, home page and a few standard pages."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale, Page, Site

from . import roles
from .models import HomePage, SiteSettings, StandardPage

ADMIN_EMAIL = "admin@example.org"


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
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Edufest"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = "Edufest"
        site.save()
    welcome = Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).first()
    if welcome and not welcome.get_children().exists():
        welcome.delete()
    return home


def ensure_standard_page(parent, *, slug, title, lead, paragraphs, show_in_menus=True):
    page = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if page:
        return page
    page = StandardPage(
        title=title, slug=slug, lead=lead, body=_paragraphs(*paragraphs), show_in_menus=show_in_menus
    )
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


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
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=ADMIN_EMAIL, defaults={"verified": True, "primary": True}
    )
    user.groups.add(Group.objects.get(name=roles.STAFF))
    return user, password_file.read_text().strip()


def seed(*, stdout):
    home = ensure_home()
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "organisation_name": "Wojewódzki Zespół Koordynacji — Wojewódzki Urząd Pracy",
            "address": "ul. Przykładowa 1\n45-001 Opole",
            "phone": "+48 77 000 00 00",
            "email": "wzk@example.org",
            "funding_text": (
                "<p>Projekt finansowany ze środków Krajowego Planu Odbudowy i Zwiększania "
                "Odporności (inwestycja A3.1.1).</p>"
            ),
        },
    )
    ensure_standard_page(
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
        paragraphs=(
            "Nauczyciel zakłada konto koordynatora szkolnego, potwierdza adres e-mail i może zapisać "
            "całą klasę na festiwal lub targi, zgłosić film konkursowy albo poprosić o wizytę Edubusa.",
        ),
    )
    ensure_standard_page(
        home,
        slug="kontakt",
        title="Kontakt",
        lead="Biuro koordynacji WZK.",
        paragraphs=("Biuro koordynacji: ul. Przykładowa 1, 45-001 Opole, e-mail: wzk@example.org.",),
    )
    return home
