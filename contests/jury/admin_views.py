"""Staff tools in the Wagtail admin: rounds overview, assignment, progress, results, exports, approval."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms import exports, roles
from cms.auth import staff_required

from . import diplomas, queries, scoring, services
from .forms import AssignForm, ExternalFigureForm
from .models import Assignment, Diploma, ExternalFigure, Round


def jurors():
    return (
        get_user_model()
        .objects.filter(groups__name=roles.JUROR, is_active=True)
        .order_by("last_name", "first_name", "email")
    )


@staff_required
def round_list(request):
    rounds = (
        Round.objects.select_related("contest")
        .annotate(
            sheets=Count("assignments", filter=Q(assignments__recused=False)),
            submitted=Count(
                "assignments", filter=Q(assignments__recused=False, assignments__submitted_at__isnull=False)
            ),
        )
        .order_by("-contest__submissions_close_at", "contest_id", "order")
    )
    return render(request, "jury/admin/round_list.html", {"rounds": rounds})


@staff_required
def round_detail(request, pk):
    round = get_object_or_404(Round.objects.select_related("contest", "approved_by"), pk=pk)
    assign_form = AssignForm(
        request.POST if request.POST.get("action") == "assign" else None, round=round, jurors=jurors()
    )
    entries = list(queries.round_entries(round))
    figures = dict(ExternalFigure.objects.filter(round=round).values_list("entry_id", "value"))
    figure_form = ExternalFigureForm(
        request.POST if request.POST.get("action") == "figures" else None,
        entries=entries,
        figures=figures,
        prefix="figures",
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "assign" and assign_form.is_valid():
            report = services.assign_jurors(
                round=round,
                jurors=list(assign_form.cleaned_data["jurors"]),
                category=assign_form.cleaned_data["category"],
                per_entry=assign_form.cleaned_data["per_entry"],
            )
            messages.success(request, _("%(n)s assignments created.") % {"n": report.created})
            for juror, entry, reason in report.conflicts:
                messages.info(
                    request,
                    _("Not assigned (conflict of interest: %(reason)s): %(juror)s — %(entry)s")
                    % {"reason": reason, "juror": diplomas.juror_name(juror), "entry": entry.title},
                )
            for entry in report.short:
                messages.warning(
                    request, _("Too few jurors without a conflict for: %(entry)s") % {"entry": entry}
                )
            return redirect("jury_admin:round", pk=round.pk)
        if action == "figures" and figure_form.is_valid():
            services.set_external_figures(round=round, figures=figure_form.figures())
            messages.success(request, _("External figures saved."))
            return redirect("jury_admin:round", pk=round.pk)
        if action == "approve":
            services.approve_results(round=round, user=request.user)
            messages.success(request, _("Results approved."))
            return redirect("jury_admin:round", pk=round.pk)
        if action == "withdraw":
            services.withdraw_approval(round=round)
            messages.success(request, _("Approval withdrawn."))
            return redirect("jury_admin:round", pk=round.pk)
        if action == "diplomas":
            try:
                count = services.issue_diplomas(round=round)
            except services.JuryError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("%(n)s diplomas issued.") % {"n": count})
            return redirect("jury_admin:round", pk=round.pk)
    table = queries.round_results(round)
    context = {
        "round": round,
        "table": table,
        "assign_form": assign_form,
        "figure_form": figure_form,
        "unscored": len(entries) - sum(len(group.rows) for group in table.categories),
        "assignments": Assignment.objects.filter(round=round).count(),
        "diplomas": Diploma.objects.filter(entry__jury_results__round=round).select_related("entry"),
        "header_title": str(round),
    }
    return render(request, "jury/admin/round_detail.html", context)


@staff_required
def round_report(request, pk):
    """The protokół as a print-styled HTML page."""
    round = get_object_or_404(Round.objects.select_related("contest", "approved_by"), pk=pk)
    return render(request, "jury/admin/report.html", {"round": round, "table": queries.round_results(round)})


@staff_required
def round_report_pdf(request, pk):
    round = get_object_or_404(Round.objects.select_related("contest", "approved_by"), pk=pk)
    approver = round.approved_by.get_full_name() or round.approved_by.email if round.approved_by else ""
    pdf = diplomas.render_report(queries.round_results(round), approved_by=approver)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="protokol-runda-{round.pk}.pdf"'
    return response


@staff_required
def round_xlsx(request, pk):
    round = get_object_or_404(Round.objects.select_related("contest"), pk=pk)
    workbook = round_workbook(queries.round_results(round))
    response = HttpResponse(workbook.to_bytes(), content_type=exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="wyniki-runda-{round.pk}.xlsx"'
    return response


def round_workbook(table):
    """Two sheets: the ranking per category, and every juror's total per entry (``cms.exports``:
    titles and school names are text cells, never formulas)."""
    ranking, totals = [], []
    for group in table.categories:
        for row in group.rows:
            ranking.append(
                [
                    group.category.name,
                    row.rank,
                    _("yes") if row.tied else "",
                    row.entry.title,
                    row.entry.school.name,
                    float(scoring.round2(row.jury)),
                    row.public,
                    float(row.external) if row.external is not None else None,
                    float(scoring.round2(row.final)),
                ]
            )
            for juror, total in row.totals:
                totals.append(
                    [
                        group.category.name,
                        row.entry.title,
                        diplomas.juror_name(juror),
                        float(scoring.round2(total)),
                    ]
                )
    workbook = exports.Workbook()
    workbook.add_sheet(
        _("Results"),
        [
            _("Category"),
            _("Place"),
            _("ex aequo"),
            _("Entry"),
            _("School"),
            _("Jury"),
            _("Public votes"),
            _("External figure"),
            _("Final score"),
        ],
        ranking,
    )
    workbook.add_sheet(_("Jurors' totals"), [_("Category"), _("Entry"), _("Juror"), _("Total")], totals)
    return workbook
