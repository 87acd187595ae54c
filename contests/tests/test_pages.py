import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale

from cms.reach.figures import ReachRow
from cms.tests.factories import make_image
from contests.models import ContestPage, Entry, School
from contests.tests.factories import EntryFactory, TeamMemberFactory, make_contest, make_index
from contests.wagtail_hooks import contest_calendar_items, contest_reach, open_contests_section

pytestmark = pytest.mark.django_db


def _publish(page):
    page.save_revision().publish()
    return ContestPage.objects.get(pk=page.pk)


def test_index_lists_current_and_past_contests(client, demo_site):
    index = make_index(demo_site)
    index.save_revision().publish()
    now = timezone.now()
    current = _publish(make_contest(parent=demo_site, title="Kręci Mnie Mój Zawód"))
    past = make_contest(
        parent=demo_site,
        title="Edycja 2025",
        opens=now - datetime.timedelta(days=400),
        closes=now - datetime.timedelta(days=330),
    )
    ContestPage.objects.filter(pk=past.pk).update(results_published_at=now - datetime.timedelta(days=300))
    _publish(ContestPage.objects.get(pk=past.pk))

    content = client.get(index.url).content.decode()

    current_part, past_part = content.split('id="past-heading"')
    assert current.title in current_part and "Edycja 2025" not in current_part
    assert "Edycja 2025" in past_part


def test_contest_page_shows_the_category_requirements(client, demo_site):
    make_index(demo_site).save_revision().publish()
    contest = _publish(make_contest(parent=demo_site, team_min=3, team_max=5, max_duration_seconds=180))

    content = client.get(contest.url).content.decode()

    assert "<dd>3\u20135 uczniów</dd>" in content
    assert "<dd>do 180 sekund</dd>" in content
    assert "<dd>co najmniej 720p</dd>" in content
    assert "licencja autorska" in content


def test_english_translation_of_a_contest_page_shows_the_requirements_in_english(client, demo_site):
    make_index(demo_site).save_revision().publish()
    contest = _publish(make_contest(parent=demo_site, team_min=3, team_max=5, max_duration_seconds=180))
    english = contest.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()

    response = client.get("/en" + contest.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<dd>3\u20135 pupils</dd>" in content
    assert "<dd>up to 180 seconds</dd>" in content
    assert "<dd>at least 720p</dd>" in content
    assert "copyright licence" in content


def test_home_section_lists_open_contests(rf, demo_site):
    make_index(demo_site).save_revision().publish()
    contest = _publish(make_contest(parent=demo_site))

    section = open_contests_section(rf.get("/"))

    assert section["template"] == "contests/home_section.html"
    assert [item.pk for item in section["context"]["contests"]] == [contest.pk]


def test_calendar_has_the_deadline_and_the_results_of_each_live_contest(demo_site):
    make_index(demo_site).save_revision().publish()
    contest = _publish(make_contest(parent=demo_site, title="Kręci Mnie Mój Zawód"))

    items = list(contest_calendar_items())

    assert [(item.uid, item.kind, item.starts_at) for item in items] == [
        (f"contest-{contest.pk}-deadline@edufest", "contest", contest.submissions_close_at),
        (f"contest-{contest.pk}-results@edufest", "contest", contest.results_published_at),
    ]
    assert items[0].url.endswith(contest.url)


def test_reach_has_one_row_per_submitted_entry_with_the_team_size(entry):
    entry.school.rspo = "17562"
    entry.school.save()
    TeamMemberFactory(entry=entry)
    Entry.objects.filter(pk=entry.pk).update(status=Entry.Status.SUBMITTED, submitted_at=timezone.now())
    EntryFactory(school=entry.school)  # a draft is not counted
    today = timezone.localdate()

    rows = list(contest_reach(start=today, end=today))

    assert rows == [
        ReachRow(
            activity_type="contest",
            activity_type_label=rows[0].activity_type_label,
            activity_key=f"contest:{entry.contest_id}",
            activity_name=entry.contest.title,
            registrations=1,
            people=2,
            basis="participants",
            pupils=2,
            school="rspo:17562",
            institution_kind="school",
            municipality="Zgierz",
            county="1020",
            voivodeship="10",
            records_url=f"/admin/contests/entries/?contest={entry.contest_id}",
        )
    ]


def test_demo_content_is_idempotent(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = (ContestPage.objects.count(), School.objects.count(), Entry.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    assert counts == (2, 1, 1)
    assert (ContestPage.objects.count(), School.objects.count(), Entry.objects.count()) == counts
    entry = Entry.objects.get()
    assert entry.status == Entry.Status.DRAFT
    assert entry.team.count() == 3


def test_contest_page_has_a_meta_description_and_an_open_graph_image(client, demo_site):
    make_index(demo_site).save_revision().publish()
    contest = make_contest(parent=demo_site)
    contest.lead = "Nakręć film o zawodzie, który cię ciekawi."
    contest.image, contest.image_alt = make_image(), "Uczniowie z kamerą w warsztacie"
    contest.save()
    contest = _publish(contest)

    content = client.get(contest.url).content.decode()

    assert '<meta name="description" content="Nakręć film o zawodzie, który cię ciekawi.">' in content
    assert '<meta property="og:image" content="http://testserver/media/images/test' in content
    assert ".fill-1200x630" in content
    assert 'alt="Uczniowie z kamerą w warsztacie"' in content


def test_a_contest_image_needs_its_alternative_text(demo_site):
    contest = make_contest(parent=demo_site)
    contest.image = make_image()

    with pytest.raises(ValidationError) as error:
        contest.full_clean()

    assert "image_alt" in error.value.message_dict
