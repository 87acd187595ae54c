"""The holder's download of their certificate (a person's or a class's teacher's)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache

from . import mails, queries
from .pdf import render_certificate


@never_cache
@login_required
def certificate_pdf(request, pk):
    certificate = queries.holder_certificate(request.user, pk)
    if certificate is None:
        raise Http404
    content = render_certificate(certificate, settings=queries.settings_of(certificate.event))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{mails.filename(certificate)}"'
    return response
