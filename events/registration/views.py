"""Public registration pages (form → one service call → redirect or the form again with messages) and
the ticket at its secret URL: page, printable PDF, calendar file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail import hooks

from cms.accounts import roles
from cms.accounts.network import client_ip
from cms.privacy.forms import optional_consent_given
from events.dates import format_event_dates
from events.models import EventPage

from . import mails, queries, school_area, services
from .calendar_file import registration_ics
from .forms import (
    GroupRegistrationForm,
    IndividualRegistrationForm,
    ResendForm,
    idempotency_key,
    new_form_token,
)
from .hooks import TICKET_STAFF_LINKS
from .models import Registration
from .qr import qr_svg
from .ticket_pdf import ticket_pdf as render_ticket_pdf


def _event(event_id):
    return get_object_or_404(EventPage.objects.live().specific(), pk=event_id)


def _registration_page(request, event, form_class, *, teacher=None):
    ticket_types = [
        tt
        for tt in queries.with_available(queries.ticket_types_with_availability([event.pk]))
        if tt.is_group == form_class.group
    ]
    questions = list(event.questions.all())
    state = queries.window_state(event)
    if not ticket_types or event.members_only:  # members-only: personal invitations, no public form
        raise Http404
    form_kwargs = {"event": event, "ticket_types": ticket_types, "questions": questions}
    if request.method == "POST" and state == "open":
        form = form_class(request.POST, **form_kwargs)
        if form.is_valid():
            registration, accepted = _submit(request, form, teacher)
            if teacher is not None and registration is not None:
                return redirect("registration:detail", registration.cancel_token)
            if accepted:
                # The same answer for a new address and a registered one (which gets a mail saying
                # so): the page tells no one whether an address is registered.
                return redirect("registration:accepted", event.pk)
    else:
        initial = {"token": new_form_token()}
        if teacher is not None:
            initial["name"] = teacher.get_full_name()
        form = form_class(initial=initial, **form_kwargs)
    return render(
        request,
        "registration/register.html",
        {
            "event": event,
            "form": form,
            "state": state,
            "ticket_types": ticket_types,
            "group": form_class.group,
            "privacy_version": services.PRIVACY_NOTICE_VERSION,
        },
        status=200,
    )


def _submit(request, form, teacher):
    """Call the service; map its refusal onto the form. Returns ``(registration, accepted)``.

    An address already registered for the ticket is accepted like a new one (no registration is
    returned): the address gets a mail saying it is registered, with its ticket link (at most a few
    an hour, ``services.resend_limited``), and the visitor sees the page a new registration gets."""
    data = form.cleaned_data
    ticket_type = form.selected_ticket_type()
    email = teacher.email if teacher is not None else data["email"]
    fields = {
        "ticket_type": ticket_type,
        "name": data["name"],
        "email": email,
        "answers": form.answers(),
        "sessions": data.get("sessions") or [],
        "invitation_code": data.get("invitation_code") or None,
        "language": translation.get_language() or "pl",
        "privacy_notice_version": services.PRIVACY_NOTICE_VERSION,
        "privacy_notice": form.shown_notice,
        "optional_consent": optional_consent_given(form),
        "idempotency_key": idempotency_key("form", data["token"], email, ticket_type.pk),
    }
    if teacher is not None:
        fields.update(
            teacher=teacher,
            pupils=data["pupils"],
            adults=data["adults"],
            phone=data["phone"],
            school_name=data["school_name"],
            school_rspo=data["school_rspo"],
            school_municipality=data["school_municipality"],
            school_county=data["school_county"],
            school_voivodeship=data["school_voivodeship"],
            school_municipality_code=data["school_municipality_code"],
        )
    try:
        return services.register(**fields), True
    except services.RegistrationError as error:
        if error.code == "duplicate" and teacher is None:
            if error.registration is not None and not services.resend_limited(email=email):
                services.tell_already_registered(registration=error.registration)
            return None, True
        field = error.field if error.field in form.fields else None
        if error.code == "answers_invalid":
            for pk, message in error.details.items():
                form.add_error(f"q_{pk}", message)
        else:
            form.add_error(field, error.message)
        return None, False


def accepted(request, event_id):
    """After the public form: the confirmation and the links are in the mailbox of the address."""
    event = _event(event_id)
    return render(request, "registration/accepted.html", {"event": event})


def register_individual(request, event_id):
    event = _event(event_id)
    return _registration_page(request, event, IndividualRegistrationForm)


def _teacher(request):
    if not roles.has_role(request.user, roles.SCHOOL_COORDINATOR):
        raise PermissionDenied
    return request.user


@login_required
def register_group(request, event_id):
    event = _event(event_id)
    return _registration_page(request, event, GroupRegistrationForm, teacher=_teacher(request))


@require_POST
def resend(request, event_id):
    """Send the ticket again to the address that is already registered (no account needed).

    Limited per recipient and per client (``services.resend_limited``). Every request is counted,
    whether or not the address is registered, so the "too many" answer is the same for both."""
    event = _event(event_id)
    form = ResendForm(request.POST)
    if form.is_valid() and services.resend_limited(
        email=form.cleaned_data["email"], client=client_ip(request)
    ):
        messages.error(
            request, _("Too many requests to send this ticket again; please try again in an hour.")
        )
        return redirect(event.url or "/")
    if form.is_valid():
        registration = (
            Registration.objects.filter(
                event=event,
                ticket_type_id=form.cleaned_data["ticket_type"],
                email__iexact=form.cleaned_data["email"],
            )
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if registration is not None:
            services.resend_ticket(registration=registration)
    # The same answer whether or not the address is registered: nothing to learn from it.
    messages.success(request, _("If this address is registered, the ticket is on its way to it again."))
    return redirect(event.url or "/")


def detail(request, token):
    registration = queries.registration_by_token(token)
    if registration is None:
        raise Http404
    ticket = getattr(registration, "ticket", None) if registration.status == "confirmed" else None
    qr = None
    if ticket is not None:
        qr = qr_svg(ticket.secret, label=_("QR code of your ticket"))
    return render(
        request,
        "registration/detail.html",
        {
            "registration": registration,
            "event": registration.event,
            "ticket": ticket,
            "ticket_url": mails.ticket_path(registration) if ticket else "",
            "qr": qr,
            "position": queries.waitlist_position(registration),
        },
    )


def cancel(request, token):
    registration = queries.registration_by_token(token)
    if registration is None:
        raise Http404
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        services.cancel(registration=registration, by=request.user)
        messages.success(request, _("Your registration has been cancelled. The places are free for others."))
        return redirect("registration:detail", token)
    return render(
        request, "registration/cancel.html", {"registration": registration, "event": registration.event}
    )


@login_required
def my_registrations(request):
    """The teacher's registrations now live in the school area (its "Class registrations" section)."""
    _teacher(request)
    return redirect(f"{reverse('cms:school_area')}#{school_area.SECTION_ID}")


@login_required
def change_size(request, pk):
    """Change a class's head-count (the form of the school area); a refusal shows the form again."""
    teacher = _teacher(request)
    registration = get_object_or_404(
        Registration.objects.select_related("event", "ticket_type"), pk=pk, teacher=teacher
    )
    form = school_area.size_form(registration, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.change_group_size(
                    registration=registration,
                    pupils=form.cleaned_data["pupils"],
                    adults=form.cleaned_data["adults"],
                )
            except services.RegistrationError as error:
                form.add_error("pupils" if error.field == "pupils" else None, error.message)
            else:
                messages.success(
                    request, _("The head-count has been changed. We have sent a confirmation by e-mail.")
                )
                return redirect(f"{reverse('cms:school_area')}#{school_area.SECTION_ID}")
        status = 400
    return render(
        request,
        "registration/change_size.html",
        {"registration": registration, "event": registration.event, "form": form},
        status=status,
    )


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _ticket_or_404(secret):
    ticket = queries.ticket_by_secret(secret)
    if ticket is None:
        raise Http404
    return ticket


def _staff_links(request, ticket):
    """Links of the apps built on tickets (``hooks.TICKET_STAFF_LINKS``), for the staff who may follow them."""
    return [link for build in hooks.get_hooks(TICKET_STAFF_LINKS) for link in build(request, ticket)]


@require_GET
def ticket(request, secret):
    """The ticket at its unguessable URL: QR code, event, date, place, type, head-count.

    The ticket's secret is the admission capability only (it is in the QR code, on the PDF and on
    every photo of them): the page links nothing that manages the registration (cancel, consents).
    Only the link mailed to the registrant (``/zapisy/<cancel_token>/``) manages it."""
    ticket = _ticket_or_404(secret)
    registration = ticket.registration
    event = registration.event
    sessions = sorted(registration.sessions.all(), key=lambda session: (session.starts_at, session.pk))
    context = {
        "ticket": ticket,
        "registration": registration,
        "event": event,
        # A ticket for chosen sessions is for their days, not the whole event's.
        "dates": [format_event_dates(session.starts_at, session.ends_at) for session in sessions]
        or [format_event_dates(event.starts_at, event.ends_at, event.all_day)],
        "qr": qr_svg(ticket.secret, label=_("QR code of your ticket"))
        if registration.status == "confirmed"
        else "",
        "position": queries.waitlist_position(registration),
        "staff_links": _staff_links(request, ticket),
        "sections": mails.ticket_sections(registration),
    }
    return _private(render(request, "registration/ticket.html", context))


@require_GET
def ticket_pdf(request, secret):
    ticket = _ticket_or_404(secret)
    if ticket.registration.status != "confirmed":
        raise Http404
    response = HttpResponse(render_ticket_pdf(ticket), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="bilet.pdf"'
    return _private(response)


@require_GET
def ticket_ics(request, secret):
    """What the ticket covers (its sessions, else the event) as an iCalendar file; a cancelled
    registration's file cancels the entries (METHOD:CANCEL)."""
    ticket = _ticket_or_404(secret)
    response = HttpResponse(
        registration_ics(ticket.registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="wydarzenie.ics"'
    return _private(response)
