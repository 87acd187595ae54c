"""The contest page links the public vote, the results and the gallery at the right moments; the
gallery shows only published films whose consents are complete; the school area's diplomas."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.tests.factories import StaffFactory, TeacherFactory
from contests import services
from contests.jury import queries as jury_queries
from contests.jury.models import Diploma, Round, VoteWindow
from contests.jury.tests.factories import EntryFactory, RoundFactory, make_contest
from contests.models import Consent, Film
from contests.tests.factories import SchoolFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

VOTE = "Głosowanie publiczności"
RESULTS = "Wyniki"
GALLERY = "Filmy konkursu"


def links(client, contest):
    html = client.get(contest.url).content.decode()
    return {
        VOTE: f'<a class="button" href="/glosowanie/{contest.slug}/">{VOTE}</a>' in html,
        RESULTS: f'<a class="button" href="/wyniki/{contest.slug}/">{RESULTS}</a>' in html,
        GALLERY: f'href="/konkursy/{contest.slug}/filmy/">{GALLERY}</a>' in html,
    }


def test_the_vote_link_shows_only_while_the_vote_is_open(client):
    now = timezone.now()
    contest = make_contest()
    assert links(client, contest) == {VOTE: False, RESULTS: False, GALLERY: False}

    window = VoteWindow.objects.create(
        contest=contest,
        opens_at=now + datetime.timedelta(hours=1),
        closes_at=now + datetime.timedelta(days=2),
    )
    assert links(client, contest)[VOTE] is False  # not yet open

    window.opens_at = now - datetime.timedelta(hours=1)
    window.save()
    assert links(client, contest)[VOTE] is True

    window.closes_at = now - datetime.timedelta(minutes=1)
    window.save()
    assert links(client, contest)[VOTE] is False


def test_the_results_link_shows_once_the_final_round_is_approved_and_published(client):
    now = timezone.now()
    contest = make_contest(results_published_at=now + datetime.timedelta(days=1))
    round = RoundFactory(contest=contest, kind=Round.Kind.FINAL)
    round.approved_at = now
    round.save()
    assert links(client, contest)[RESULTS] is False  # before the gala

    contest.results_published_at = now - datetime.timedelta(minutes=1)
    contest.save_revision().publish()
    assert links(client, contest)[RESULTS] is True


def public_entry(contest, title, *, consents=True, published=True):
    entry = EntryFactory(contest=contest, title=title)
    TeamMemberFactory(entry=entry, is_13_or_older=False)
    Film.objects.create(entry=entry, upload_length=4, upload_offset=4, status=Film.Status.READY)
    services.sync_consents(entry=entry)
    if consents or published:
        staff = StaffFactory(username=f"staff-{entry.pk}")
        for consent in Consent.objects.filter(member__entry=entry):
            services.mark_consent_received_on_paper(consent=consent, user=staff)
    if published:
        services.set_entry_published(entry=entry, published=True, user=None)
    if not consents:
        consent = Consent.objects.filter(member__entry=entry).first()
        consent.status = Consent.Status.WITHDRAWN  # as if withdrawn after publication
        consent.save()
    return entry


def test_the_gallery_shows_only_published_films_with_complete_consents(client):
    contest = make_contest()
    shown = public_entry(contest, "Piekarz od kuchni")
    public_entry(contest, "Film bez publikacji", published=False)
    incomplete = public_entry(contest, "Film bez zgody", consents=False)
    incomplete.published = True
    incomplete.save(update_fields=["published"])

    response = client.get(reverse("contests:gallery", args=[contest.slug]))
    html = response.content.decode()

    assert response.status_code == 200
    assert [entry.title for entry in response.context["films"]] == ["Piekarz od kuchni"]
    assert f'href="/konkursy/filmy/{shown.pk}/"' in html
    assert f'src="/pliki/zgloszenia/{shown.pk}/plakat.jpg"' in html
    assert "Film bez publikacji" not in html
    assert "Film bez zgody" not in html
    assert "oryginal" not in html  # never the original or a storage address
    assert "/media/" not in html
    assert links(client, contest)[GALLERY] is True


def test_the_gallery_link_is_absent_without_a_public_film(client):
    contest = make_contest()
    public_entry(contest, "Film bez publikacji", published=False)

    assert links(client, contest)[GALLERY] is False
    assert client.get(reverse("contests:gallery", args=["nie-ma-takiego"])).status_code == 404


def test_diplomas_for_teacher_lists_the_diplomas_of_their_schools_only():
    teacher = TeacherFactory()
    school = SchoolFactory(name="Technikum nr 1 w Opolu")
    school.teachers.add(teacher)
    mine = EntryFactory(school=school, title="Mój film")
    other = EntryFactory(title="Cudzy film")
    Diploma.objects.create(
        entry=mine, kind=Diploma.Kind.LAUREATE, recipient="Ola Nowak", achievement="1. miejsce"
    )
    Diploma.objects.create(
        entry=other, kind=Diploma.Kind.LAUREATE, recipient="Jan Inny", achievement="2. miejsce"
    )

    diplomas = list(jury_queries.diplomas_for_teacher(teacher))

    assert [(d.recipient, d.entry.title, d.entry.school.name) for d in diplomas] == [
        ("Ola Nowak", "Mój film", "Technikum nr 1 w Opolu")
    ]
    assert diplomas[0].entry.contest.title == mine.contest.title
