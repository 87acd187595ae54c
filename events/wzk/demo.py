"""Demo content of the WZK for ``seed_demo``. Each part of the app seeds in its own block and
finds the others' rows when they exist (idempotent; fictional people, ``example.org`` addresses).

Roster (order 70): 20 members across the five pillars with a chair, a vice-chair and the
secretary of the coordination office, a few standing substitutes, two former members whose term
has ended, and one member who signs in (``czlonek.wzk@example.org`` with the demo admin's password).
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from cms import demo as cms_demo

from .models import Member, MemberRole, Pillar, Substitute

# ---- Roster -----------------------------------------------------------------------------------

DEMO_MEMBER_EMAIL = "czlonek.wzk@example.org"
TERM_FROM = datetime.date(2024, 1, 1)
TERM_TO = datetime.date(2027, 12, 31)
RESOLUTION = ("Uchwała nr XII/345/2023 Zarządu Województwa", datetime.date(2023, 12, 12))

# (first name, last name, e-mail local part, institution, pillar, role)
ROSTER = (
    (
        "Barbara",
        "Nowicka",
        "barbara.nowicka",
        "Urząd Marszałkowski Województwa",
        Pillar.STRATEGY,
        MemberRole.CHAIR,
    ),
    ("Piotr", "Zalewski", "piotr.zalewski", "Kuratorium Oświaty", Pillar.EDUCATION, MemberRole.VICE_CHAIR),
    (
        "Magdalena",
        "Krawczyk",
        "magdalena.krawczyk",
        "Wojewódzki Urząd Pracy",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.SECRETARY,
    ),
    (
        "Joanna",
        "Przybylska",
        "czlonek.wzk",
        "Regionalny Ośrodek Doskonalenia Nauczycieli",
        Pillar.EDUCATION,
        MemberRole.MEMBER,
    ),
    (
        "Krzysztof",
        "Sadowski",
        "krzysztof.sadowski",
        "Uniwersytet Regionalny",
        Pillar.EDUCATION,
        MemberRole.MEMBER,
    ),
    ("Ewa", "Michalska", "ewa.michalska", "Zespół Szkół Technicznych", Pillar.EDUCATION, MemberRole.MEMBER),
    (
        "Tomasz",
        "Jaworski",
        "tomasz.jaworski",
        "Centrum Kształcenia Zawodowego",
        Pillar.EDUCATION,
        MemberRole.MEMBER,
    ),
    ("Agnieszka", "Wilk", "agnieszka.wilk", "Izba Przemysłowo-Handlowa", Pillar.ECONOMY, MemberRole.MEMBER),
    ("Marcin", "Kubiak", "marcin.kubiak", "Klaster Firm Produkcyjnych", Pillar.ECONOMY, MemberRole.MEMBER),
    (
        "Katarzyna",
        "Sobczak",
        "katarzyna.sobczak",
        "Branżowe Centrum Umiejętności",
        Pillar.ECONOMY,
        MemberRole.MEMBER,
    ),
    ("Paweł", "Wróbel", "pawel.wrobel", "Agencja Rozwoju Regionalnego", Pillar.ECONOMY, MemberRole.MEMBER),
    (
        "Monika",
        "Górska",
        "monika.gorska",
        "Departament Rozwoju Regionalnego",
        Pillar.STRATEGY,
        MemberRole.MEMBER,
    ),
    ("Andrzej", "Czarnecki", "andrzej.czarnecki", "Związek Gmin Regionu", Pillar.STRATEGY, MemberRole.MEMBER),
    (
        "Natalia",
        "Pietrzak",
        "natalia.pietrzak",
        "Obserwatorium Rynku Pracy",
        Pillar.STRATEGY,
        MemberRole.MEMBER,
    ),
    (
        "Grzegorz",
        "Baran",
        "grzegorz.baran",
        "Departament Funduszy Europejskich",
        Pillar.EU_FUNDS,
        MemberRole.MEMBER,
    ),
    (
        "Aleksandra",
        "Szulc",
        "aleksandra.szulc",
        "Punkt Informacyjny Funduszy Europejskich",
        Pillar.EU_FUNDS,
        MemberRole.MEMBER,
    ),
    ("Rafał", "Lis", "rafal.lis", "Instytucja Pośrednicząca FEP", Pillar.EU_FUNDS, MemberRole.MEMBER),
    (
        "Dorota",
        "Mazurek",
        "dorota.mazurek",
        "Wojewódzka Rada Dialogu Społecznego",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
    (
        "Łukasz",
        "Kalinowski",
        "lukasz.kalinowski",
        "Związek Rzemiosła Polskiego — izba regionalna",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
    (
        "Beata",
        "Urbańska",
        "beata.urbanska",
        "Federacja Organizacji Pozarządowych",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
)
# Members of the previous term: their term has ended, they stay in the history.
FORMER = (
    (
        "Henryk",
        "Stępień",
        "henryk.stepien",
        "Ochotniczy Hufiec Pracy",
        Pillar.SOCIAL_DIALOGUE,
        MemberRole.MEMBER,
    ),
    ("Irena", "Kołodziej", "irena.kolodziej", "Powiatowy Urząd Pracy", Pillar.ECONOMY, MemberRole.MEMBER),
)
FORMER_TERM = (datetime.date(2022, 6, 1), datetime.date(2023, 12, 31))
# (member's e-mail local part, substitute's name, institution, e-mail local part)
SUBSTITUTES = (
    ("barbara.nowicka", "Jan Szymański", "Urząd Marszałkowski Województwa", "jan.szymanski"),
    ("piotr.zalewski", "Renata Duda", "Kuratorium Oświaty", "renata.duda"),
    ("agnieszka.wilk", "Adam Ostrowski", "Izba Przemysłowo-Handlowa", "adam.ostrowski"),
    ("grzegorz.baran", "Sylwia Kaczmarek", "Departament Funduszy Europejskich", "sylwia.kaczmarek"),
)


def _email(local):
    return f"{local}@example.org"


def seed_roster(*, stdout=None):
    members = {}
    for rows, (term_from, term_to) in ((ROSTER, (TERM_FROM, TERM_TO)), (FORMER, FORMER_TERM)):
        for first_name, last_name, local, institution, pillar, role in rows:
            member, _created = Member.objects.get_or_create(
                email=_email(local),
                term_from=term_from,
                defaults={
                    "first_name": first_name,
                    "last_name": last_name,
                    "institution": institution,
                    "pillar": pillar,
                    "role": role,
                    "term_to": term_to,
                    "resolution_number": RESOLUTION[0] if term_from == TERM_FROM else "Uchwała nr XL/12/2022",
                    "resolution_date": RESOLUTION[1]
                    if term_from == TERM_FROM
                    else datetime.date(2022, 5, 20),
                },
            )
            members[local] = member
    for member_local, name, institution, local in SUBSTITUTES:
        Substitute.objects.get_or_create(
            member=members[member_local],
            name=name,
            defaults={"institution": institution, "email": _email(local)},
        )
    demo_member = members[DEMO_MEMBER_EMAIL.split("@")[0]]
    user = ensure_member_login(demo_member)
    if stdout:
        stdout.write(
            f"wzk: roster of {len(ROSTER)} members and {len(FORMER)} former members; "
            f"member login {user.email if user else '(no password yet)'}"
        )
    return members


def ensure_member_login(member):
    """The demo member's account, with the demo admin's password (``None`` before it exists)."""
    password = cms_demo.admin_password()
    if password is None:
        return None
    User = get_user_model()
    user = member.user or User.objects.filter(email=member.email).first()
    if user is None:
        user = User(
            username=member.email.split("@")[0],
            email=member.email,
            first_name=member.first_name,
            last_name=member.last_name,
        )
    if not user.check_password(password):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=member.email, defaults={"verified": True, "primary": True}
    )
    if member.user_id != user.pk:
        member.user = user
        member.save(update_fields=["user", "updated_at"])
    return user


def roster_demo_logins():
    """The ``DEMO_LOGINS`` of the roster: the demo member, with the demo admin's password."""
    if not Member.objects.filter(email=DEMO_MEMBER_EMAIL, user__email=DEMO_MEMBER_EMAIL).exists():
        return []
    return [("WZK member", DEMO_MEMBER_EMAIL, cms_demo.admin_password(), "/wzk/moje/")]
