"""Reads of the contests app with their joins, so lists run a constant number of queries."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import i18n
from cms.pages import context_for

from . import links
from .models import Category, ContestIndexPage, ContestPage, Entry, Extension, Film, School, TeamMember


def live_contests():
    return ContestPage.objects.live().order_by("submissions_close_at")


def open_contests(now=None):
    now = now or timezone.now()
    return [
        contest
        for contest in live_contests().filter(submissions_open_at__lte=now)
        if contest.submissions_are_open(now)
    ]


def contests_of_index(index_page):
    """Current (deadline not passed or results not yet out) and past contests of an index page."""
    contests = list(
        i18n.children_of(ContestPage.objects.live(), index_page)
        .prefetch_related(Prefetch("categories", queryset=Category.objects.order_by("sort_order")))
        .order_by("-submissions_close_at")
    )
    current = [contest for contest in contests if not contest.is_past]
    past = [contest for contest in contests if contest.is_past]
    return current, past


def schools_of(user):
    return School.objects.filter(teachers=user).order_by("name")


def entries_with_details():
    return Entry.objects.select_related("contest", "category", "school", "teacher", "film").prefetch_related(
        Prefetch(
            "team", queryset=TeamMember.objects.order_by("sort_order", "pk").prefetch_related("consents")
        )
    )


def entries_of_schools(schools):
    return entries_with_details().filter(school__in=schools).order_by("-created_at")


def entry_for_user(user, pk):
    """The entry if ``user`` teaches at its school, else None (the view answers 404)."""
    return entries_with_details().filter(pk=pk, school__teachers=user).first()


def redeemed_extension(*, contest, school):
    return (
        Extension.objects.filter(contest=contest, school=school, redeemed_at__isnull=False)
        .order_by("-closes_at")
        .first()
    )


def submitted_entries(*, start=None, end=None):
    """Entries that reached the contest (anything past the draft), for the reach dashboard."""
    entries = (
        Entry.objects.exclude(status__in=[Entry.Status.DRAFT])
        .exclude(submitted_at__isnull=True)
        .select_related("school", "contest")
        .prefetch_related("team")
    )
    if start:
        entries = entries.filter(submitted_at__date__gte=start)
    if end:
        entries = entries.filter(submitted_at__date__lte=end)
    return entries.order_by("pk")


def school_deadline(*, contest, school):
    """The contest's deadline (with grace), or later if the school redeemed an extension code."""
    deadline = contest.submissions_deadline
    extension = redeemed_extension(contest=contest, school=school)
    if extension and extension.closes_at > deadline:
        deadline = extension.closes_at
    return deadline


def submissions_window_open(*, contest, school, now=None):
    now = now or timezone.now()
    return contest.submissions_open_at <= now <= school_deadline(contest=contest, school=school)


def entry_is_editable(entry, now=None):
    """Drafts and returned entries can be edited while the school's window is open; then frozen."""
    return entry.status in (Entry.Status.DRAFT, Entry.Status.RETURNED) and submissions_window_open(
        contest=entry.contest, school=entry.school, now=now
    )


def entry_can_be_reopened(entry, now=None):
    return entry.status == Entry.Status.SUBMITTED and submissions_window_open(
        contest=entry.contest, school=entry.school, now=now
    )


def public_films(contest):
    """Entries of ``contest`` whose film is published, processed and has every required consent.

    A film whose consent is withdrawn drops out at once (``is_public`` is checked on the prefetched
    team and consents, so the list costs a constant number of queries)."""
    entries = (
        entries_with_details()
        .filter(contest=contest, published=True, film__status=Film.Status.READY)
        .order_by("category__sort_order", "title", "pk")
    )
    return [entry for entry in entries if entry.is_public]


def film_of(entry):
    """The entry's film (a fresh read: the view shows its current processing state), or None."""
    return Film.objects.filter(entry=entry).first()


def teacher_emails(entry):
    """Where the mails about an entry go: every teacher of its school and its supervising teacher."""
    emails = {teacher.email for teacher in entry.school.teachers.all() if teacher.email}
    if entry.teacher and entry.teacher.email:
        emails.add(entry.teacher.email)
    return sorted(emails)


def submission_problems(entry):
    """What still stops ``entry`` from being submitted, as sentences for the teacher (none: it may)."""
    problems = []
    team_size = entry.team.count()
    category = entry.category
    if not category.team_min <= team_size <= category.team_max:
        problems.append(
            _("The team must have from %(min)d to %(max)d pupils; it has %(size)d.")
            % {"min": category.team_min, "max": category.team_max, "size": team_size}
        )
    if not entry.rules_accepted:
        problems.append(_("Accept the contest rules."))
    if not entry.rights_declared:
        problems.append(_("Declare that you hold the rights to the music and other material in the film."))
    film = Film.objects.filter(entry=entry).first()
    if film is None or not film.upload_complete:
        problems.append(_("Upload the film."))
    elif film.status == Film.Status.REJECTED:
        problems.append(
            _("The film was rejected: %(reason)s Upload another file.") % {"reason": film.reject_reason}
        )
    elif film.status != Film.Status.READY:
        problems.append(_("The film is still being processed; submit when it is ready."))
    return problems


# Page context (``cms.pages``; ``apps.py`` imports this module once the models are loaded)


@context_for(ContestIndexPage)
def contest_index_context(page, request):
    current, past = contests_of_index(page)
    return {"current_contests": current, "past_contests": past}


@context_for(ContestPage)
def contest_page_context(page, request):
    return {
        "submissions_open": page.submissions_are_open(),
        "contest_links": links.contest_links(page),
        "has_public_films": bool(public_films(page)),
    }
