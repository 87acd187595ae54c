"""The public vote's confirmation link is on SITE_URL, whatever host the request came to."""

import pytest
from django.core import mail
from django.urls import reverse

from contests.jury.tests.test_public_vote_and_diplomas import publishable_entry, voting_contest

pytestmark = pytest.mark.django_db


def test_the_vote_confirmation_link_is_on_site_url(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://127.0.0.1:8200"
    contest = voting_contest()
    entry = publishable_entry(contest, contest.categories.get(name="SP"), "Piekarz")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("jury:vote", args=[contest.slug]),
            {"entry": entry.pk, "email": "ola@example.org"},
            headers={"host": "localhost:8000"},
        )

    assert "http://127.0.0.1:8200/glosowanie/potwierdz/" in mail.outbox[-1].body
    assert "localhost" not in mail.outbox[-1].body
