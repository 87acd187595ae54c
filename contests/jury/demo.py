"""Demo jury for "Kręci Mnie Mój Zawód": one judging round with three criteria and two invented jurors.

Idempotent: the round, its criteria, the jurors and their assignments are created once; running it
again changes nothing. The jurors log in with the demo admin's password (``var/admin-password.txt``).
"""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms import roles

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
    from contests.models import ContestPage

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
    User = get_user_model()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(username=email.split("@")[0], email=email, first_name=first_name, last_name=last_name)
        password_file = settings.VAR_DIR / "admin-password.txt"
        if password_file.exists():
            user.set_password(password_file.read_text().strip())
        else:
            user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(Group.objects.get(name=roles.JUROR))
    JurorProfile.objects.get_or_create(
        user=user, defaults={"display_name": f"{first_name} {last_name}", "municipality": municipality}
    )
    return user
