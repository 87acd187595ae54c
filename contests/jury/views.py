"""Juror pages, the public results, public vote and diploma verification pages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.accounts import roles
from cms.links import absolute_url
from cms.privacy.forms import optional_consent_given
from cms.verification.queries import verification_path
from contests.models import ContestPage

from . import pdf, queries, services
from .forms import RecusalForm, ScoreSheetForm, VoteForm
from .models import Diploma


def juror_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not roles.has_role(request.user, roles.JUROR):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@juror_required
def assignments(request):
    sheets = list(queries.juror_assignments(request.user))
    return render(request, "jury/assignments.html", {"sheets": sheets})


def _sheet_or_404(request, pk):
    assignment = queries.assignment_for(request.user, pk)
    if assignment is None:
        raise Http404
    return assignment


@juror_required
def sheet(request, pk):
    assignment = _sheet_or_404(request, pk)
    criteria = list(assignment.round.criteria.all())
    form = ScoreSheetForm(
        request.POST or None, criteria=criteria, scores=list(assignment.scores.all()), prefix="sheet"
    )
    editable = not assignment.is_submitted and not assignment.recused
    submit = "submit" in request.POST
    if request.method == "POST" and editable and form.is_valid() and (not submit or form.check_confirmed()):
        try:
            services.save_score_sheet(assignment=assignment, values=form.values(), submit=submit)
        except services.JuryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Score sheet submitted.") if submit else _("Draft saved."))
            return redirect("jury:sheet", pk=assignment.pk)
    context = {
        "assignment": assignment,
        "entry": assignment.entry,
        "contest": assignment.round.contest,
        "blind": assignment.round.contest.blind_judging,
        "form": form,
        "film_url": queries.film_url(assignment.entry),
        "recusal_form": RecusalForm(),
        "others": list(queries.other_sheets(assignment)) if assignment.is_submitted else None,
    }
    return render(request, "jury/sheet.html", context)


@juror_required
@require_POST
def recuse(request, pk):
    assignment = _sheet_or_404(request, pk)
    form = RecusalForm(request.POST)
    if form.is_valid():
        try:
            services.recuse(assignment=assignment, reason=form.cleaned_data["reason"])
        except services.JuryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("You have recused yourself from this entry."))
    else:
        messages.error(request, _("Give a reason for the recusal."))
    return redirect("jury:sheet", pk=assignment.pk)


def results(request, slug):
    contest = get_object_or_404(ContestPage.objects.live(), slug=slug)
    round = queries.published_round(contest)
    if round is None:
        raise Http404
    laureates = list(queries.laureates(round))
    for result in laureates:
        result.film_url = queries.film_url(result.entry) if result.entry.can_be_published else ""
    return render(request, "jury/results.html", {"contest": contest, "round": round, "laureates": laureates})


def verify_diploma(request, code):
    """The diploma's former verification address: printed diplomas carry it, the one verification
    page answers it now."""
    return redirect(verification_path(code), permanent=True)


def diploma_pdf(request, code):
    """The diploma as a PDF; whoever holds the unguessable code may download it."""
    diploma = get_object_or_404(Diploma.objects.select_related("entry__contest"), code=code)
    content = pdf.render_diploma(diploma, verify_url=absolute_url(verification_path(diploma.code)))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="dyplom-{diploma.code[:8]}.pdf"'
    return response


def vote(request, slug):
    contest = get_object_or_404(ContestPage.objects.live(), slug=slug, public_vote=True)
    window = getattr(contest, "vote_window", None)
    if window is None:
        raise Http404
    entries = list(queries.vote_entries(contest)) if queries.vote_is_open(window) else []
    entries = [entry for entry in entries if entry.can_be_published]
    form = VoteForm(request.POST or None)
    if request.method == "POST" and queries.vote_is_open(window) and form.is_valid():
        chosen = next((e for e in entries if str(e.pk) == request.POST.get("entry")), None)
        if chosen is None:
            form.add_error(None, _("Choose a film to vote for."))
        else:
            try:
                services.cast_public_vote(
                    entry=chosen,
                    email=form.cleaned_data["email"],
                    confirm_url_for=lambda token: absolute_url(
                        reverse("jury:confirm_vote", kwargs={"token": token})
                    ),
                    language=get_language(),
                    privacy_notice=form.shown_notice,
                    optional_consent=optional_consent_given(form),
                )
            except services.JuryError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Check your mailbox: click the link in the e-mail to confirm the vote.")
                )
                return redirect("jury:vote", slug=contest.slug)
    tallies = tally_rows = None
    if queries.vote_is_closed(window):
        tallies = queries.vote_tallies(contest)
        tally_rows = [entry for entry in queries.vote_entries(contest) if entry.can_be_published]
        for entry in tally_rows:
            entry.votes = tallies.get(entry.pk, 0)
        tally_rows.sort(key=lambda entry: -entry.votes)
    context = {
        "contest": contest,
        "window": window,
        "is_open": queries.vote_is_open(window),
        "tallies": tallies,
        "tally_rows": tally_rows,
        "entries": entries,
        "form": form,
    }
    return render(request, "jury/vote.html", context)


def confirm_vote(request, token):
    """GET shows a button (mail scanners that follow links must not vote); POST confirms."""
    if request.method != "POST":
        return render(request, "jury/vote_confirm.html", {"token": token})
    try:
        vote = services.confirm_public_vote(token=token)
    except services.JuryError as error:
        return render(request, "jury/vote_confirm.html", {"error": str(error)}, status=400)
    return render(request, "jury/vote_confirm.html", {"vote": vote})
