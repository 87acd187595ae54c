from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.tests.factories import UserFactory
from contests.jury.models import Assignment
from contests.jury.tests.factories import (
    AssignmentFactory,
    CriterionFactory,
    EntryFactory,
    JurorFactory,
    RoundFactory,
    SchoolFactory,
    TeamMemberFactory,
    make_contest,
    submit_sheet,
)
from contests.models import Film

pytestmark = pytest.mark.django_db


def scoring_round(**contest_fields):
    contest = make_contest(**contest_fields)
    round = RoundFactory(contest=contest)
    CriterionFactory(round=round, name="Pomysł", weight=Decimal(2))
    CriterionFactory(round=round, name="Realizacja", weight=Decimal(1))
    return round


def entry_with_team(round):
    entry = EntryFactory(contest=round.contest, school=SchoolFactory(name="Zespół Szkół Budowlanych w Nysie"))
    TeamMemberFactory(entry=entry, first_name="Oliwia", last_name="Szczepaniak")
    return entry


def test_a_juror_lists_only_the_entries_assigned_to_them(client):
    round = scoring_round()
    mine = AssignmentFactory(round=round, entry=EntryFactory(contest=round.contest, title="Mój piekarz"))
    AssignmentFactory(round=round, entry=EntryFactory(contest=round.contest, title="Cudzy stolarz"))
    client.force_login(mine.juror)

    html = client.get(reverse("jury:assignments")).content.decode()

    assert "Mój piekarz" in html
    assert "Cudzy stolarz" not in html


def test_the_jury_pages_need_the_juror_role(client):
    client.force_login(UserFactory())
    assert client.get(reverse("jury:assignments")).status_code == 403
    client.logout()
    assert client.get(reverse("jury:assignments")).status_code == 302


def test_a_juror_cannot_open_a_sheet_of_another_juror(client):
    round = scoring_round()
    other = AssignmentFactory(round=round)
    client.force_login(JurorFactory())
    assert client.get(reverse("jury:sheet", args=[other.pk])).status_code == 404


def test_blind_mode_hides_school_and_team_names_from_the_juror(client):
    round = scoring_round(blind_judging=True)
    assignment = AssignmentFactory(round=round, entry=entry_with_team(round))
    client.force_login(assignment.juror)

    html = client.get(reverse("jury:sheet", args=[assignment.pk])).content.decode()

    assert assignment.entry.title in html
    assert "Budowlanych" not in html
    assert "Szczepaniak" not in html
    assert "Oliwia" not in html


def test_without_blind_mode_the_juror_sees_school_and_team(client):
    round = scoring_round(blind_judging=False)
    assignment = AssignmentFactory(round=round, entry=entry_with_team(round))
    client.force_login(assignment.juror)

    html = client.get(reverse("jury:sheet", args=[assignment.pk])).content.decode()

    assert "Zespół Szkół Budowlanych w Nysie" in html
    assert "Oliwia Szczepaniak" in html


def sheet_post(criteria, values, comments=None, submit=True):
    data = {}
    for index, criterion in enumerate(criteria):
        data[f"sheet-value_{criterion.pk}"] = values[index]
        data[f"sheet-comment_{criterion.pk}"] = (comments or {}).get(index, "")
    if submit:
        data["submit"] = "1"
        data["sheet-confirm"] = "on"
    return data


def open_sheet(client):
    """A juror logged in with one sheet of a two-criterion round."""
    round = scoring_round()
    assignment = AssignmentFactory(round=round)
    client.force_login(assignment.juror)
    return assignment, list(round.criteria.order_by("sort_order"))


def test_a_juror_scores_every_criterion_with_a_comment_and_submits(client):
    assignment, criteria = open_sheet(client)

    response = client.post(
        reverse("jury:sheet", args=[assignment.pk]),
        sheet_post(criteria, ["8", "6.5"], {0: "Świetny pomysł na ujęcia"}),
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.is_submitted
    assert {(s.criterion.name, s.value, s.comment) for s in assignment.scores.all()} == {
        ("Pomysł", Decimal("8.00"), "Świetny pomysł na ujęcia"),
        ("Realizacja", Decimal("6.50"), ""),
    }


def test_submitting_needs_the_confirmation_box_and_keeps_what_was_typed(client):
    assignment, criteria = open_sheet(client)
    data = sheet_post(criteria, ["8", "6.5"], {0: "Wpisany komentarz"})
    del data["sheet-confirm"]

    response = client.post(reverse("jury:sheet", args=[assignment.pk]), data)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "confirm": ["Zaznacz pole, aby potwierdzić, że Twoje oceny są ostateczne."]
    }
    assert "Wpisany komentarz" in response.content.decode()
    assignment.refresh_from_db()
    assert not assignment.is_submitted
    assert not assignment.scores.exists()


def test_a_draft_is_saved_without_the_confirmation_box(client):
    assignment, criteria = open_sheet(client)

    response = client.post(
        reverse("jury:sheet", args=[assignment.pk]), sheet_post(criteria, ["8", ""], submit=False)
    )

    assert response.status_code == 302
    assignment.refresh_from_db()
    assert not assignment.is_submitted
    assert [s.value for s in assignment.scores.all()] == [Decimal("8.00")]


def test_the_recusal_button_is_styled_as_secondary(client):

    assignment, _criteria = open_sheet(client)

    html = client.get(reverse("jury:sheet", args=[assignment.pk])).content.decode()

    assert '<button type="submit" class="button button-secondary">Wyłączam się z oceny</button>' in html
    # ``button.button`` (the primary style) must not outweigh the secondary one on a <button>.
    css = (Path(settings.BASE_DIR) / "static" / "css" / "edufest.css").read_text()
    assert ".button-secondary, button.button-secondary { background: #fff; color: var(--brand); }" in css


def test_submitting_an_incomplete_sheet_keeps_what_was_typed(client):
    assignment, criteria = open_sheet(client)

    response = client.post(
        reverse("jury:sheet", args=[assignment.pk]),
        sheet_post(criteria, ["7", ""], {0: "Zapisany komentarz"}),
    )

    assert response.status_code == 200
    assert "Zapisany komentarz" in response.content.decode()
    assert not Assignment.objects.get(pk=assignment.pk).is_submitted


def test_a_score_off_the_scale_is_refused_with_a_message(client):
    assignment, criteria = open_sheet(client)

    response = client.post(reverse("jury:sheet", args=[assignment.pk]), sheet_post(criteria, ["11", "5"]))

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not assignment.scores.exists()


def test_a_juror_sees_other_scores_only_after_submitting_their_own(client):
    round = scoring_round()
    entry = EntryFactory(contest=round.contest)
    colleague = AssignmentFactory(round=round, entry=entry)
    submit_sheet(colleague, [3, 4])
    colleague.scores.update(comment="Komentarz kolegi z jury")
    mine = AssignmentFactory(round=round, entry=entry)
    client.force_login(mine.juror)

    before = client.get(reverse("jury:sheet", args=[mine.pk])).content.decode()
    assert "Komentarz kolegi z jury" not in before

    submit_sheet(mine, [9, 9])
    after = client.get(reverse("jury:sheet", args=[mine.pk])).content.decode()
    assert "Komentarz kolegi z jury" in after


def test_a_juror_recuses_themselves_with_a_reason(client):
    round = scoring_round()
    assignment = AssignmentFactory(round=round)
    client.force_login(assignment.juror)

    client.post(reverse("jury:recuse", args=[assignment.pk]), {"reason": "Uczę w tej szkole"})

    assignment.refresh_from_db()
    assert assignment.recused
    assert assignment.recusal_reason == "Uczę w tej szkole"


def test_the_list_of_sheets_has_a_constant_query_count(client, django_assert_num_queries):
    round = scoring_round()
    juror = JurorFactory()
    AssignmentFactory(round=round, juror=juror)
    client.force_login(juror)
    client.get(reverse("jury:assignments"))  # warm the session and the site caches

    def count():
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("jury:assignments"))
        return len(context.captured_queries)

    small = count()
    for _ in range(4):
        AssignmentFactory(round=round, juror=juror)
    assert count() == small


def ready_film(entry):

    film = Film.objects.create(entry=entry, upload_length=4, upload_offset=4, status=Film.Status.READY)
    film.web_copy.save("web.mp4", ContentFile(b"\x00\x00\x00\x18ftypmp42"), save=True)
    return film


def test_an_assigned_juror_watches_the_web_copy_in_the_sheet(client):
    round = scoring_round()
    assignment = AssignmentFactory(round=round)
    ready_film(assignment.entry)
    client.force_login(assignment.juror)

    html = client.get(reverse("jury:sheet", args=[assignment.pk])).content.decode()
    film_url = reverse("contests:film_web", args=[assignment.entry.pk])

    assert f'src="{film_url}"' in html
    response = client.get(film_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x00\x00\x00\x18ftyp")


def test_a_juror_not_assigned_or_recused_and_anonymous_cannot_get_the_film(client):
    round = scoring_round()
    assignment = AssignmentFactory(round=round)
    ready_film(assignment.entry)
    film_url = reverse("contests:film_web", args=[assignment.entry.pk])

    assert client.get(film_url).status_code == 404
    client.force_login(JurorFactory())
    assert client.get(film_url).status_code == 404
    assignment.recused = True
    assignment.save()
    client.force_login(assignment.juror)
    assert client.get(film_url).status_code == 404
