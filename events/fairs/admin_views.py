"""Staff pages of the fairs in the Wagtail admin (``/admin/fairs/…``, namespace ``fairs_admin``)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cms.accounts.auth import staff_required

from . import queries
from .forms import PlacementForm
from .services import PlacementError, save_placements

# ---- Floor plan ----


@staff_required
def place_stands(request, pk):
    """The hall's plan with the fair's stands as marks: a click on the image puts the chosen stand
    there (``fairs/place_stands.js``); without the script staff type across/down per cent."""
    floor_plan = queries.floor_plan_for_placing(pk)
    if floor_plan is None:
        raise Http404
    stands = queries.stands_for_placing(floor_plan)
    form = PlacementForm(request.POST or None, floor_plan=floor_plan, stands=stands)
    if request.method == "POST" and form.is_valid():
        try:
            placed, removed = save_placements(floor_plan=floor_plan, positions=form.positions())
        except PlacementError as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(
                request,
                _("Saved: %(placed)d stands on the plan of %(hall)s, %(removed)d taken off it.")
                % {"placed": placed, "hall": floor_plan.name, "removed": removed},
            )
            return redirect("fairs_admin:place_stands", floor_plan.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "fairs/admin/place_stands.html",
        {"floor_plan": floor_plan, "form": form, "rendition_filter": queries.PLAN_FILTER},
        status=status,
    )
