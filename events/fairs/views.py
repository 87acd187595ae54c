"""Public-side pages of the fairs: the exhibitor's area, a visitor's plan, a stand's visit code.
Each part of the app keeps its views in its own block."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from events.registration.qr import qr_svg

from . import queries, services
from .access import acts_for_an_exhibitor, passes_application
from .forms import PassChangeForm, PassForm
from .pdf import passes_pdf

# ---- Passes ----


def _private(response):
    response["Cache-Control"] = "private, no-store"
    return response


def _pass_application(request, application_id):
    """The accepted application the signed-in person acts for: 403 without an exhibitor, 404 for
    another institution's (or one not accepted)."""
    if not acts_for_an_exhibitor(request.user):
        raise PermissionDenied
    application = passes_application(request.user, application_id)
    if application is None:
        raise Http404
    return application


def _pass_or_404(application, pass_id):
    exhibitor_pass = queries.pass_of(application, pass_id)
    if exhibitor_pass is None:
        raise Http404
    return exhibitor_pass


def _passes_context(application, form):
    passes = queries.active_passes(application)
    allowance = application.call.staff_allowance
    return {
        "application": application,
        "event": application.call.event,
        "stand": queries.stand_line(application),
        "passes": [
            (
                exhibitor_pass,
                qr_svg(
                    exhibitor_pass.registration.ticket.secret,
                    label=_("QR code of the pass of %(name)s") % {"name": exhibitor_pass.name},
                    size="9rem",
                ),
            )
            for exhibitor_pass in passes
        ],
        "allowance": allowance,
        "left": max(allowance - len(passes), 0),
        "form": form,
    }


@never_cache
@login_required
def passes(request, application):
    """An accepted exhibitor's stand staff: name one (up to the call's allowance), see each pass with
    its QR code, download them, change or remove one."""
    application = _pass_application(request, application)
    form = PassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exhibitor_pass = services.name_pass(
                application=application,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                language=request.LANGUAGE_CODE,
                by=request.user,
            )
        except services.PassError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The pass of %(name)s is ready.") % {"name": exhibitor_pass.name})
            return redirect("fairs:passes", application.pk)
    status = 400 if form.errors else 200
    return _private(render(request, "fairs/passes.html", _passes_context(application, form), status=status))


@never_cache
@login_required
def pass_edit(request, application, exhibitor_pass):
    """Correct the name or e-mail on a pass, or hand it to another person (a new QR code)."""
    application = _pass_application(request, application)
    exhibitor_pass = _pass_or_404(application, exhibitor_pass)
    form = PassChangeForm(
        request.POST or None, initial={"name": exhibitor_pass.name, "email": exhibitor_pass.email}
    )
    if request.method == "POST" and form.is_valid():
        try:
            exhibitor_pass = services.change_pass(
                exhibitor_pass=exhibitor_pass,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                new_person=form.cleaned_data["new_person"],
                language=request.LANGUAGE_CODE,
                by=request.user,
            )
        except services.PassError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The pass of %(name)s is saved.") % {"name": exhibitor_pass.name})
            return redirect("fairs:passes", application.pk)
    context = {
        "application": application,
        "event": application.call.event,
        "exhibitor_pass": exhibitor_pass,
        "form": form,
    }
    status = 400 if form.errors else 200
    return _private(render(request, "fairs/pass_edit.html", context, status=status))


@require_POST
@login_required
def pass_remove(request, application, exhibitor_pass):
    """Remove a pass: its QR code stops admitting and the place in the allowance is free."""
    application = _pass_application(request, application)
    exhibitor_pass = _pass_or_404(application, exhibitor_pass)
    services.remove_pass(exhibitor_pass=exhibitor_pass, by=request.user)
    messages.success(request, _("The pass of %(name)s has been removed.") % {"name": exhibitor_pass.name})
    return redirect("fairs:passes", application.pk)


def _pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


@require_safe
@login_required
def pass_pdf(request, application, exhibitor_pass):
    application = _pass_application(request, application)
    exhibitor_pass = _pass_or_404(application, exhibitor_pass)
    filename = f"przepustka-{slugify(exhibitor_pass.name) or exhibitor_pass.pk}.pdf"
    return _pdf_response(passes_pdf([exhibitor_pass], application), filename)


@require_safe
@login_required
def passes_all_pdf(request, application):
    """Every pass of the application in one PDF (A4, one pass per half page)."""
    application = _pass_application(request, application)
    found = queries.active_passes(application)
    if not found:
        raise Http404
    return _pdf_response(passes_pdf(found, application), "przepustki.pdf")
