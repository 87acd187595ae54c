"""Personal data of the jury app for data-subject requests: public votes, a juror's work, the
teacher's letters of thanks."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cms.privacy.sources import DataSource, Erasure

from .models import Assignment, Diploma, JurorProfile, PublicVote, Score


def _users(email):
    return list(get_user_model().objects.filter(email__iexact=email))


def export(email):
    users = _users(email)
    assignments = Assignment.objects.filter(juror__in=users).select_related("round", "entry")
    return {
        "public_votes": [
            {
                "contest": vote.entry.contest.title,
                "category": vote.category.name,
                "entry": vote.entry.title,
                "cast_at": vote.created_at,
                "confirmed_at": vote.confirmed_at,
            }
            for vote in PublicVote.objects.filter(email__iexact=email)
            .select_related("entry__contest", "category")
            .order_by("created_at", "pk")
        ],
        "juror_profiles": [
            {"name_in_report": profile.display_name, "municipality": profile.municipality}
            for profile in JurorProfile.objects.filter(user__in=users).order_by("pk")
        ],
        "jury_assignments": [
            {
                "round": assignment.round.name,
                "entry": assignment.entry.title,
                "recusal_reason": assignment.recusal_reason,
                "submitted_at": assignment.submitted_at,
            }
            for assignment in assignments.order_by("pk")
        ],
        "jury_scores": [
            {
                "entry": score.assignment.entry.title,
                "criterion": score.criterion.name,
                "score": score.value,
                "comment": score.comment,
            }
            for score in Score.objects.filter(assignment__juror__in=users)
            .select_related("assignment__entry", "criterion")
            .order_by("pk")
        ],
        "letters_of_thanks": [
            {"entry": diploma.entry.title, "recipient": diploma.recipient, "issued_at": diploma.issued_at}
            for diploma in _letters(users).select_related("entry").order_by("pk")
        ],
    }


def _letters(users):
    return Diploma.objects.filter(kind=Diploma.Kind.THANKS, entry__teacher__in=users)


def erase(email):
    """Confirmed votes stay in the tally without the address; unconfirmed ones are deleted."""
    confirmed = list(PublicVote.objects.filter(email__iexact=email, confirmed_at__isnull=False))
    for vote in confirmed:
        vote.email = f"vote-{vote.pk}@erased.invalid"
        vote.save(update_fields=["email"])
    unconfirmed, _detail = PublicVote.objects.filter(email__iexact=email, confirmed_at__isnull=True).delete()
    letters, _detail = _letters(_users(email)).delete()
    return Erasure(
        done={
            _("confirmed votes kept in the tally without the e-mail address"): len(confirmed),
            _("unconfirmed votes deleted"): unconfirmed,
            _("letters of thanks deleted"): letters,
        }
    )


def source():
    return DataSource(
        key="jury",
        label=_("Jury and public votes"),
        export=export,
        erase=erase,
        retention_note=_(
            "A juror's scores and comments stay in the jury report (protokół), the record of the contest's "
            "results."
        ),
    )
