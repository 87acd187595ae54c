"""Demo content of the fairs for ``seed_demo``. Each area of the app seeds in its own block and
finds the others' rows when they exist (idempotent; fictional institutions and people,
``example.org`` addresses).

Exhibitors: an open call on the university fair (``festiwal-uczelni-malopolska``, seeded by
``events.demo``) with applications of fictional institutions in every state; the accepted ones
get a stand (numbers from 101, after the fair's imported stands) and a live stand page with
workshops during the fair; the demo exhibitor (``wystawca@example.org`` with the demo admin's
password) acts for the accepted university and has named two stand staff with passes.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cms import demo as cms_demo
from cms.demo import ensure_image
from events.models import EventPage, Stand, Zone

from . import queries, services
from .models import (
    EXHIBITOR,
    Application,
    Exhibitor,
    ExhibitorCall,
    ExhibitorMember,
    ExhibitorPass,
    FloorPlan,
    InstitutionKind,
    StandPage,
    StandVisitHour,
    StandWorkshop,
)
from .plan_image import draw_hall_plan, layout_hall
from .services import save_placements

FAIR_SLUG = "festiwal-uczelni-malopolska"


DEMO_EXHIBITOR_EMAIL = "wystawca@example.org"


DEMO_COLLEAGUE_EMAIL = "piotr.przykladowy@example.org"


PASS_TICKET_NAME = "Wystawcy"


PASS_PRIVACY_NOTICE = "exhibitor_pass-v1"


CALL_INTRO = (
    "Zapraszamy uczelnie, instytuty Polskiej Akademii Nauk i Sieci Badawczej Łukasiewicz, "
    "Branżowe Centra Umiejętności, instytucje rynku pracy i pracodawców. Stoisko jest bezpłatne; "
    "zapewniamy stoły, krzesła i prąd, a na życzenie ekran i internet."
)


# Each: the institution (name, kind, website, town), the application (status, zone number,
# contact, needs, what it shows), and for an accepted one the stand and its page.
EXHIBITORS = [
    {
        "name": "Uniwersytet Przykładowy w Krakowie",
        "kind": InstitutionKind.UNIVERSITY,
        "website": "https://uniwersytet.example.org/",
        "city": "Kraków",
        "status": Application.Status.ACCEPTED,
        "zone": 1,
        "contact": ("Ewa Przykładowa", DEMO_EXHIBITOR_EMAIL, "+48 600 100 101"),
        "needs": {
            "tables": 3,
            "chairs": 4,
            "power": True,
            "screen": True,
            "internet": True,
            "floor_space": 12,
        },
        "showcase": "Kierunki studiów, rekrutacja 2027, pokazy w mobilnym laboratorium chemicznym.",
        "stand_staff": 4,
        "stand": ("101", "Rekrutacja na 80 kierunków i pokazy laboratoryjne."),
        "page": {
            "description": (
                "Uniwersytet Przykładowy zaprasza na stoisko rekrutacyjne: porozmawiaj ze studentami "
                "o życiu na kampusie, sprawdź progi punktowe i weź udział w pokazach chemicznych."
            ),
            "description_en": (
                "The Example University's admissions stand: talk to our students about campus life, "
                "check the admission thresholds and join our chemistry shows."
            ),
            "fields_of_study": "Biotechnologia\nChemia\nPsychologia\nFilologia angielska\nInformatyka",
            "professions": "Analityk laboratoryjny\nPsycholog\nTłumacz\nProgramista",
            "video_url": "https://film.example.org/uniwersytet-przykladowy",
            "workshops": [
                ("Chemia, która zaskakuje", "Chemistry that surprises", 0, 10, 0, 45, 20),
                (
                    "Jak napisać list motywacyjny na studia",
                    "Writing a motivation letter",
                    0,
                    12,
                    30,
                    30,
                    None,
                ),
                ("Mikroskop w smartfonie", "A microscope in your smartphone", 1, 10, 30, 45, 15),
            ],
        },
        "passes": [
            ("Jan Demonstracyjny", "jan.demonstracyjny@example.org"),
            ("Alicja Przykładowa-Nowak", "alicja.przykladowa@example.org"),
        ],
    },
    {
        "name": "Politechnika Podgórska (przykład)",
        "kind": InstitutionKind.UNIVERSITY,
        "website": "https://politechnika.example.org/",
        "city": "Kraków",
        "status": Application.Status.ACCEPTED,
        "zone": 2,
        "contact": ("Tomasz Inżynierski", "tomasz.inzynierski@example.org", "+48 600 100 102"),
        "needs": {
            "tables": 2,
            "chairs": 2,
            "power": True,
            "screen": False,
            "internet": True,
            "floor_space": 9,
        },
        "showcase": "Roboty mobilne, drukarka 3D i symulator jazdy tramwajem.",
        "stand_staff": 3,
        "stand": ("102", "Roboty, druk 3D i symulator tramwaju."),
        "page": {
            "description": (
                "Zbuduj z nami robota, zobacz druk 3D na żywo i poprowadź tramwaj w symulatorze. "
                "Opowiemy o studiach inżynierskich i stażach w firmach regionu."
            ),
            "description_en": (
                "Build a robot with us, watch live 3D printing and drive a tram in our simulator. "
                "We talk about engineering degrees and internships in the region's companies."
            ),
            "fields_of_study": "Automatyka i robotyka\nBudownictwo\nTransport\nInżynieria materiałowa",
            "professions": "Inżynier automatyk\nKonstruktor\nInżynier ruchu",
            "video_url": "",
            "workshops": [
                ("Programujemy robota", "Programming a robot", 0, 11, 0, 60, 12),
                ("Druk 3D od projektu do modelu", "3D printing from design to model", 1, 12, 0, 45, 15),
            ],
        },
    },
    {
        "name": "Branżowe Centrum Umiejętności w dziedzinie logistyki (przykład)",
        "kind": InstitutionKind.SKILLS_CENTRE,
        "website": "",
        "city": "Tarnów",
        "status": Application.Status.ACCEPTED,
        "zone": 9,
        "contact": ("Marta Magazynowa", "marta.magazynowa@example.org", ""),
        "needs": {
            "tables": 1,
            "chairs": 2,
            "power": True,
            "screen": True,
            "internet": False,
            "floor_space": None,
        },
        "showcase": "Symulator wózka widłowego i kody kreskowe w magazynie.",
        "stand_staff": 2,
        "stand": ("103", "Logistyka w praktyce: symulator wózka widłowego."),
        "page": {
            "description": (
                "Sprawdź się za sterami wózka widłowego w symulatorze i dowiedz się, jak zdobyć "
                "kwalifikacje w zawodzie technika logistyka."
            ),
            "description_en": "",
            "fields_of_study": "",
            "professions": "Technik logistyk\nMagazynier-logistyk\nOperator wózka widłowego",
            "video_url": "",
            "workshops": [
                ("Symulator wózka widłowego", "Forklift simulator", 0, 13, 0, 30, 6),
            ],
        },
    },
    {
        "name": "Instytut Nauk o Ziemi PAN (przykład)",
        "kind": InstitutionKind.PAN_INSTITUTE,
        "website": "https://inoz.example.org/",
        "city": "Kraków",
        "status": Application.Status.SUBMITTED,
        "zone": 7,
        "contact": ("Paweł Geologiczny", "pawel.geologiczny@example.org", "+48 600 100 104"),
        "needs": {
            "tables": 2,
            "chairs": 2,
            "power": True,
            "screen": True,
            "internet": False,
            "floor_space": None,
        },
        "showcase": "Minerały pod mikroskopem i model trzęsienia ziemi; o studiach doktoranckich.",
        "stand_staff": 2,
    },
    {
        "name": "Łukasiewicz – Instytut Technologii Przykładowych",  # noqa: RUF001 (the network's own dash)
        "kind": InstitutionKind.LUKASIEWICZ_INSTITUTE,
        "website": "https://itp.example.org/",
        "city": "Kraków",
        "status": Application.Status.WAITLISTED,
        "zone": 8,
        "contact": ("Katarzyna Badawcza", "katarzyna.badawcza@example.org", ""),
        "needs": {
            "tables": 2,
            "chairs": 3,
            "power": True,
            "screen": False,
            "internet": True,
            "floor_space": 15,
        },
        "showcase": "Recykling metali i kompozyty; praca i staże w instytucie.",
        "stand_staff": 3,
        "reason": "Strefa 8 jest pełna; zwolnione miejsce zaproponujemy w pierwszej kolejności.",
    },
    {
        "name": "Powiatowy Urząd Pracy w Wieliczce (przykład)",
        "kind": InstitutionKind.LABOUR_MARKET,
        "website": "https://pup.example.org/",
        "city": "Wieliczka",
        "status": Application.Status.DRAFT,
        "zone": 10,
        "contact": ("Grzegorz Doradczy", "grzegorz.doradczy@example.org", ""),
        "needs": {
            "tables": 1,
            "chairs": 2,
            "power": False,
            "screen": False,
            "internet": False,
            "floor_space": None,
        },
        "showcase": "",
        "stand_staff": 2,
    },
    {
        "name": "Fabryka Robotów Przykładowych sp. z o.o.",
        "kind": InstitutionKind.EMPLOYER,
        "website": "https://fabryka.example.org/",
        "city": "Niepołomice",
        "status": Application.Status.DECLINED,
        "zone": 2,
        "contact": ("Robert Handlowy", "robert.handlowy@example.org", "+48 600 100 107"),
        "needs": {
            "tables": 4,
            "chairs": 4,
            "power": True,
            "screen": True,
            "internet": True,
            "floor_space": 30,
        },
        "showcase": "Sprzedaż robotów przemysłowych z rabatem dla szkół.",
        "stand_staff": 6,
        "reason": (
            "Targi są dla uczniów wybierających studia i zawód; oferta handlowa nie mieści się "
            "w ich programie. Zapraszamy ze stoiskiem o pracy i praktykach w firmie."
        ),
    },
    {
        "name": "Akademia Nauk Stosowanych w Bochni (przykład)",
        "kind": InstitutionKind.UNIVERSITY,
        "website": "https://ans-bochnia.example.org/",
        "city": "Bochnia",
        "status": Application.Status.WITHDRAWN,
        "zone": 6,
        "contact": ("Barbara Rekrutacyjna", "barbara.rekrutacyjna@example.org", ""),
        "needs": {
            "tables": 1,
            "chairs": 2,
            "power": True,
            "screen": False,
            "internet": False,
            "floor_space": None,
        },
        "showcase": "Pielęgniarstwo i turystyka.",
        "stand_staff": 2,
    },
]


def _fair():
    return EventPage.objects.filter(slug=FAIR_SLUG).first()


def ensure_call(fair, now):
    call = ExhibitorCall.objects.filter(event=fair).first()
    if call is None:
        call = ExhibitorCall.objects.create(
            event=fair,
            opens_at=now - datetime.timedelta(days=14),
            closes_at=max(fair.starts_at - datetime.timedelta(days=7), now + datetime.timedelta(days=1)),
            intro=CALL_INTRO,
            staff_allowance=4,
            edits_need_moderation=False,
            stand_visits_enabled=True,
        )
    return call


def ensure_exhibitor(data):
    exhibitor, _created = Exhibitor.objects.get_or_create(
        name=data["name"], defaults={"kind": data["kind"], "website": data["website"], "city": data["city"]}
    )
    return exhibitor


def _decided(status):
    return status in (Application.Status.ACCEPTED, Application.Status.WAITLISTED, Application.Status.DECLINED)


def ensure_application(call, exhibitor, data, *, zones, now, by):
    application = Application.objects.filter(call=call, exhibitor=exhibitor).first()
    if application is not None:
        return application
    status = data["status"]
    contact_name, contact_email, contact_phone = data["contact"]
    submitted = status != Application.Status.DRAFT
    return Application.objects.create(
        call=call,
        exhibitor=exhibitor,
        status=status,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
        preferred_zone=zones.get(data["zone"]),
        showcase=data["showcase"],
        stand_staff=data["stand_staff"],
        decision_reason=data.get("reason", ""),
        submitted_at=now - datetime.timedelta(days=10) if submitted else None,
        decided_at=now - datetime.timedelta(days=3) if _decided(status) else None,
        decided_by=by if _decided(status) else None,
        **data["needs"],
    )


def ensure_stand(fair, application, data, *, zones):
    """The accepted application's stand (by its number at the fair) linked to the application."""
    if application.stand_id:
        return application.stand
    number, description = data["stand"]
    stand = Stand.objects.filter(event=fair, number=number).first()
    if stand is None:
        stand = Stand.objects.create(
            event=fair,
            zone=zones.get(data["zone"]),
            number=number,
            institution=application.exhibitor.name,
            description=description,
            url=application.exhibitor.website,
        )
    application.stand = stand
    application.save(update_fields=["stand", "updated_at"])
    return stand


def _workshop_time(fair, day, hour, minute):
    date = timezone.localdate(fair.starts_at) + datetime.timedelta(days=day)
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))


def ensure_stand_page(fair, stand, data):
    """A live stand page under the fair with its workshops (times on the fair's days, Warsaw)."""
    page = StandPage.objects.filter(stand=stand).first()
    if page is not None:
        return page
    texts = data["page"]
    workshops = []
    for title, title_en, day, hour, minute, minutes, places in texts["workshops"]:
        starts_at = _workshop_time(fair, day, hour, minute)
        workshops.append(
            StandWorkshop(
                title=title,
                title_en=title_en,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=minutes),
                places=places,
                description="",
            )
        )
    page = StandPage(
        title=stand.institution,
        slug=f"stoisko-{stand.number}",
        stand=stand,
        description=texts["description"],
        description_en=texts["description_en"],
        fields_of_study=texts["fields_of_study"],
        professions=texts["professions"],
        website=stand.url,
        video_url=texts["video_url"],
        workshops=workshops,
    )
    fair.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_passes(application, people, *, by, now):
    """Named stand staff, each through ``services.name_pass`` like an exhibitor naming them in
    ``/wystawca/przepustki/``: a confirmed registration with a QR ticket of the fair's "exhibitor"
    ticket type (so reach leaves them out); each pass is mailed once, when it is first named."""
    for name, email in people:
        if ExhibitorPass.objects.filter(application=application, name=name).exists():
            continue
        services.name_pass(application=application, name=name, email=email, by=by, now=now)


def ensure_demo_exhibitor(exhibitor):
    """The demo exhibitor who signs in, and a colleague of the same institution (no password: an
    institution has several people, each with an own account)."""
    user = cms_demo.ensure_demo_user(
        email=DEMO_EXHIBITOR_EMAIL,
        first_name="Ewa",
        last_name="Przykładowa",
        role=EXHIBITOR,
        password=cms_demo.admin_password(),
    )
    ExhibitorMember.objects.get_or_create(exhibitor=exhibitor, user=user)
    colleague = cms_demo.ensure_demo_user(
        email=DEMO_COLLEAGUE_EMAIL, first_name="Piotr", last_name="Przykładowy", role=EXHIBITOR, password=None
    )
    ExhibitorMember.objects.get_or_create(exhibitor=exhibitor, user=colleague, defaults={"added_by": user})
    return user


def seed_exhibitors(*, stdout=None):
    fair = _fair()
    if fair is None:  # the events demo did not run
        return
    now = timezone.now()
    with transaction.atomic():
        call = ensure_call(fair, now)
        zones = {zone.number: zone for zone in Zone.objects.filter(page=fair)}
        staff = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        for index, data in enumerate(EXHIBITORS):
            exhibitor = ensure_exhibitor(data)
            person = ensure_demo_exhibitor(exhibitor) if index == 0 else None
            application = ensure_application(call, exhibitor, data, zones=zones, now=now, by=staff)
            if application.created_by_id is None and person is not None:
                application.created_by = person
                application.save(update_fields=["created_by", "updated_at"])
            if data["status"] != Application.Status.ACCEPTED:
                continue
            stand = ensure_stand(fair, application, data, zones=zones)
            ensure_stand_page(fair, stand, data)
            if data.get("passes"):
                ensure_passes(application, data["passes"], by=person, now=now)
    if stdout is not None:
        stdout.write(
            f"Fair exhibitors: {call.applications.count()} applications to the call of {fair.title}."
        )


def exhibitor_demo_logins():
    """The ``DEMO_LOGINS`` of the fairs: the demo exhibitor, with the demo admin's password."""
    if not ExhibitorMember.objects.filter(user__email=DEMO_EXHIBITOR_EMAIL).exists():
        return []
    return [("fair exhibitor", DEMO_EXHIBITOR_EMAIL, cms_demo.admin_password(), "/wystawca/")]


"""Demo content of the fairs (each part of the app in its own block; SEED_DEMO in wagtail_hooks)."""


VISITS_FAIR_SLUG = "festiwal-uczelni-malopolska"


# Visits per hour from the fair's opening on its first day, for the first accepted stand; each
# next stand gets a few fewer (never below one).
DEMO_VISITS = [14, 32, 45, 38, 21, 9]


DEMO_MATERIAL = (
    "Dziękujemy za odwiedziny! Kierunki studiów, terminy rekrutacji i dni otwarte znajdziesz w naszej ulotce."
)


def seed_visits(*, stdout):
    """The university fair's call gets stand visit codes on (when the exhibitors' demo made the
    call), every stand a code, the accepted stands a material text and visits on the first day.
    Idempotent: the visits are seeded only while the fair has none."""
    fair = EventPage.objects.filter(slug=VISITS_FAIR_SLUG).first()
    call = ExhibitorCall.objects.filter(event=fair).first() if fair else None
    if call is None:
        return
    if not call.stand_visits_enabled:
        ExhibitorCall.objects.filter(pk=call.pk).update(stand_visits_enabled=True)
    services.ensure_visit_codes(event=fair)
    stands = list(
        Stand.objects.filter(event=fair, application__status=Application.Status.ACCEPTED)
        .select_related("visit_code")
        .order_by("zone__sort_order", "number", "pk")
    )
    for stand in stands:
        if not stand.visit_code.material:
            services.save_visit_material(
                code=stand.visit_code, material=DEMO_MATERIAL, material_url=stand.url or ""
            )
    if StandVisitHour.objects.filter(stand__event=fair).exists():
        return
    opening = queries.hour_of(timezone.localtime(fair.starts_at))
    StandVisitHour.objects.bulk_create(
        StandVisitHour(
            stand=stand, hour=opening + datetime.timedelta(hours=offset), visits=max(1, visits - 4 * index)
        )
        for index, stand in enumerate(stands)
        for offset, visits in enumerate(DEMO_VISITS)
    )
    if stdout is not None:
        stdout.write(f"Stand visits: {len(stands)} stands of {fair.title}\n")


"""Demo content of the fairs (the ``SEED_DEMO`` hook), idempotent: a second run changes nothing."""


DEMO_FAIR = "festiwal-uczelni-malopolska"


# The university fair's two halls: which zones (by number) each holds.
DEMO_HALLS = [
    ("Hala A", "hala-a", (1, 2, 3, 4, 5, 6)),
    ("Hala B", "hala-b", (7, 8, 9, 10, 11)),
]


ROW_NAMES = ["w rzędzie najdalej od wejścia", "w rzędzie bliżej wejścia", "w rzędzie przy wejściu"]


def _description(hall, layout):
    """The hall in words, for people who cannot see the plan: where the zones are."""
    rows = {}
    for zone, _rgb, (_x0, y0, _x1, _y1) in layout.zones:
        rows.setdefault(y0, []).append(zone)
    parts = []
    for index, (_top, zones) in enumerate(sorted(rows.items())):
        names = ", ".join(f"strefa {zone}" for zone in zones)
        parts.append(f"{ROW_NAMES[min(index, len(ROW_NAMES) - 1)]} od lewej: {names}")
    return (
        f"{hall}: wejście na środku dolnej ściany planu. Strefy stoją w {len(rows)} rzędach; "
        + "; ".join(parts)
        + ". W każdej strefie stoiska ustawione są rzędami od lewej, w kolejności numerów."
    )


def seed_floor_plans(*, stdout=None):
    """The university fair's halls: a plan image drawn by ``plan_image`` and every stand placed."""
    fair = EventPage.objects.filter(slug=DEMO_FAIR).first()
    if fair is None:
        return
    zones = {zone.number: zone for zone in fair.zones.all()}
    stands = list(Stand.objects.filter(event=fair).order_by("pk"))
    for position, (hall, slug, numbers) in enumerate(DEMO_HALLS):
        hall_zones = [zones[number] for number in numbers if number in zones]
        hall_stands = [stand for stand in stands if stand.zone_id in {zone.pk for zone in hall_zones}]
        layout = layout_hall(hall_zones, hall_stands)
        image = ensure_image(
            f"Plan hali — {fair.title}, {hall}",
            f"plan-{slug}-v1.png",
            draw_hall_plan(hall_zones, hall_stands, title=f"{fair.title} — {hall}"),
        )
        plan, _created = FloorPlan.objects.update_or_create(
            event=fair,
            name=hall,
            defaults={"image": image, "description": _description(hall, layout), "position": position},
        )
        save_placements(
            floor_plan=plan, positions={stand.pk: layout.position(stand) for stand in hall_stands}
        )
    if stdout is not None:
        stdout.write(f"Floor plans: {len(DEMO_HALLS)} halls of {fair.title}, {len(stands)} stands placed.\n")
