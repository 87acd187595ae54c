"""Demo jury for "Kręci Mnie Mój Zawód": one judging round with three criteria and two invented jurors.

Idempotent: the round, its criteria, the jurors and their assignments are created once; running it
again changes nothing. The jurors log in with the demo admin's password (``var/admin-password.txt``),
which ``seed_demo`` creates before any app's demo.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from cms import demo
from cms.accounts import roles
from contests.models import ContestPage

from . import services
from .models import Criterion, JurorProfile, Round

CONTEST_SLUG = "kreci-mnie-moj-zawod"

JURORS = (
    ("katarzyna.wroblewska@example.org", "Katarzyna", "Wróblewska", "Kraków"),
    ("tomasz.malinowski@example.org", "Tomasz", "Malinowski", "Białystok"),
)

CRITERIA = (
    ("Pomysł i przekaz", "Czy film ciekawie i prawdziwie pokazuje zawód?", Decimal(3)),
    ("Realizacja", "Obraz, dźwięk, montaż.", Decimal(2)),
    ("Zgodność z regulaminem", "Czas trwania, temat, udział uczniów.", Decimal(1)),
)


def seed(*, stdout=None):
    contest = ContestPage.objects.filter(slug=CONTEST_SLUG).first()
    if contest is None:
        if stdout:
            stdout.write("jury: no contest 'kreci-mnie-moj-zawod', demo jury skipped")
        return None
    round, created = Round.objects.get_or_create(
        contest=contest,
        order=1,
        defaults={"name": "Ocena jury", "kind": Round.Kind.FINAL, "laureate_places": 3},
    )
    if created:
        for position, (name, description, weight) in enumerate(CRITERIA):
            Criterion.objects.create(
                round=round,
                name=name,
                description=description,
                weight=weight,
                scale_min=Decimal(0),
                scale_max=Decimal(10),
                labels="0 = słabo\n5 = dobrze\n10 = znakomicie",
                sort_order=position,
            )
    jurors = [ensure_juror(*juror) for juror in JURORS]
    services.assign_jurors(round=round, jurors=jurors)
    if stdout:
        stdout.write(f"jury: round '{round.name}' with jurors {', '.join(j.email for j in jurors)}")
    return round


def ensure_juror(email, first_name, last_name, municipality):
    user = demo.ensure_demo_user(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=roles.JUROR,
        password=demo.admin_password(),
    )
    JurorProfile.objects.get_or_create(
        user=user, defaults={"display_name": f"{first_name} {last_name}", "municipality": municipality}
    )
    return user


def demo_logins():
    """The ``DEMO_LOGINS`` of the jury: the demo jurors, with the demo admin's password."""
    emails = [juror[0] for juror in JURORS]
    found = get_user_model().objects.filter(email__in=emails, groups__name=roles.JUROR)
    existing = set(found.values_list("email", flat=True))
    password = demo.admin_password()
    return [("juror", email, password, "/accounts/login/") for email in emails if email in existing]
