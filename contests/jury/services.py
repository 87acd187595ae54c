"""State changes of the jury: assignment, recusal, score sheets, approval, public vote, diplomas."""

import datetime
from dataclasses import dataclass, field

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms.links import absolute_url
from cms.outbox.services import queue_templated_email
from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, Purpose
from cms.verification import services as verification
from cms.verification.queries import verification_url
from contests.models import Entry

from . import queries, scoring
from .models import Assignment, Diploma, ExternalFigure, JurorProfile, PublicVote, Result, Round, Score

VOTE_SALT = "jury.public-vote"
RESEND_AFTER = datetime.timedelta(minutes=5)  # one confirmation mail per address and category in this time


class JuryError(Exception):
    """A rule of the jury was broken; the message is shown to the user."""


def conflict_reason(profile, entry):
    """Why a juror may not judge an entry (their declared school or municipality), or ``""``."""
    if profile is None:
        return ""
    if profile.school_id and profile.school_id == entry.school_id:
        return _("the juror's own school")
    municipality = " ".join(profile.municipality.lower().split())
    if municipality and municipality == " ".join(entry.school.municipality.lower().split()):
        return _("the juror's municipality")
    return ""


@dataclass
class AssignmentReport:
    created: int = 0
    conflicts: list = field(default_factory=list)  # (juror, entry, reason)
    short: list = field(default_factory=list)  # entries that did not get enough jurors


@transaction.atomic
def assign_jurors(*, round, jurors, category=None, per_entry=None):
    """Assign ``jurors`` to the round's entries (of ``category`` if given).

    ``per_entry=None``: every juror to every entry. ``per_entry=N``: each entry gets N active
    jurors, always taken from the least loaded (then by id), so loads differ by at most one when no
    conflict intervenes. Existing assignments count and are kept: running it again only tops up
    (e.g. after a recusal). Conflicts of interest are never assigned.
    """
    jurors = sorted(jurors, key=lambda user: user.pk)
    profiles = {p.user_id: p for p in JurorProfile.objects.filter(user__in=jurors).select_related("school")}
    entries = list(queries.round_entries(round).select_related("school"))
    if category is not None:
        entries = [entry for entry in entries if entry.category_id == category.pk]
    existing = list(Assignment.objects.filter(round=round).values_list("juror_id", "entry_id", "recused"))
    taken = {(juror_id, entry_id) for juror_id, entry_id, _recused in existing}
    load = {juror.pk: 0 for juror in jurors}
    active = {}
    for juror_id, entry_id, recused in existing:
        if not recused:
            load[juror_id] = load.get(juror_id, 0) + 1
            active[entry_id] = active.get(entry_id, 0) + 1
    report = AssignmentReport()
    new = []
    for entry in entries:
        candidates = []
        for juror in jurors:
            if (juror.pk, entry.pk) in taken:
                continue
            reason = conflict_reason(profiles.get(juror.pk), entry)
            if reason:
                report.conflicts.append((juror, entry, reason))
                continue
            candidates.append(juror)
        if per_entry is not None:
            needed = max(per_entry - active.get(entry.pk, 0), 0)
            candidates = sorted(candidates, key=lambda user: (load[user.pk], user.pk))[:needed]
            if len(candidates) < needed:
                report.short.append(entry)
        for juror in candidates:
            new.append(Assignment(round=round, juror=juror, entry=entry))
            taken.add((juror.pk, entry.pk))
            load[juror.pk] += 1
            active[entry.pk] = active.get(entry.pk, 0) + 1
    Assignment.objects.bulk_create(new)
    report.created = len(new)
    return report


@transaction.atomic
def recuse(*, assignment, reason):
    if assignment.is_submitted:
        raise JuryError(_("A submitted score sheet cannot be recused."))
    if not reason.strip():
        raise JuryError(_("Give a reason for the recusal."))
    assignment.recused = True
    assignment.recusal_reason = reason.strip()[:255]
    assignment.save(update_fields=["recused", "recusal_reason"])
    assignment.scores.all().delete()
    return assignment


@transaction.atomic
def save_score_sheet(*, assignment, values, submit=False):
    """``values`` = ``{criterion: (value or None, comment)}``. Submitting checks every required criterion
    and locks the sheet."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.recused:
        raise JuryError(_("You have recused yourself from this entry."))
    if assignment.is_submitted:
        raise JuryError(_("This score sheet has already been submitted."))
    round = assignment.round
    now = timezone.now()
    if (round.opens_at and now < round.opens_at) or (round.closes_at and now > round.closes_at):
        raise JuryError(_("This round is not open for scoring."))
    if submit:
        try:
            scoring.weighted_total(
                [criterion.spec for criterion in values],
                {criterion.pk: value for criterion, (value, _comment) in values.items()},
            )
        except scoring.IncompleteScore:
            raise JuryError(_("Score every required criterion before submitting.")) from None
        except ValueError:
            raise JuryError(_("A score is outside its scale.")) from None
    for criterion, (value, comment) in values.items():
        if value is None:
            Score.objects.filter(assignment=assignment, criterion=criterion).delete()
            continue
        Score.objects.update_or_create(
            assignment=assignment, criterion=criterion, defaults={"value": value, "comment": comment}
        )
    if submit:
        assignment.submitted_at = now
        assignment.save(update_fields=["submitted_at"])
    return assignment


@transaction.atomic
def approve_results(*, round, user):
    """Freeze the round's ranking into ``Result`` rows; a final round also marks entries awarded."""
    table = queries.round_results(round)
    Result.objects.filter(round=round).delete()
    rows = []
    for group in table.categories:
        for row in group.rows:
            if round.kind == Round.Kind.PASS_FAIL:
                passed = row.passed
            elif round.kind == Round.Kind.FINAL:
                passed = row.rank <= round.laureate_places
            else:
                passed = round.advance_count is None or row.rank <= round.advance_count
            rows.append(
                Result(
                    round=round,
                    entry=row.entry,
                    score=scoring.round2(row.final),
                    rank=row.rank,
                    tied=row.tied,
                    passed=passed,
                )
            )
    Result.objects.bulk_create(rows)
    if round.kind == Round.Kind.FINAL:
        awarded = [row.entry_id for row in rows if row.passed]
        judged = [row.entry_id for row in rows]
        Entry.objects.filter(pk__in=judged).exclude(pk__in=awarded).update(status=Entry.Status.NOT_AWARDED)
        Entry.objects.filter(pk__in=awarded).update(status=Entry.Status.AWARDED)
    round.approved_at = timezone.now()
    round.approved_by = user
    round.save(update_fields=["approved_at", "approved_by"])
    return rows


@transaction.atomic
def withdraw_approval(*, round):
    Result.objects.filter(round=round).delete()
    round.approved_at = None
    round.approved_by = None
    round.save(update_fields=["approved_at", "approved_by"])


def vote_token(vote):
    return signing.dumps(vote.pk, salt=VOTE_SALT)


@transaction.atomic
def cast_public_vote(
    *, entry, email, confirm_url_for, language=None, privacy_notice=None, optional_consent=False
):
    """Record a vote waiting for confirmation and mail the signed link (``confirm_url_for(token)``).

    The vote notice shown with the form (default: the current one) is recorded (``cms.privacy``).
    """
    email = email.strip().lower()
    window = getattr(entry.contest, "vote_window", None)
    if not entry.contest.public_vote or window is None or not queries.vote_is_open(window):
        raise JuryError(_("Voting is not open."))
    vote = PublicVote.objects.select_for_update().filter(category_id=entry.category_id, email=email).first()
    if vote and vote.confirmed_at:
        raise JuryError(_("This e-mail address has already voted in this category."))
    now = timezone.now()
    if vote and vote.mailed_at and now - vote.mailed_at < RESEND_AFTER:
        raise JuryError(
            _(
                "A confirmation e-mail has just been sent to this address; check the mailbox or try again later."
            )
        )
    if vote:
        vote.entry = entry
        vote.mailed_at = now
        vote.save(update_fields=["entry", "mailed_at"])
    else:
        try:
            with transaction.atomic():
                vote = PublicVote.objects.create(
                    category_id=entry.category_id, entry=entry, email=email, mailed_at=now
                )
        except IntegrityError:
            raise JuryError(_("This e-mail address has already voted in this category.")) from None
    record = {
        "purpose": Purpose.PUBLIC_VOTE,
        "email": email,
        "notice": privacy_notice,
        "subject": vote,
        "language": language,
    }
    privacy.record_consent(**record)
    if optional_consent:
        privacy.record_consent(**record, kind=ConsentRecord.Kind.CONSENT, consent_key="vote")
    queue_templated_email(
        to=[email],
        template="jury/email/confirm_vote",
        context={"entry": entry, "contest": entry.contest, "url": confirm_url_for(vote_token(vote))},
        language=language,
    )
    return vote


@transaction.atomic
def confirm_public_vote(*, token, max_age=3 * 24 * 3600):
    try:
        pk = signing.loads(token, salt=VOTE_SALT, max_age=max_age)
    except signing.BadSignature:
        raise JuryError(_("This confirmation link is invalid or has expired.")) from None
    vote = (
        PublicVote.objects.select_for_update(of=("self",))
        .select_related("entry__contest__vote_window")
        .filter(pk=pk)
        .first()
    )
    if vote is None:
        raise JuryError(_("This confirmation link is invalid or has expired."))
    if vote.confirmed_at:
        return vote
    if not queries.vote_is_open(vote.entry.contest.vote_window):
        raise JuryError(_("Voting is not open."))
    vote.confirmed_at = timezone.now()
    vote.save(update_fields=["confirmed_at"])
    return vote


@transaction.atomic
def issue_diplomas(*, round):
    """Diplomas of an approved final round: laureates' and participants' for every pupil, and a
    letter of thanks for every supervising teacher. Idempotent. The supervising teacher of each entry
    that got new diplomas is mailed their list with the verification links (through the outbox)."""
    if not round.is_approved:
        raise JuryError(_("Approve the results first."))
    created = 0
    fresh = {}  # entry -> its diplomas made now
    results = Result.objects.filter(round=round).select_related(
        "entry__category", "entry__teacher", "entry__contest", "entry__school"
    )
    for result in results:
        entry = result.entry
        if result.passed:
            kind = Diploma.Kind.LAUREATE
            achievement = _("place %(rank)s in the category “%(category)s”") % {
                "rank": result.rank,
                "category": entry.category.name,
            }
        else:
            kind = Diploma.Kind.PARTICIPANT
            achievement = _("taking part in the category “%(category)s”") % {"category": entry.category.name}
        for member in entry.team.all():
            diploma, made = Diploma.objects.get_or_create(
                entry=entry, kind=kind, recipient=member.full_name, defaults={"achievement": achievement}
            )
            created += made
            if made:
                _record_diploma(diploma)
                fresh.setdefault(entry, []).append(diploma)
        if entry.teacher_id:
            teacher_name = entry.teacher.get_full_name() or entry.teacher.email
            diploma, made = Diploma.objects.get_or_create(
                entry=entry,
                kind=Diploma.Kind.THANKS,
                recipient=teacher_name,
                defaults={"achievement": _("supervising the entry “%(title)s”") % {"title": entry.title}},
            )
            created += made
            if made:
                _record_diploma(diploma)
                fresh.setdefault(entry, []).append(diploma)
    for entry, issued in fresh.items():
        _mail_diplomas(entry=entry, diplomas=issued)
    return created


def diploma_texts(diploma):
    """What the verification page says of a diploma (in the current language)."""
    entry = diploma.entry
    return {
        "kind_label": capfirst(diploma.get_kind_display()),
        "title": _("%(achievement)s in the contest “%(contest)s” (film “%(film)s”, %(school)s)")
        % {
            "achievement": diploma.achievement,
            "contest": entry.contest.title,
            "film": entry.title,
            "school": entry.school.name,
        },
        "holder_name": diploma.recipient,
        "issuer": entry.contest.organiser or "Edufest",
    }


def _record_diploma(diploma):
    """The diploma's verification record; the diploma takes its short code (printed, in the QR)."""
    document = verification.issue(
        **diploma_texts(diploma), issued_at=diploma.issued_at, language=get_language() or "pl"
    )
    diploma.code = document.code
    diploma.document = document
    diploma.save(update_fields=["code", "document"])


def _mail_diplomas(*, entry, diplomas):
    if not entry.teacher_id or not entry.teacher.email:
        return
    rows = [
        {
            "diploma": diploma,
            "verify_url": verification_url(diploma.document),
            "pdf_url": absolute_url(reverse("jury:diploma_pdf", kwargs={"code": diploma.code})),
        }
        for diploma in diplomas
    ]
    queue_templated_email(
        to=[entry.teacher.email],
        template="jury/email/diplomas",
        context={"entry": entry, "contest": entry.contest, "rows": rows},
    )


@transaction.atomic
def set_external_figures(*, round, figures):
    """``figures`` = ``{entry: Decimal or None}``; None removes the entry's figure."""
    for entry, value in figures.items():
        if value is None:
            ExternalFigure.objects.filter(round=round, entry=entry).delete()
        else:
            ExternalFigure.objects.update_or_create(round=round, entry=entry, defaults={"value": value})
