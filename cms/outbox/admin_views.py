"""Staff pages for the e-mail outbox in the Wagtail admin.

Views: a form or a button → one service call → redirect with a message.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cms.accounts.auth import staff_required

from . import services as mail
from .forms import OutboxFilterForm
from .models import OutgoingEmail

PER_PAGE = 50


@staff_required
def outbox(request):
    form = OutboxFilterForm(request.GET or None)
    emails = OutgoingEmail.objects.defer("body_text", "body_html", "attachments", "headers").order_by(
        "-created_at", "-pk"
    )
    status = ""
    if form.is_valid():
        status = form.cleaned_data["status"]
        if status:
            emails = emails.filter(status=status)
    counts = dict(OutgoingEmail.objects.order_by().values_list("status").annotate(n=Count("pk")))
    page = Paginator(emails, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "cms/admin/outbox.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "counts": [(value, label, counts.get(value, 0)) for value, label in OutgoingEmail.Status.choices],
            "failed_count": counts.get(OutgoingEmail.Status.FAILED, 0),
            "resendable": {
                OutgoingEmail.Status.FAILED,
                OutgoingEmail.Status.RETRY,
                OutgoingEmail.Status.QUEUED,
            },
        },
    )


def _back_to_outbox(request):
    status = request.POST.get("status", "")
    url = redirect("cms_outbox").url
    return redirect(f"{url}?status={status}" if status in OutgoingEmail.Status.values else url)


@require_POST
@staff_required
def outbox_resend(request, pk):
    if mail.resend_email(email_id=pk):
        messages.success(request, _("The e-mail was queued for sending again."))
    else:
        messages.error(request, _("This e-mail cannot be sent again: it has been sent or is being sent."))
    return _back_to_outbox(request)


@require_POST
@staff_required
def outbox_resend_failed(request):
    count = mail.resend_failed_emails()
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)d failed e-mail was queued for sending again.",
                "%(count)d failed e-mails were queued for sending again.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(request, _("There are no failed e-mails."))
    return _back_to_outbox(request)
