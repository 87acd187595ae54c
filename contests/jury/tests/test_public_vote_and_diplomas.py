import datetime
import re

import pytest
import zxingcpp
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from cms.outbox.models import OutgoingEmail
from cms.tests.factories import StaffFactory, TeacherFactory
from cms.verification.models import Document
from contests.jury import services
from contests.jury.models import Diploma, PublicVote, VoteWindow
from contests.jury.tests.factories import EntryFactory, TeamMemberFactory, make_contest
from contests.jury.tests.test_results import judged_round
from tests.pdf import first_page_image, pdf_text

pytestmark = pytest.mark.django_db


def voting_contest(opens_in=-1, closes_in=24):
    now = timezone.now()
    contest = make_contest(public_vote=True, categories=("SP", "LO"))
    VoteWindow.objects.create(
        contest=contest,
        opens_at=now + datetime.timedelta(hours=opens_in),
        closes_at=now + datetime.timedelta(hours=closes_in),
    )
    return contest


def publishable_entry(contest, category, title):
    """An entry whose team has every consent its category requires (none, here)."""
    category.requires_publication_consent = False
    category.requires_copyright_licence = False
    category.save()
    entry = EntryFactory(contest=contest, category=category, title=title)
    TeamMemberFactory(entry=entry)
    return entry


def vote(client, contest, entry, email):
    return client.post(reverse("jury:vote", args=[contest.slug]), {"entry": entry.pk, "email": email})


def confirm_link(message):
    return re.search(r"https?://\S+/glosowanie/potwierdz/\S+/", message.body).group(0)


def test_a_vote_counts_only_after_the_e_mail_link_is_confirmed(client, django_capture_on_commit_callbacks):
    contest = voting_contest()
    entry = publishable_entry(contest, contest.categories.get(name="SP"), "Mój tata piekarz")

    with django_capture_on_commit_callbacks(execute=True):
        response = vote(client, contest, entry, "Ola.Nowak@example.org")
    assert response.status_code == 302
    assert PublicVote.objects.get().confirmed_at is None
    link = confirm_link(mail.outbox[-1])

    assert client.get(link).status_code == 200  # a link scanner does not vote
    assert PublicVote.objects.get().confirmed_at is None
    client.post(link)
    assert PublicVote.objects.get().confirmed_at is not None


def test_one_vote_per_e_mail_per_category(client, django_capture_on_commit_callbacks):
    contest = voting_contest()
    sp, lo = contest.categories.get(name="SP"), contest.categories.get(name="LO")
    first = publishable_entry(contest, sp, "Piekarz")
    second = publishable_entry(contest, sp, "Stolarz")
    other_category = publishable_entry(contest, lo, "Mechatronik")
    with django_capture_on_commit_callbacks(execute=True):
        vote(client, contest, first, "ola@example.org")
    client.post(confirm_link(mail.outbox[-1]))

    response = vote(client, contest, second, "OLA@example.org")
    assert "Z tego adresu e-mail już głosowano w tej kategorii." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        vote(client, contest, other_category, "ola@example.org")

    assert sorted(PublicVote.objects.values_list("entry__title", flat=True)) == ["Mechatronik", "Piekarz"]


def test_tallies_stay_hidden_until_voting_closes(client):
    contest = voting_contest()
    entry = publishable_entry(contest, contest.categories.get(name="SP"), "Piekarz")
    PublicVote.objects.create(
        category=entry.category, entry=entry, email="a@example.org", confirmed_at=timezone.now()
    )
    page = client.get(reverse("jury:vote", args=[contest.slug])).content.decode()
    assert "Piekarz: 1" not in page

    contest.vote_window.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    contest.vote_window.opens_at = timezone.now() - datetime.timedelta(days=1)
    contest.vote_window.save()
    page = client.get(reverse("jury:vote", args=[contest.slug])).content.decode()
    assert "Piekarz: 1" in page


def test_no_vote_before_it_opens(client):
    contest = voting_contest(opens_in=1, closes_in=5)
    entry = publishable_entry(contest, contest.categories.get(name="SP"), "Piekarz")
    vote(client, contest, entry, "ola@example.org")
    assert not PublicVote.objects.exists()


def test_diplomas_for_laureates_participants_and_teachers(client):
    round, entries = judged_round(laureate_places=1)

    teacher = TeacherFactory(first_name="Ewa", last_name="Lis")
    entries["C"].teacher = teacher
    entries["C"].save()
    TeamMemberFactory(entry=entries["C"], first_name="Oliwia", last_name="Sowa")
    TeamMemberFactory(entry=entries["A"], first_name="Igor", last_name="Wilk")
    services.approve_results(round=round, user=StaffFactory())

    assert services.issue_diplomas(round=round) == 3
    assert services.issue_diplomas(round=round) == 0  # idempotent
    assert sorted(Diploma.objects.values_list("kind", "recipient")) == [
        ("laureate", "Oliwia Sowa"),
        ("participant", "Igor Wilk"),
        ("thanks", "Ewa Lis"),
    ]


def test_the_qr_code_on_a_diploma_leads_to_its_verification_page(client, settings):
    settings.SITE_URL = "http://testserver"
    round, entries = judged_round(laureate_places=1)
    TeamMemberFactory(entry=entries["C"], first_name="Oliwia", last_name="Sowa")
    services.approve_results(round=round, user=StaffFactory())
    services.issue_diplomas(round=round)
    diploma = Diploma.objects.select_related("document").get()
    url = f"http://testserver/weryfikacja/{diploma.code}/"

    pdf = client.get(reverse("jury:diploma_pdf", args=[diploma.code]))
    assert pdf.content.startswith(b"%PDF")
    decoded = zxingcpp.read_barcodes(first_page_image(pdf.content))
    assert [code.text for code in decoded] == [url]
    text = pdf_text(pdf.content)
    assert diploma.document.display_code in text

    page = client.get(decoded[0].text.removeprefix("http://testserver"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Oliwia Sowa" in html
    assert entries["C"].title in html
    assert diploma.document.code == diploma.code
    assert len(diploma.code) == 10

    unknown = client.get("/weryfikacja/NIEMATAKIEGO/")
    assert unknown.status_code == 404


def test_the_old_diploma_address_redirects_to_the_verification_page(client):
    document = Document.objects.create(
        code="Ab_cD-efGhIjKlMnOpQrSt",
        kind_label="Dyplom laureata",
        title="1. miejsce",
        holder_name="Ola Nowak",
        issuer="WUP",
        issued_at=timezone.now(),
    )
    response = client.get(f"/dyplom/{document.code}/")
    assert response.status_code == 301
    assert response["Location"] == f"/weryfikacja/{document.code}/"
    assert "Ola Nowak" in client.get(response["Location"]).content.decode()


def test_a_pending_vote_is_not_mailed_again_within_minutes(client, django_capture_on_commit_callbacks):
    contest = voting_contest()
    entry = publishable_entry(contest, contest.categories.get(name="SP"), "Piekarz")
    with django_capture_on_commit_callbacks(execute=True):
        vote(client, contest, entry, "ola@example.org")
        response = vote(client, contest, entry, "ola@example.org")

    assert len(mail.outbox) == 1
    assert "Wiadomość z potwierdzeniem została właśnie wysłana" in response.content.decode()


def test_issuing_diplomas_mails_the_supervising_teacher_their_links_once(settings):
    settings.SITE_URL = "https://edufest.example.org"
    round, entries = judged_round(laureate_places=1)
    teacher = TeacherFactory(first_name="Ewa", last_name="Lis", email="ewa.lis@example.org")
    entries["C"].teacher = teacher
    entries["C"].save()
    TeamMemberFactory(entry=entries["C"], first_name="Oliwia", last_name="Sowa")
    TeamMemberFactory(entry=entries["A"], first_name="Igor", last_name="Wilk")  # no teacher: no mail
    services.approve_results(round=round, user=StaffFactory())

    services.issue_diplomas(round=round)
    services.issue_diplomas(round=round)  # nothing new: no second mail

    mail = OutgoingEmail.objects.get()
    laureate = Diploma.objects.get(recipient="Oliwia Sowa")
    thanks = Diploma.objects.get(recipient="Ewa Lis")
    assert mail.to == ["ewa.lis@example.org"]
    assert mail.subject == f"Dyplomy konkursu „{round.contest.title}”"
    assert f"Weryfikacja: https://edufest.example.org/weryfikacja/{laureate.code}/" in mail.body_text
    assert f"PDF: https://edufest.example.org/dyplom/{thanks.code}/pdf/" in mail.body_text
    assert "Dyplom laureata: Oliwia Sowa" in mail.body_text
