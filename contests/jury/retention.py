"""Retention of the jury's personal data (``cms.retention``).

- Public votes: a period after the vote closes, a confirmed vote keeps its entry and category (the
  tally) but its e-mail address is replaced by a placeholder that names no one; an unconfirmed
  vote, which never counted, is deleted.
- Diplomas of non-laureates (certificates of participation, letters of thanks) name pupils and
  teachers; they are deleted a period after the contest ends. Laureates' diplomas stay with the
  results.
"""

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, DELETE, RetentionRule
from cms.verification import services as verification
from contests.models import Entry

from .models import Diploma, PublicVote

ANONYMISED_DOMAIN = "anonymised.invalid"


def rules():
    return [
        RetentionRule(
            key="jury.public_votes",
            label=_("Public votes: voters' e-mail addresses"),
            anchor=_("after the vote closes"),
            action=ANONYMISE,
            default_days=30,
            legal_basis=_(
                "Art. 6(1)(a) GDPR (the voter's choice to take part): the address only makes one "
                "vote per person possible; after the vote only the tallies are needed."
            ),
            model=PublicVote,
            due=public_votes_due,
            process=anonymise_public_votes,
            order=40,
        ),
        RetentionRule(
            key="jury.diplomas",
            label=_("Diplomas of non-laureates"),
            anchor=_("after the contest ends (results)"),
            action=DELETE,
            default_days=2 * 365,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: issuing certificates of participation and thanks; they are "
                "handed out by then."
            ),
            model=Diploma,
            due=diplomas_due,
            process=delete_diplomas,
            order=41,
        ),
    ]


def public_votes_due(cutoff):
    return PublicVote.objects.exclude(email__endswith=f"@{ANONYMISED_DOMAIN}").filter(
        entry__contest__vote_window__closes_at__lt=cutoff
    )


def anonymise_public_votes(rows, now):
    unconfirmed = [vote.pk for vote in rows if vote.confirmed_at is None]
    confirmed = [vote for vote in rows if vote.confirmed_at is not None]
    PublicVote.objects.filter(pk__in=unconfirmed).delete()
    for vote in confirmed:
        vote.email = f"vote-{vote.pk}@{ANONYMISED_DOMAIN}"
    PublicVote.objects.bulk_update(confirmed, ["email"])
    return len(rows)


def diplomas_due(cutoff):
    return (
        Diploma.objects.exclude(kind=Diploma.Kind.LAUREATE)
        .exclude(entry__status=Entry.Status.AWARDED)
        .alias(
            contest_end=Coalesce(
                F("entry__contest__results_published_at"),
                F("entry__contest__judging_ends_at"),
                F("entry__contest__submissions_close_at"),
            )
        )
        .filter(contest_end__lt=cutoff)
    )


def delete_diplomas(rows, now):
    """The diplomas go, and so do their verification records: their codes become unknown."""
    documents = [diploma.document_id for diploma in rows if diploma.document_id]
    Diploma.objects.filter(pk__in=[diploma.pk for diploma in rows]).delete()
    verification.delete_documents(ids=documents)
    return len(rows)
