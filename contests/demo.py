"""Demo content: "Kręci Mnie Mój Zawód" (Łódzkie), open now, a past edition, a school with a draft.

The demo teacher ``teacher@example.org`` has the demo-only password ``DEMO_TEACHER_PASSWORD``
(documented in the README; never use it outside a local demo).
"""

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from cms.accounts import roles
from cms.demo import ensure_translation
from cms.jobs.workers import enqueue_in_transaction

from .models import Category, ContestIndexPage, ContestPage, Entry, Film, School, TeamMember
from .services import sync_consents
from .tasks import process_film_task

DEMO_TEACHER_EMAIL = "teacher@example.org"
DEMO_TEACHER_PASSWORD = "demo-nauczyciel-2026"

RULES = (
    "<p>Konkurs jest skierowany do uczniów szkół podstawowych i ponadpodstawowych województwa łódzkiego. "
    "Zespół 3-5 uczniów pod opieką nauczyciela przygotowuje film promujący wybrany zawód.</p>"
    "<ul><li>Film trwa od 2 do 3 minut.</li><li>Rozdzielczość co najmniej 720p.</li>"
    "<li>Muzyka i materiały osób trzecich tylko z prawem do wykorzystania.</li></ul>"
)
PRIZES = "<p>Nagrody rzeczowe dla zespołów i szkół, dyplomy dla opiekunów, pokaz filmów na gali.</p>"


def _categories(contest):
    for position, (name, description) in enumerate(
        [
            ("Szkoły podstawowe", "Uczniowie klas VII-VIII szkół podstawowych."),
            ("Szkoły ponadpodstawowe", "Uczniowie liceów, techników i szkół branżowych."),
        ]
    ):
        contest.categories.add(
            Category(
                name=name,
                description=description,
                sort_order=position,
                team_min=3,
                team_max=5,
                min_duration_seconds=120,
                max_duration_seconds=180,
                min_height=720,
                max_file_size_mb=2048,
            )
        )


def _contest(index, *, slug, title, opens, closes, results, lead):
    contest = ContestPage.objects.child_of(index).filter(slug=slug).first()
    if contest:
        return contest
    contest = ContestPage(
        title=title,
        slug=slug,
        lead=lead,
        organiser="Wojewódzki Urząd Pracy w Łodzi — WZK Łódzkie",
        rules=RULES,
        prizes=PRIZES,
        submissions_open_at=opens,
        submissions_close_at=closes,
        grace_period_minutes=60,
        judging_starts_at=closes + datetime.timedelta(days=3),
        judging_ends_at=closes + datetime.timedelta(days=20),
        results_published_at=results,
        blind_judging=True,
    )
    _categories(contest)
    index.add_child(instance=contest)
    contest.save_revision().publish()
    return contest


def _teacher():
    User = get_user_model()
    teacher = User.objects.filter(email=DEMO_TEACHER_EMAIL).first()
    if teacher is None:
        teacher = User.objects.create_user(
            username="teacher",
            email=DEMO_TEACHER_EMAIL,
            password=DEMO_TEACHER_PASSWORD,
            first_name="Katarzyna",
            last_name="Przykładowa",
        )
    EmailAddress.objects.update_or_create(
        user=teacher, email=DEMO_TEACHER_EMAIL, defaults={"verified": True, "primary": True}
    )
    teacher.groups.add(Group.objects.get(name=roles.SCHOOL_COORDINATOR))
    return teacher


def demo_logins():
    """The ``DEMO_LOGINS`` of contests: the demo teacher (school coordinator)."""
    exists = get_user_model().objects.filter(email=DEMO_TEACHER_EMAIL).exists()
    return (
        [("teacher (school coordinator)", DEMO_TEACHER_EMAIL, DEMO_TEACHER_PASSWORD, "/accounts/login/")]
        if exists
        else []
    )


def seed(*, home, stdout=None):
    index = ContestIndexPage.objects.child_of(home).filter(slug="konkursy").first()
    if index is None:
        index = ContestIndexPage(
            title="Konkursy",
            slug="konkursy",
            intro="Konkursy dla uczniów i szkół organizowane przez Wojewódzki Zespół Koordynacji.",
            show_in_menus=True,
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    ensure_translation(
        index,
        "en",
        title="Contests",
        slug="contests",
        intro="Contests for pupils and schools run by the Regional Coordination Team.",
    )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    current = _contest(
        index,
        slug="kreci-mnie-moj-zawod",
        title="Kręci Mnie Mój Zawód",
        opens=now - datetime.timedelta(days=7),
        closes=now + datetime.timedelta(days=30),
        results=now + datetime.timedelta(days=60),
        lead="Nakręć 2-3-minutowy film promujący zawód, który cię ciekawi — konkurs dla szkół z Łódzkiego.",
    )
    _contest(
        index,
        slug="kreci-mnie-moj-zawod-2025",
        title="Kręci Mnie Mój Zawód 2025",
        opens=now - datetime.timedelta(days=400),
        closes=now - datetime.timedelta(days=330),
        results=now - datetime.timedelta(days=300),
        lead="Poprzednia edycja konkursu filmowego o zawodach.",
    )
    teacher = _teacher()
    school = School.objects.filter(rspo="17562").first()
    if school is None:
        school = School.objects.create(
            name="Zespół Szkół Ponadpodstawowych nr 1 w Zgierzu",
            rspo="17562",
            street="ul. Przykładowa 10",
            postal_code="95-100",
            municipality="Zgierz",
            county="1020",
            voivodeship="10",
        )
    school.teachers.add(teacher)
    entry = Entry.objects.filter(contest=current, school=school).first()
    if entry is None:
        category = current.categories.get(name="Szkoły ponadpodstawowe")
        entry = Entry.objects.create(
            contest=current,
            category=category,
            school=school,
            teacher=teacher,
            title="Mechatronik — zawód przyszłości",
            profession="technik mechatronik",
            description="Pokazujemy dzień w warsztacie szkolnym i rozmowę z absolwentem.",
        )
        for position, (first, last, klass) in enumerate(
            [("Jan", "Kowalczyk", "3TM"), ("Ola", "Wiśniewska", "3TM"), ("Piotr", "Zieliński", "2TM")]
        ):
            TeamMember.objects.create(
                entry=entry,
                first_name=first,
                last_name=last,
                class_name=klass,
                is_13_or_older=True,
                sort_order=position,
            )
        sync_consents(entry=entry)
        _demo_film(entry)
    if stdout is not None:
        stdout.write(f"Contests demo: {index.url_path}; teacher {DEMO_TEACHER_EMAIL} (password in README).")


def _demo_film(entry):
    """A 2-second synthetic clip, processed by the worker like any upload (it is too short to pass)."""
    from .samples import make_clip  # noqa: PLC0415 — PyAV only when the demo is seeded (FFmpeg, about 20 MB)

    data = make_clip(seconds=2, fps=10)
    film = Film(entry=entry, upload_length=len(data), upload_offset=len(data), original_filename="demo.mp4")
    film.original.save("original.mp4", ContentFile(data), save=False)
    film.status = Film.Status.PENDING
    film.save()
    enqueue_in_transaction(process_film_task, film.pk)
