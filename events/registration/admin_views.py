"""Staff views in the Wagtail admin: per-event registrations, exports, actions, invitation codes."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cms.accounts.auth import staff_required
from cms.files.spreadsheets import CSV_TYPE, XLSX_TYPE
from cms.places.queries import county_choices
from events.models import EventPage

from . import exports, queries, services
from .models import Registration, TicketType


class FilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", "—"), *Registration.Status.choices]
    )
    ticket_type = forms.ChoiceField(label=gettext_lazy("Ticket"), required=False)
    session = forms.ChoiceField(label=gettext_lazy("Session"), required=False)
    school = forms.CharField(label=gettext_lazy("School (name or RSPO)"), required=False, max_length=100)
    county = forms.ChoiceField(label=gettext_lazy("County"), required=False, choices=county_choices)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].choices = [("", "—")] + [
            (str(tt.pk), tt.name) for tt in event.ticket_types.all()
        ]
        self.fields["session"].choices = [("", "—")] + [(str(s.pk), s.title) for s in event.sessions.all()]

    def filters(self):
        if not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=gettext_lazy("Places"), min_value=0, max_value=100000)


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    body = forms.CharField(
        label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )
    include_waitlisted = forms.BooleanField(
        label=gettext_lazy("Also to people on the waiting list"), required=False, initial=True
    )


class GenerateCodesForm(forms.Form):
    ticket_type = forms.ModelChoiceField(
        label=gettext_lazy("Ticket (optional)"), queryset=TicketType.objects.none(), required=False
    )
    count = forms.IntegerField(label=gettext_lazy("Number of codes"), min_value=1, max_value=500, initial=1)
    max_uses = forms.IntegerField(
        label=gettext_lazy("Uses per code"),
        min_value=1,
        max_value=10000,
        initial=1,
        help_text=gettext_lazy("1 = single-use; more for e.g. all members of a team."),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ticket_type"].queryset = event.ticket_types.all()


def _event(event_id):
    return get_object_or_404(EventPage, pk=event_id)


@staff_required
def event_list(request):
    events = (
        EventPage.objects.filter(ticket_types__isnull=False)
        .distinct()
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed"), distinct=True),
            waiting=Count("registrations", filter=Q(registrations__status="waitlisted"), distinct=True),
        )
        .order_by("-starts_at")
    )
    return render(request, "registration/admin/event_list.html", {"events": events})


@staff_required
def event_registrations(request, event_id):
    event = _event(event_id)
    filter_form = FilterForm(request.GET or None, event=event)
    registrations = queries.event_registrations(event, **filter_form.filters())
    page = Paginator(registrations, 100).get_page(request.GET.get("p"))
    ticket_types = queries.with_available(
        queries.ticket_types_with_availability([event.pk], active_only=False)
    )
    return render(
        request,
        "registration/admin/event_registrations.html",
        {
            "event": event,
            "filter_form": filter_form,
            "page": page,
            "counts": queries.status_counts(event),
            "places": queries.confirmed_places_total(event),
            "ticket_types": [
                (tt, CapacityForm(initial={"capacity": tt.capacity}, prefix=f"t{tt.pk}"))
                for tt in ticket_types
            ],
            "query": request.GET.urlencode(),
        },
    )


def _export(request, event_id, fmt):
    event = _event(event_id)
    filter_form = FilterForm(request.GET or None, event=event)
    registrations = queries.event_registrations(event, **filter_form.filters()).select_related(
        "invitation_code"
    )
    questions = list(event.questions.all())
    name = slugify(event.slug or event.title) or "wydarzenie"
    registrations = registrations.iterator(chunk_size=500)  # streamed, with its prefetches per chunk
    if fmt == "xlsx":
        response = HttpResponse(exports.to_xlsx(registrations, questions), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(exports.to_csv(registrations, questions), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="zapisy-{name}.{fmt}"'
    return response


@staff_required
def export_csv(request, event_id):
    return _export(request, event_id, "csv")


@staff_required
def export_xlsx(request, event_id):
    return _export(request, event_id, "xlsx")


def _back(event):
    return redirect(reverse("registration_admin:event", args=[event.pk]))


@staff_required
@require_POST
def resend(request, event_id, pk):
    registration = get_object_or_404(Registration, pk=pk, event_id=event_id)
    try:
        services.resend_ticket(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The mail to %(email)s is queued.") % {"email": registration.email})
    return _back(registration.event)


@staff_required
@require_POST
def cancel(request, event_id, pk):
    registration = get_object_or_404(Registration, pk=pk, event_id=event_id)
    services.cancel(registration=registration, by=request.user)
    messages.success(request, _("The registration of %(name)s is cancelled.") % {"name": registration.name})
    return _back(registration.event)


@staff_required
@require_POST
def change_capacity(request, event_id, ticket_type_id):
    ticket_type = get_object_or_404(TicketType, pk=ticket_type_id, event_id=event_id)
    form = CapacityForm(request.POST, prefix=f"t{ticket_type.pk}")
    if not form.is_valid():
        messages.error(request, _("Enter a number of places (0 or more)."))
        return _back(ticket_type.event)
    try:
        _ticket_type, promoted = services.change_capacity(
            ticket_type=ticket_type, capacity=form.cleaned_data["capacity"]
        )
    except services.RegistrationError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Capacity of %(name)s is now %(capacity)d; %(promoted)d promoted from the waiting list.")
            % {
                "name": ticket_type.name,
                "capacity": form.cleaned_data["capacity"],
                "promoted": len(promoted),
            },
        )
    return _back(ticket_type.event)


@staff_required
def message_all(request, event_id):
    event = _event(event_id)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statuses = ["confirmed", "waitlisted"] if form.cleaned_data["include_waitlisted"] else ["confirmed"]
        sent = services.message_registrants(
            event=event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            statuses=statuses,
        )
        messages.success(request, _("%(count)d messages are queued.") % {"count": sent})
        return _back(event)
    return render(request, "registration/admin/message.html", {"event": event, "form": form})


@staff_required
def generate_codes(request, event_id):
    event = _event(event_id)
    form = GenerateCodesForm(request.POST or None, event=event)
    codes = []
    if request.method == "POST" and form.is_valid():
        codes = services.generate_invitation_codes(event=event, **form.cleaned_data)
        messages.success(request, _("%(count)d codes created.") % {"count": len(codes)})
    existing = (
        event.invitation_codes.select_related("ticket_type")
        .prefetch_related("registrations")
        .order_by("-created_at", "code")
    )
    return render(
        request,
        "registration/admin/codes.html",
        {"event": event, "form": form, "codes": codes, "existing": existing},
    )
