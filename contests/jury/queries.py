"""Reads of the jury with their joins, and the results table computed from the score sheets."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cms.accounts import roles
from contests.models import Entry

from . import scoring
from .models import Assignment, Diploma, ExternalFigure, PublicVote, Result, Round, Score, VoteWindow

JUDGEABLE = ("accepted", "judged", "awarded", "not_awarded")


def round_entries(round):
    """The entries that enter a round: accepted ones, or those that passed the previous round."""
    entries = Entry.objects.filter(contest_id=round.contest_id).order_by("category__sort_order", "pk")
    if round.intake == Round.Intake.PASSED:
        previous = (
            Round.objects.filter(contest_id=round.contest_id, order__lt=round.order)
            .order_by("-order")
            .first()
        )
        if previous is None:
            return entries.filter(status__in=JUDGEABLE)
        return entries.filter(jury_results__round=previous, jury_results__passed=True)
    return entries.filter(status__in=JUDGEABLE)


def juror_assignments(user):
    """A juror's sheets in every round, for the juror's own list."""
    return (
        Assignment.objects.filter(juror=user)
        .select_related("round__contest", "entry__category", "entry__school")
        .order_by("round__contest_id", "round__order", "entry__category__sort_order", "entry_id")
    )


def assignment_for(user, pk):
    return (
        Assignment.objects.filter(juror=user, pk=pk)
        .select_related("round__contest", "entry__category", "entry__school", "entry__film")
        .prefetch_related("entry__team", "scores__criterion", "round__criteria")
        .first()
    )


def other_sheets(assignment):
    """Other jurors' submitted sheets for the same entry and round (shown only after one's own)."""
    return (
        Assignment.objects.filter(round_id=assignment.round_id, entry_id=assignment.entry_id, recused=False)
        .exclude(pk=assignment.pk)
        .filter(submitted_at__isnull=False)
        .select_related("juror__juror_profile")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.select_related("criterion")))
    )


def vote_is_open(window, now=None):
    now = now or timezone.now()
    return window is not None and window.opens_at <= now < window.closes_at


def vote_is_closed(window, now=None):
    now = now or timezone.now()
    return window is not None and now >= window.closes_at


@dataclass
class ResultRow:
    entry: object
    totals: list  # [(juror, Decimal total)]
    jury: Decimal = Decimal(0)
    public: int = 0
    external: Decimal | None = None
    final: Decimal = Decimal(0)
    rank: int = 0
    tied: bool = False
    passed: bool = False

    @property
    def entry_id(self):
        return self.entry.pk


@dataclass
class CategoryResults:
    category: object
    rows: list = field(default_factory=list)


@dataclass
class RoundResults:
    round: object
    criteria: list
    categories: list
    progress: list  # [(juror, submitted, assigned)]
    composite: bool = False


def round_results(round):
    """Weighted totals per sheet → per-juror normalisation (if set) → aggregation per entry →
    composite (if weighted) → ranking with ties within each category. See ``scoring``."""
    criteria = list(round.criteria.all())
    specs = [criterion.spec for criterion in criteria]
    sheets = list(
        Assignment.objects.filter(round=round, recused=False)
        .select_related("juror__juror_profile", "entry__category", "entry__school")
        .prefetch_related("scores")
        .order_by("entry__category__sort_order", "entry_id", "juror_id")
    )
    progress = {}
    totals: dict = {}
    entries = {}
    sheet_totals: dict = {}
    for sheet in sheets:
        done, assigned = progress.get(sheet.juror, (0, 0))
        progress[sheet.juror] = (done + sheet.is_submitted, assigned + 1)
        if not sheet.is_submitted:
            continue
        values = {score.criterion_id: score.value for score in sheet.scores.all()}
        try:
            total = scoring.weighted_total(specs, values)
        except ValueError:
            continue  # the criteria changed after the sheet was submitted; not counted
        totals.setdefault(sheet.juror_id, {})[sheet.entry_id] = total
        sheet_totals.setdefault(sheet.entry_id, []).append((sheet.juror, total))
        entries[sheet.entry_id] = sheet.entry
    jury = scoring.results_per_entry(totals, round.aggregation, round.normalise) if totals else {}
    composite = round.uses_composite
    public = {}
    external = {}
    if composite:
        window = getattr(round.contest, "vote_window", None) if round.contest.public_vote else None
        if window is None or vote_is_closed(window):  # tallies stay hidden while voting runs
            public = dict(
                PublicVote.objects.filter(entry_id__in=entries, confirmed_at__isnull=False)
                .values("entry_id")
                .annotate(n=Count("pk"))
                .values_list("entry_id", "n")
            )
        external = dict(
            ExternalFigure.objects.filter(round=round, entry_id__in=entries).values_list("entry_id", "value")
        )
    by_category: dict = {}
    for entry_id, entry in entries.items():
        by_category.setdefault(entry.category, []).append(entry_id)
    categories = []
    for category in sorted(by_category, key=lambda c: (c.sort_order or 0, c.pk)):
        ids = by_category[category]
        if composite:
            weights = {
                "jury": round.jury_weight,
                "public": round.public_weight,
                "external": round.external_weight,
            }
            final = scoring.composite(
                {
                    "jury": {i: jury[i] for i in ids},
                    "public": {i: public.get(i, 0) for i in ids},
                    "external": {i: external.get(i, 0) for i in ids},
                },
                weights,
                round.composite_mode,
            )
        else:
            final = {i: jury[i] for i in ids}
        group = CategoryResults(category)
        for ranked in scoring.rank(final):
            entry_id = ranked.key
            group.rows.append(
                ResultRow(
                    entry=entries[entry_id],
                    totals=sheet_totals[entry_id],
                    jury=jury[entry_id],
                    public=public.get(entry_id, 0),
                    external=external.get(entry_id),
                    final=ranked.score,
                    rank=ranked.rank,
                    tied=ranked.tied,
                    passed=scoring.passed(total >= 50 for _juror, total in sheet_totals[entry_id]),
                )
            )
        categories.append(group)
    return RoundResults(
        round=round,
        criteria=criteria,
        categories=categories,
        progress=[(juror, done, assigned) for juror, (done, assigned) in progress.items()],
        composite=composite,
    )


def published_round(contest, now=None):
    """The approved final round whose results are public (after the gala time), or None."""
    now = now or timezone.now()
    if contest.results_published_at is None or contest.results_published_at > now:
        return None
    return (
        Round.objects.filter(contest=contest, kind=Round.Kind.FINAL, approved_at__isnull=False)
        .order_by("-order")
        .first()
    )


def laureates(round):
    return (
        Result.objects.filter(round=round, passed=True)
        .select_related("entry__category", "entry__school", "entry__film")
        .prefetch_related("entry__team__consents")
        .order_by("entry__category__sort_order", "rank", "entry_id")
    )


def vote_entries(contest):
    return (
        Entry.objects.filter(contest=contest, status__in=JUDGEABLE)
        .select_related("category", "school", "film")
        .prefetch_related("team__consents")
        .order_by("category__sort_order", "pk")
    )


def has_submitted_sheet(user, entry_id, round_id):
    return Assignment.objects.filter(
        Q(juror=user, entry_id=entry_id, round_id=round_id) & Q(submitted_at__isnull=False)
    ).exists()


def vote_tallies(contest):
    """Confirmed votes per entry, ``{entry_id: count}`` (shown only once voting has closed)."""
    return dict(
        PublicVote.objects.filter(entry__contest=contest, confirmed_at__isnull=False)
        .values("entry_id")
        .annotate(n=Count("pk"))
        .values_list("entry_id", "n")
    )


def film_url(entry):
    """The permission-checked address of the entry's web copy (the contests app's film view)."""
    film = getattr(entry, "film", None)
    if film is None or not film.is_ready:
        return ""
    return reverse("contests:film_web", kwargs={"pk": entry.pk})


def vote_link(contest, now):
    """ "Public vote" on the contest page while the vote is open."""
    window = VoteWindow.objects.filter(contest=contest).first()
    if not vote_is_open(window, now):
        return None
    return gettext("Public vote"), reverse("jury:vote", kwargs={"slug": contest.slug})


def results_link(contest, now):
    """ "Results" on the contest page once the final round's results are public."""
    if published_round(contest, now) is None:
        return None
    return gettext("Results"), reverse("jury:results", kwargs={"slug": contest.slug})


def diplomas_for_teacher(user):
    """Diplomas of the entries of the schools ``user`` teaches at, with entry, contest and school."""
    return (
        Diploma.objects.filter(entry__school__teachers=user)
        .select_related("entry__contest", "entry__school", "entry__category")
        .order_by("-issued_at", "entry_id", "kind", "recipient")
    )


def diplomas_of(user, now=None):
    """Diplomas of the entries of ``user``'s schools whose contest has published its results."""
    now = now or timezone.now()
    return (
        Diploma.objects.filter(
            entry__school__teachers=user,
            entry__contest__results_published_at__isnull=False,
            entry__contest__results_published_at__lte=now,
        )
        .select_related("entry__contest", "entry__school")
        .order_by("-entry__contest__results_published_at", "entry__title", "kind", "recipient")
        .distinct()
    )


# Staff's pages


def active_jurors():
    """Active accounts with the Juror role, to assign."""
    return (
        get_user_model()
        .objects.filter(groups__name=roles.JUROR, is_active=True)
        .order_by("last_name", "first_name", "email")
    )


def rounds_with_progress():
    """Every round with its count of active score sheets (``sheets``) and of submitted ones."""
    return (
        Round.objects.select_related("contest")
        .annotate(
            sheets=Count("assignments", filter=Q(assignments__recused=False)),
            submitted=Count(
                "assignments", filter=Q(assignments__recused=False, assignments__submitted_at__isnull=False)
            ),
        )
        .order_by("-contest__submissions_close_at", "contest_id", "order")
    )


def external_figures(round):
    """``{entry_id: value}`` of the round's external figures."""
    return dict(ExternalFigure.objects.filter(round=round).values_list("entry_id", "value"))


def assignment_count(round):
    return Assignment.objects.filter(round=round).count()


def round_diplomas(round):
    return Diploma.objects.filter(entry__jury_results__round=round).select_related("entry")
