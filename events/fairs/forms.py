"""Input of the fairs' pages: validated here, handed to a service as plain data. Each part of the
app keeps its forms in its own block."""

import mimetypes

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser

from events.models import Zone

from . import queries
from .models import Application, InstitutionKind

# ---- Review -----------------------------------------------------------------------------------

NEED_CHOICES = [
    ("power", _("power socket")),
    ("screen", _("screen")),
    ("internet", _("internet")),
    ("floor_space", _("floor space")),
]
REVIEW_STATUS_CHOICES = [("", _("any status"))] + [
    (value, label) for value, label in Application.Status.choices if value != Application.Status.DRAFT
]
# A mail with its attachments must pass the mail servers on the way (many refuse over 20-25 MB).
ATTACHMENTS_MAX_BYTES = 10 * 1024 * 1024
ATTACHED_DOCUMENTS = 3


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Application status"), required=False, choices=REVIEW_STATUS_CHOICES)
    zone = forms.ModelChoiceField(
        label=_("Preferred zone"), required=False, queryset=Zone.objects.none(), empty_label=_("any zone")
    )
    kind = forms.ChoiceField(
        label=_("Type of institution"),
        required=False,
        choices=[("", _("any type"))] + list(InstitutionKind.choices),
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs"), required=False, choices=NEED_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    q = forms.CharField(label=_("Institution name contains"), required=False, max_length=100)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.filter(page=call.event).order_by("sort_order", "pk")

    def filters(self):
        """The queue's filters (``queries.review_queue``'s keywords); none when the input is bad."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data["status"],
            "zone": data["zone"],
            "kind": data["kind"],
            "needs": data["needs"],
            "search": data["q"],
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision on the application"),
        choices=[
            (Application.Status.ACCEPTED, _("accept")),
            (Application.Status.WAITLISTED, _("put on the waiting list")),
            (Application.Status.DECLINED, _("decline")),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason or note for the exhibitor"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when declining. The exhibitor reads it in the mail and in their area."),
    )

    def __init__(self, *args, decisions, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["decision"]
        field.choices = [(value, label) for value, label in field.choices if value in decisions]

    def clean(self):
        data = super().clean()
        if data.get("decision") == Application.Status.DECLINED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for declining: the exhibitor will read it."))
        return data


class StandAssignmentForm(forms.Form):
    zone = forms.ModelChoiceField(label=_("Zone of the stand"), queryset=Zone.objects.none())
    number = forms.CharField(label=_("Stand number"), max_length=20)
    size = forms.CharField(label=_("Stand size"), required=False, max_length=40, help_text=_("e.g. 3 x 2 m"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        zones = list(queries.call_zones(call))
        self.fields["zone"].queryset = Zone.objects.filter(page=call.event).order_by("sort_order", "pk")
        self.fields["zone"].label_from_instance = lambda zone: _zone_label(zone, zones)

    def clean_number(self):
        return self.cleaned_data["number"].strip()

    def clean_size(self):
        return self.cleaned_data["size"].strip()


def _zone_label(zone, zones):
    counted = next((z for z in zones if z.pk == zone.pk), zone)
    taken = getattr(counted, "stand_count", 0)
    if zone.capacity is None:
        return _("%(zone)s (%(taken)d stands, no limit)") % {"zone": zone, "taken": taken}
    return _("%(zone)s (%(taken)d of %(capacity)d stands)") % {
        "zone": zone,
        "taken": taken,
        "capacity": zone.capacity,
    }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ExhibitorMailForm(forms.Form):
    subject = forms.CharField(label=_("Subject of the mail"), max_length=150)
    body = forms.CharField(
        label=_("Text of the mail"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("E.g. the set-up times, where to unload, whom to call on the day."),
    )
    files = MultipleFileField(
        label=_("Attach files"),
        required=False,
        help_text=_("One or more files from your computer (together at most 10 MB)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number in range(1, ATTACHED_DOCUMENTS + 1):
            self.fields[f"document_{number}"] = forms.ModelChoiceField(
                label=_("Attach a document from the library (%(number)d)") % {"number": number},
                queryset=get_document_model().objects.all(),
                required=False,
                widget=AdminDocumentChooser(),
            )

    def clean(self):
        data = super().clean()
        uploads = list(data.get("files") or [])
        documents = [
            document
            for number in range(1, ATTACHED_DOCUMENTS + 1)
            if (document := data.get(f"document_{number}")) is not None
        ]
        total = sum(upload.size for upload in uploads) + sum(document.file.size for document in documents)
        if total > ATTACHMENTS_MAX_BYTES:
            raise ValidationError(
                _("The attachments are %(size)s together; at most %(limit)s can go with a mail.")
                % {"size": filesizeformat(total), "limit": filesizeformat(ATTACHMENTS_MAX_BYTES)}
            )
        attachments = [
            (upload.name, upload.read(), _mimetype(upload.name, upload.content_type)) for upload in uploads
        ]
        for document in documents:
            with document.file.open("rb") as file:
                attachments.append((document.filename, file.read(), _mimetype(document.filename)))
        data["attachments"] = attachments
        return data


def _mimetype(name, given=None):
    guessed, _encoding = mimetypes.guess_type(name)
    return guessed or given or "application/octet-stream"
