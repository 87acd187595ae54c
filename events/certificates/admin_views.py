"""Staff pages in the Wagtail admin: the events with certificates, an event's certificates,
issuing now, revoking with a reason, mailing again, and the PDF."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.accounts.auth import staff_required
from events.models import EventPage

from . import mails, queries, services
from .forms import RevokeForm
from .models import Certificate
from .pdf import render_certificate


def _back(event_id):
    return redirect(reverse("certificates_admin:event", args=[event_id]))


@staff_required
def event_list(request):
    return render(request, "certificates/admin/event_list.html", {"events": queries.events_with_settings()})


@staff_required
def event_certificates(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    return render(
        request,
        "certificates/admin/event_certificates.html",
        {
            "event": event,
            "settings": queries.settings_of(event),
            "certificates": queries.event_certificates(event),
        },
    )


@staff_required
@require_POST
def issue_now(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    try:
        count = services.issue_certificates(event=event)
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("%(count)d certificates issued.") % {"count": count})
    return _back(event.pk)


@staff_required
@require_POST
def revoke(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("document"), pk=pk)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking."))
        return _back(certificate.event_id)
    try:
        services.revoke_certificate(
            certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
        )
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The certificate of %(name)s is revoked.") % {"name": certificate.holder_name}
        )
    return _back(certificate.event_id)


@staff_required
@require_POST
def resend(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("document"), pk=pk)
    try:
        services.resend_certificate(certificate=certificate)
    except services.CertificateError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The mail to %(email)s is queued.") % {"email": certificate.email})
    return _back(certificate.event_id)


@staff_required
def certificate_pdf(request, pk):
    certificate = queries.certificate(pk)
    if certificate is None:
        return HttpResponse(status=404)
    content = render_certificate(certificate, settings=queries.settings_of(certificate.event))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{mails.filename(certificate)}"'
    return response
