"""Staff views in the Wagtail admin: the events and stops with counts, one target's zone x hour
table and split by category, a correction entry, and the CSV/XLSX export."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import CSV_TYPE, XLSX_TYPE

from . import exports, queries
from .forms import CorrectionForm
from .services import CountError, record_count


@staff_required
def index(request):
    return render(request, "counting/admin/index.html", {"targets": queries.counted_targets()})


def _target(kind, pk):
    if kind == "event":
        event = queries.event_for_counting(pk)
        if event is None:
            raise Http404
        return event, None
    stop = queries.stop_for_counting(pk)
    if stop is None:
        raise Http404
    return None, stop


@staff_required
def detail(request, kind, pk):
    event, stop = _target(kind, pk)
    zones = list(event.zones.all()) if event is not None else []
    form = CorrectionForm(request.POST or None, zones=zones)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = record_count(
                client_id=data["client_id"],
                category=data["category"],
                delta=data["delta"],
                recorded_by=request.user,
                event=event,
                stop=stop,
                zone=form.chosen_zone,
                school_rspo=data["school_rspo"],
                school_name=data["school_name"],
                hour=data["hour"],
            )
        except CountError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("Correction saved: %(delta)+d.") % {"delta": recorded.count.delta})
            return redirect(f"counting_admin:{kind}", pk)
    name = event.title if event is not None else f"{_('Edubus')}: {stop.place_name}"
    if request.GET.get("format") in ("csv", "xlsx"):
        fmt = request.GET["format"]
        body = (exports.to_csv if fmt == "csv" else exports.to_xlsx)(event=event, stop=stop)
        response = HttpResponse(body, content_type=CSV_TYPE if fmt == "csv" else XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="liczenie-{kind}-{pk}.{fmt}"'
        return response
    counter_url = reverse("counting:counter") + (f"?event={pk}" if event is not None else f"?stop={pk}")
    return render(
        request,
        "counting/admin/detail.html",
        {
            "name": name,
            "kind": kind,
            "pk": pk,
            "table": queries.table(event=event, stop=stop),
            "form": form,
            "counter_url": counter_url,
        },
    )
