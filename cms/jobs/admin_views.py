"""Staff pages for failed background tasks in the Wagtail admin.

Views: a button → one service call → redirect with a message.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms.accounts.auth import staff_required

from . import monitoring, services

PER_PAGE = 50


@staff_required
def failed_tasks(request):
    page = Paginator(monitoring.failed_tasks(), PER_PAGE).get_page(request.GET.get("page"))
    rows = [{"result": result, "retryable": monitoring.retryable(result)} for result in page]
    return render(request, "cms/admin/failed_tasks.html", {"page": page, "rows": rows})


@require_POST
@staff_required
def failed_task_retry(request, pk):
    if services.retry_failed_task(result_id=pk):
        messages.success(request, _("The task was queued again."))
    else:
        messages.error(request, _("This task cannot be run again from here."))
    return redirect("cms_failed_tasks")
