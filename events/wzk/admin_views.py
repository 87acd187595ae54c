"""Staff pages of the WZK in the Wagtail admin.

Roster: importing members from CSV or XLSX (upload → preview with each row's problems → confirm →
summary), the import template, and inviting members to sign in (one or all without an account)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import CSV_TYPE, XLSX_TYPE, Workbook, csv_bytes

from . import queries, services
from .forms import IMPORT_COLUMNS, RosterImportConfirmForm, RosterImportForm, sign_rows
from .models import Member

# ---- Roster -----------------------------------------------------------------------------------

TEMPLATE_EXAMPLE = [
    "Anna",
    "Przykładowa",
    "anna.przykladowa@example.org",
    "Wojewódzki Urząd Pracy",
    "edukacja",
    "członek",
    "01.01.2026",
    "31.12.2029",
    "XII/123/2025",
    "15.12.2025",
    "1261",
    "",
]


@staff_required
def roster_import(request):
    """Upload shows the preview; nothing is saved until staff confirm the rows without errors."""
    if request.method == "POST" and "rows" in request.POST:
        confirm = RosterImportConfirmForm(request.POST)
        if confirm.is_valid():
            summary = services.import_members(rows=confirm.cleaned_data["rows"])
            return render(request, "wzk/roster/admin/import_done.html", {"summary": summary})
        for error in confirm.errors.get("rows", []):
            messages.error(request, error)
        return redirect("wzk_admin:roster_import")
    form = RosterImportForm(request.POST or None, request.FILES or None)
    context = {"form": form, "columns": IMPORT_COLUMNS}
    if request.method == "POST" and form.is_valid():
        rows = form.rows
        invalid = [row for row in rows if not row.is_valid]
        context |= {
            "rows": rows,
            "invalid": invalid,
            "confirm": None if invalid else RosterImportConfirmForm(initial={"rows": sign_rows(rows)}),
        }
    return render(request, "wzk/roster/admin/import.html", context)


@staff_required
def roster_import_template(request, fmt):
    header = [heading for _key, heading, _required in IMPORT_COLUMNS]
    if fmt == "xlsx":
        workbook = Workbook()
        workbook.add_sheet(_("WZK members"), header, [TEMPLATE_EXAMPLE])
        response = HttpResponse(workbook.to_bytes(), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes([header, TEMPLATE_EXAMPLE]), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="sklad-wzk-szablon.{fmt}"'
    return response


@staff_required
def invite_member(request, pk):
    member = get_object_or_404(Member, pk=pk)
    if request.method == "POST":
        services.invite_member(member=member)
        messages.success(request, _("%(name)s has been invited to sign in.") % {"name": member.name})
        return redirect("wzk_member:index")
    return render(request, "wzk/roster/admin/invite.html", {"member": member})


@staff_required
def invite_members(request):
    if request.method == "POST":
        count = services.invite_members_without_account()
        messages.success(
            request,
            ngettext(
                "%(count)d member has been invited to sign in.",
                "%(count)d members have been invited to sign in.",
                count,
            )
            % {"count": count},
        )
        return redirect("wzk_member:index")
    members = list(queries.members_without_account())
    return render(request, "wzk/roster/admin/invite_all.html", {"members": members})
