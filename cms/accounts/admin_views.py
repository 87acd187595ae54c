"""Staff pages for two-factor enrolment in the Wagtail admin: who has no authenticator yet, and
the button that mails them a one-time enrolment link.

Views: a button → one service call → redirect with a message.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import queries, services
from .auth import staff_required

PER_PAGE = 50


@staff_required
def mfa_enrolment(request):
    page = Paginator(queries.accounts_without_mfa(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "cms/admin/mfa_enrolment.html", {"page": page})


@require_POST
@staff_required
def mfa_enrolment_send(request, pk):
    user = queries.accounts_without_mfa().filter(pk=pk).first()
    if user is None:
        messages.error(request, _("This account already has an authenticator or does not need one."))
    else:
        services.issue_mfa_enrolment_link(user=user, issued_by=request.user)
        messages.success(request, _("The enrolment link was sent to %(email)s.") % {"email": user.email})
    return redirect("cms_mfa_enrolment")
