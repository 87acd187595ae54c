"""Staff tools in the Wagtail admin: rounds overview, assignment, progress, results, exports, approval."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from cms.accounts.auth import staff_required
from cms.files import spreadsheets as cms_exports

from . import exports, pdf, queries, services
from .forms import AssignForm, ExternalFigureForm
from .models import Round, juror_name


@staff_required
def round_list(request):
    return render(request, "jury/admin/round_list.html", {"rounds": queries.rounds_with_progress()})


@staff_required
def round_detail(request, pk):
    round = get_object_or_404(Round.objects.select_related("contest", "approved_by"), pk=pk)
    assign_form = AssignForm(
        request.POST if request.POST.get("action") == "assign" else None,
        round=round,
        jurors=queries.active_jurors(),
    )
    entries = list(queries.round_entries(round))
    figures = queries.external_figures(round)
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
                    % {"reason": reason, "juror": juror_name(juror), "entry": entry.title},
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
        "assignments": queries.assignment_count(round),
        "diplomas": queries.round_diplomas(round),
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
    content = pdf.render_report(queries.round_results(round), approved_by=approver)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="protokol-runda-{round.pk}.pdf"'
    return response


@staff_required
def round_xlsx(request, pk):
    round = get_object_or_404(Round.objects.select_related("contest"), pk=pk)
    workbook = exports.round_workbook(queries.round_results(round))
    response = HttpResponse(workbook.to_bytes(), content_type=cms_exports.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="wyniki-runda-{round.pk}.xlsx"'
    return response
