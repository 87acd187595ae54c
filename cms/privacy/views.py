"""Public pages: ask for an export or erasure, confirm it from the mailed link, download the export,
withdraw an optional consent. Form → one service call → redirect or render."""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cms.accounts import ratelimit
from cms.accounts.network import client_ip

from . import services
from .exports import build_zip
from .forms import DataRequestForm
from .models import ConsentRecord, DataSubjectRequest

REQUESTS_PER_HOUR_PER_ADDRESS = 10
REQUESTS_PER_HOUR_PER_EMAIL = 3


@never_cache
def request_form(request):
    form = DataRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email = services.normalise_email(form.cleaned_data["email"])
        if ratelimit.any_over_limit(
            [
                ("privacy:ip", client_ip(request), REQUESTS_PER_HOUR_PER_ADDRESS, 3600),
                ("privacy:email", email, REQUESTS_PER_HOUR_PER_EMAIL, 3600),
            ]
        ):
            form.add_error(None, _("Too many requests from here or for this address; try again in an hour."))
            status = 429
        else:
            services.submit_request(
                kind=form.cleaned_data["kind"], email=email, language=translation.get_language() or "pl"
            )
            return redirect("privacy:request_sent")
    elif request.method == "POST":
        status = 400
    return render(request, "privacy/request_form.html", {"form": form}, status=status)


def request_sent(request):
    return render(request, "privacy/request_sent.html")


@never_cache
def verify(request, token):
    """GET shows a button (mail scanners open links); the POST confirms the request."""
    data_request = services.request_by_token(token)
    if data_request is None:
        return render(request, "privacy/link_invalid.html", status=404)
    if request.method == "POST":
        data_request = services.verify_request(request=data_request)
        return render(request, "privacy/verified.html", {"data_request": data_request})
    if data_request.status != DataSubjectRequest.Status.UNVERIFIED:
        return render(request, "privacy/verified.html", {"data_request": data_request})
    return render(request, "privacy/verify.html", {"data_request": data_request})


@never_cache
def download(request, token):
    data_request = services.request_for_download(token)
    if data_request is None:
        return render(request, "privacy/link_invalid.html", {"expired_export": True}, status=410)
    content = build_zip(json.loads(data_request.export_json))
    services.record_download(request=data_request)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="edufest-data-{data_request.pk}.zip"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def withdraw(request, token):
    record = (
        ConsentRecord.objects.filter(token=token, kind=ConsentRecord.Kind.CONSENT)
        .select_related("notice")
        .first()
    )
    if record is None:
        raise Http404
    if request.method == "POST" and not record.is_withdrawn:
        services.withdraw_consent(record=record, note=_("withdrawn by the person through the link"))
        return redirect("privacy:withdraw", token)
    label = record.notice.text("consent_label", translation.get_language()) if record.notice else ""
    return render(request, "privacy/withdraw.html", {"record": record, "label": label or record.consent_key})
