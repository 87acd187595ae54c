"""Public-side pages of the fairs: the exhibitor's area, a visitor's plan, stand visit codes. Each
part of the app keeps its views in its own block."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import queries, services
from .access import accepted_application_of
from .forms import StandPageForm, StandWorkshopFormSet, stand_page_data, stand_page_initial

# ---- Stands ----


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def stand_page_edit(request, application):
    """``/wystawca/stoisko/<application>/``: the people of an accepted exhibitor keep its stand
    page (texts, logo, lists, workshops); published at once or after staff approve, by the call."""
    application = accepted_application_of(request.user, application)
    if application is None:
        raise Http404
    fair = application.call.event
    page = queries.stand_page_of(application)
    draft = queries.stand_page_draft(page) if page is not None else None
    initial, workshops_initial = stand_page_initial(draft)
    if request.method == "POST" and application.stand_id:
        form = StandPageForm(request.POST, request.FILES, initial=initial)
        formset = StandWorkshopFormSet(
            request.POST, prefix="workshops", initial=workshops_initial, form_kwargs={"fair": fair}
        )
        if form.is_valid() and formset.is_valid():
            try:
                saved = services.save_stand_page(
                    application=application, data=stand_page_data(form, formset), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if saved.published:
                    messages.success(request, _("The stand page is saved and published."))
                else:
                    messages.success(
                        request, _("The changes are saved and await approval by the organisers.")
                    )
                return redirect("fairs:stand_page_edit", application=application.pk)
        status = 400
    else:
        form = StandPageForm(initial=initial)
        formset = StandWorkshopFormSet(
            prefix="workshops", initial=workshops_initial, form_kwargs={"fair": fair}
        )
        status = 200
    moderation = queries.stand_page_moderation(page) if page is not None else None
    context = {
        "application": application,
        "fair": fair,
        "page": None,
        "stand_page": page,
        "draft": draft,
        "moderation": moderation,
        "form": form,
        "formset": formset,
    }
    return _private(render(request, "fairs/stand_page_edit.html", context, status=status))
