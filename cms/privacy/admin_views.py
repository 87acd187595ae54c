"""Staff views in the Wagtail admin: notice versions, the data-subject request queue, consent records."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.accounts.auth import is_staff_member, staff_required

from . import queries, services
from .forms import ConsentSearchForm, NoticeVersionForm
from .models import ConsentRecord, DataSubjectRequest, NoticeVersion, Purpose

PER_PAGE = 50


def can_manage_privacy(user):
    return is_staff_member(user)


def _purpose(purpose):
    if purpose not in Purpose.values:
        raise Http404
    return purpose


@staff_required
def notice_list(request):
    current = queries.current_notices()
    rows = [(value, label, current[value]) for value, label in Purpose.choices]
    return render(request, "privacy/admin/notice_list.html", {"rows": rows})


@staff_required
def notice_history(request, purpose):
    purpose = _purpose(purpose)
    versions = NoticeVersion.objects.filter(purpose=purpose).select_related("created_by").order_by("-number")
    return render(
        request,
        "privacy/admin/notice_history.html",
        {"purpose": purpose, "purpose_label": Purpose(purpose).label, "versions": versions},
    )


@staff_required
def notice_detail(request, pk):
    version = get_object_or_404(NoticeVersion.objects.select_related("created_by"), pk=pk)
    return render(request, "privacy/admin/notice_detail.html", {"version": version})


@staff_required
def notice_new_version(request, purpose):
    """Editing a notice publishes its next version; the earlier ones stay unchanged."""
    purpose = _purpose(purpose)
    current = queries.current_notice(purpose)
    if request.method == "POST":
        form = NoticeVersionForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            change_note = data.pop("change_note", "")
            version = services.publish_notice_version(
                purpose=purpose, by=request.user, change_note=change_note, **data
            )
            messages.success(
                request, _("Version %(number)d of the notice is published.") % {"number": version.number}
            )
            return redirect("privacy_admin:notice_history", purpose)
    else:
        initial = {}
        if current is not None:
            initial = {name: getattr(current, name) for name in services.NOTICE_FIELDS}
        form = NoticeVersionForm(initial=initial)
    return render(
        request,
        "privacy/admin/notice_form.html",
        {"form": form, "purpose": purpose, "purpose_label": Purpose(purpose).label, "current": current},
    )


@staff_required
def request_list(request):
    status = request.GET.get("status", DataSubjectRequest.Status.PENDING)
    if status not in DataSubjectRequest.Status.values:
        status = DataSubjectRequest.Status.PENDING
    requests = DataSubjectRequest.objects.filter(status=status).select_related("completed_by")
    requests = requests.order_by("verified_at", "pk") if status == "pending" else requests.order_by("-pk")
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("p"))
    return render(
        request,
        "privacy/admin/request_list.html",
        {"page": page, "status": status, "statuses": DataSubjectRequest.Status.choices},
    )


@staff_required
def request_detail(request, pk):
    data_request = get_object_or_404(DataSubjectRequest.objects.select_related("completed_by"), pk=pk)
    preview = services.preview(data_request.email) if data_request.status == "pending" else None
    return render(
        request,
        "privacy/admin/request_detail.html",
        {
            "data_request": data_request,
            "preview": preview,
            "log": data_request.log.select_related("actor"),
        },
    )


@require_POST
@staff_required
def request_complete(request, pk):
    data_request = get_object_or_404(DataSubjectRequest, pk=pk)
    try:
        services.complete_request(request=data_request, by=request.user)
    except services.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The request is completed and the answer is on its way to the requester.")
        )
    return redirect("privacy_admin:request_detail", pk)


@staff_required
def consent_list(request):
    form = ConsentSearchForm(request.GET or None)
    records = ConsentRecord.objects.select_related("notice", "user").order_by("-given_at", "-pk")
    if form.is_valid() and form.cleaned_data["email"].strip():
        records = records.filter(email__icontains=form.cleaned_data["email"].strip())
    page = Paginator(records, PER_PAGE).get_page(request.GET.get("p"))
    return render(request, "privacy/admin/consent_list.html", {"form": form, "page": page})


@require_POST
@staff_required
def consent_withdraw(request, pk):
    record = get_object_or_404(ConsentRecord, pk=pk, kind=ConsentRecord.Kind.CONSENT)
    services.withdraw_consent(record=record, by=request.user, note=_("withdrawn by staff"))
    messages.success(request, _("The consent is withdrawn."))
    return redirect("privacy_admin:consents")
