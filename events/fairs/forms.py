"""Forms of the fairs: validate input and hand plain data to a service. Each part of the app keeps
its forms in its own block."""

import mimetypes
from decimal import Decimal, InvalidOperation

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.documents import get_document_model
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images.fields import WagtailImageField

from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, Purpose
from events.models import EventKind, EventPage, Zone

from . import queries, services
from .models import Application, InstitutionKind
from .services import StandPageData, WorkshopData


class PassForm(forms.Form):
    """Name one of the stand staff (a new pass) or correct a pass."""

    name = forms.CharField(
        label=_("Name and surname"),
        max_length=200,
        error_messages={"required": _("Give the name of the person who will staff the stand.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("If given, the pass is sent to this address."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the name of the person who will staff the stand."))
        return name


class PassChangeForm(PassForm):
    new_person = forms.BooleanField(
        label=_("Another person takes this pass"),
        required=False,
        help_text=_(
            "The pass gets a new QR code and the old one stops working at once. Leave it off to "
            "correct the spelling of the name: the QR code stays."
        ),
    )


"""Input validation of the fairs; forms hand their services plain data. One block per area."""


class PlanItemForm(forms.Form):
    """One stand or one stand workshop of a published fair, to add to or remove from a plan;
    ``cleaned_data["event"]`` is its fair."""

    stand = forms.ModelChoiceField(
        queryset=queries.plannable_stands(), required=False, widget=forms.HiddenInput
    )
    workshop = forms.ModelChoiceField(
        queryset=queries.plannable_workshops(), required=False, widget=forms.HiddenInput
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        stand, workshop = data.get("stand"), data.get("workshop")
        if self.errors:
            return data
        if (stand is None) == (workshop is None):
            raise forms.ValidationError(_("Choose one stand or one workshop for the plan."))
        event = stand.event if stand is not None else queries.workshop_fair(workshop)
        if event is None:
            raise forms.ValidationError(_("This workshop is not part of a published fair."))
        data["event"] = event
        return data


"""Forms of the fairs: they validate input and hand the services plain data. Each part of the app
keeps its forms in its own block."""


DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=DATETIME_FORMATS,
        help_text=_("Date and time in Polish time, e.g. 2026-10-15 10:30."),
    )


class StandPageForm(forms.Form):
    description = forms.CharField(
        label=_("Description of the stand (Polish)"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    description_en = forms.CharField(
        label=_("Description of the stand (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Empty: English visitors see the Polish description."),
    )
    logo = WagtailImageField(
        label=_("Logo of the institution"),
        required=False,
        help_text=_("A PNG, JPG, GIF or WebP image. Leave empty to keep the current logo."),
    )
    fields_of_study = forms.CharField(
        label=_("Fields of study you present"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: each becomes an item of the list."),
    )
    professions = forms.CharField(
        label=_("Professions you present"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: each becomes an item of the list."),
    )
    website = forms.URLField(label=_("Website of the institution"), required=False, assume_scheme="https")
    video_url = forms.URLField(label=_("Link to a film"), required=False, assume_scheme="https")


class StandWorkshopForm(forms.Form):
    title = forms.CharField(label=_("Title of the workshop (Polish)"), max_length=200)
    title_en = forms.CharField(label=_("Title of the workshop (English)"), max_length=200, required=False)
    starts_at = _datetime_field(_("Workshop starts"))
    ends_at = _datetime_field(_("Workshop ends"))
    places = forms.IntegerField(
        label=_("Places at the workshop"), required=False, min_value=1, max_value=32767
    )
    description = forms.CharField(
        label=_("About the workshop"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, fair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fair = fair

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The workshop must end after it starts."))
        first = timezone.localdate(self.fair.starts_at)
        last = timezone.localdate(self.fair.ends_at)
        for name in ("starts_at", "ends_at"):
            moment = data.get(name)
            if moment and not first <= timezone.localdate(moment) <= last and name not in self.errors:
                self.add_error(
                    name,
                    _("A workshop must take place on the days of the fair, %(first)s to %(last)s.")
                    % {"first": date_format(first, "j E Y"), "last": date_format(last, "j E Y")},
                )
        return data


class BaseStandWorkshopFormSet(forms.BaseFormSet):
    def workshops(self):
        return [
            WorkshopData(
                title=form.cleaned_data["title"],
                title_en=form.cleaned_data["title_en"],
                starts_at=form.cleaned_data["starts_at"],
                ends_at=form.cleaned_data["ends_at"],
                places=form.cleaned_data["places"],
                description=form.cleaned_data["description"],
            )
            for index, form in enumerate(self.forms)
            if (index < self.initial_form_count() or form.has_changed())
            and form.cleaned_data
            and not form.cleaned_data.get("DELETE")
        ]


StandWorkshopFormSet = forms.formset_factory(
    StandWorkshopForm,
    formset=BaseStandWorkshopFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def stand_page_initial(page):
    """Initial data of the form and the formset from the page as last saved (``None``: a new page)."""
    if page is None:
        return {}, []
    initial = {
        name: getattr(page, name)
        for name in (
            "description",
            "description_en",
            "fields_of_study",
            "professions",
            "website",
            "video_url",
        )
    }
    workshops = [
        {
            "title": workshop.title,
            "title_en": workshop.title_en,
            "starts_at": timezone.localtime(workshop.starts_at),
            "ends_at": timezone.localtime(workshop.ends_at),
            "places": workshop.places,
            "description": workshop.description,
        }
        for workshop in sorted(page.workshops.all(), key=lambda workshop: workshop.starts_at)
    ]
    return initial, workshops


def stand_page_data(form, formset):
    return StandPageData(
        description=form.cleaned_data["description"],
        description_en=form.cleaned_data["description_en"],
        fields_of_study=form.cleaned_data["fields_of_study"],
        professions=form.cleaned_data["professions"],
        website=form.cleaned_data["website"],
        video_url=form.cleaned_data["video_url"],
        logo=form.cleaned_data["logo"],
        workshops=formset.workshops(),
    )


"""Forms of the fairs: they validate and hand the services plain data."""


class ExhibitorSignupForm(SignupForm):
    """An exhibitor's sign-up: allauth's account (e-mail, password, name, the privacy notice of the
    account sign-up) and the institution it acts for. Not a teacher's: no school coordinator role."""

    institution = forms.CharField(label=_("Name of the institution"), max_length=255)
    kind = forms.ChoiceField(label=_("Type of institution"), choices=InstitutionKind.choices)
    website = forms.URLField(label=_("Institution's website"), required=False, assume_scheme="https")
    city = forms.CharField(label=_("Town"), max_length=120, required=False)

    field_order = [
        "institution",
        "kind",
        "website",
        "city",
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    INSTITUTION_FIELDS = ("institution", "kind", "website", "city")

    def institution_fields(self):
        return [self[name] for name in self.INSTITUTION_FIELDS]

    def account_fields(self):
        return [field for field in self.visible_fields() if field.name not in self.INSTITUTION_FIELDS]

    def signup(self, request, user):
        """allauth's hook once the account is saved (``cms.accounts.forms.SignupForm.signup`` is a
        teacher's; this one is an exhibitor's)."""
        with transaction.atomic():
            user.first_name = self.cleaned_data["first_name"]
            user.last_name = self.cleaned_data["last_name"]
            user.save(update_fields=["first_name", "last_name"])
            services.sign_up_exhibitor(
                user=user,
                name=self.cleaned_data["institution"],
                kind=self.cleaned_data["kind"],
                website=self.cleaned_data["website"],
                city=self.cleaned_data["city"],
                language=translation.get_language(),
            )
            record = {"purpose": Purpose.ACCOUNT_SIGNUP, "user": user, "notice": self.shown_notice}
            privacy.record_consent(**record)
            if self.cleaned_data.get("privacy_optional_consent"):
                privacy.record_consent(**record, kind=ConsentRecord.Kind.CONSENT, consent_key="account")


class InviteColleagueForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)


class ExhibitorPasswordForm(forms.Form):
    """An invited colleague sets the password of their account."""

    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password1(self):
        password = self.cleaned_data["password1"]
        get_adapter().clean_password(password, user=self.user)
        return password

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class ApplicationForm(forms.ModelForm):
    """The exhibitor's application: contact, stand needs, preferred zone (of the call's zones),
    what they will show and how many people staff the stand."""

    class Meta:
        model = Application
        fields = list(services.APPLICATION_FIELDS)
        widgets = {
            "other_needs": forms.Textarea(attrs={"rows": 3}),
            "showcase": forms.Textarea(attrs={"rows": 5}),
        }
        labels = {
            "contact_name": _("Contact person"),
            "contact_email": _("Contact person's e-mail"),
            "contact_phone": _("Contact person's phone"),
            "preferred_zone": _("Preferred zone"),
            "tables": _("Tables"),
            "chairs": _("Chairs"),
            "power": _("Power socket"),
            "screen": _("Screen"),
            "internet": _("Internet access"),
            "floor_space": _("Floor space (m²)"),
            "other_needs": _("Other needs"),
            "showcase": _("What you will show"),
            "stand_staff": _("Number of stand staff"),
        }
        help_texts = {
            "floor_space": _("Leave empty if a table is enough."),
            "stand_staff": _("How many people of yours will be at the stand."),
            "showcase": _("Fields of study, professions, demonstrations, workshops."),
        }

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_zone"].queryset = queries.call_zones(call)
        self.fields["preferred_zone"].empty_label = _("No preference")
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        for name in ("tables", "chairs", "stand_staff"):
            self.fields[name].widget.attrs["max"] = 50
        self.fields["stand_staff"].min_value = 1

    def clean_stand_staff(self):
        staff = self.cleaned_data["stand_staff"]
        if staff < 1:
            raise forms.ValidationError(_("At least one person staffs the stand."))
        return staff

    def application_data(self):
        return {key: self.cleaned_data[key] for key in services.APPLICATION_FIELDS}


class ExhibitorCallAdminForm(WagtailAdminModelForm):
    """Staff's call for exhibitors: the fair (fair pages only), the window, the zones of that fair."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields:
            self.fields["event"].queryset = EventPage.objects.filter(kind=EventKind.FAIR).order_by(
                "-starts_at"
            )
        if "zones" in self.fields:
            self.fields["zones"].queryset = Zone.objects.filter(page__kind=EventKind.FAIR).select_related(
                "page"
            )
            self.fields["zones"].label_from_instance = lambda zone: f"{zone.page.title}: {zone}"

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The call must close after it opens."))
        event, zones = cleaned.get("event"), cleaned.get("zones")
        if event and zones:
            foreign = [str(zone) for zone in zones if zone.page_id != event.pk]
            if foreign:
                self.add_error(
                    "zones",
                    _("These zones belong to another fair: %(zones)s.") % {"zones": ", ".join(foreign)},
                )
        return cleaned


"""Input of the fairs' pages: validated here, handed to a service as plain data. Each part of the
app keeps its forms in its own block."""


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
        zones = list(queries.fair_zones_with_stands(call))
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


"""Forms of the fairs (each part of the app in its own block). They validate and hand plain data
to the services; they never save."""


class VisitMaterialForm(forms.Form):
    material = forms.CharField(
        label=_("Text for visitors who scan the stand's code"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("E.g. what you offer, how to apply, where to find you after the fair."),
    )
    material_url = forms.URLField(
        label=_("Link to your material"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("A leaflet, a presentation or your recruitment page (https://…)."),
    )


"""Forms of the fairs: they validate input and hand the services plain data."""


class FloorPlanForm(WagtailAdminModelForm):
    """A hall's plan: the fair is chosen from the fairs (event pages of the kind "fair")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "event" in self.fields:
            self.fields["event"].queryset = EventPage.objects.filter(kind=EventKind.FAIR).order_by(
                "-starts_at", "title"
            )


class PlacementForm(forms.Form):
    """Where each stand of the fair is on one hall's plan: ``x_<pk>`` and ``y_<pk>`` in per cent of
    the image (0-100, decimal comma or point), filled in from the stands on ``floor_plan``. Both
    empty: not on this plan (a stand on another hall's plan stays there). The placing page's
    script fills them by a click on the image; without it staff type them."""

    def __init__(self, *args, floor_plan, stands, **kwargs):
        super().__init__(*args, **kwargs)
        self.stands = stands
        for stand in stands:
            for axis, label in (("x", _("position across (%)")), ("y", _("position down (%)"))):
                self.fields[f"{axis}_{stand.pk}"] = forms.DecimalField(
                    label=f"{label} — {stand}",
                    required=False,
                    min_value=0,
                    max_value=100,
                    max_digits=5,
                    decimal_places=2,
                    localize=True,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                    error_messages={
                        "invalid": _("Type a number from 0 to 100."),
                        "min_value": _("The position must be from 0 to 100 per cent."),
                        "max_value": _("The position must be from 0 to 100 per cent."),
                        "max_decimal_places": _("At most two decimal places."),
                        "max_digits": _("The position must be from 0 to 100 per cent."),
                    },
                )
            placement = stand.current_placement
            if placement is not None and placement.floor_plan_id == floor_plan.pk:
                self.fields[f"x_{stand.pk}"].initial = placement.x
                self.fields[f"y_{stand.pk}"].initial = placement.y

    def clean(self):
        cleaned = super().clean()
        for stand in self.stands:
            x, y = cleaned.get(f"x_{stand.pk}"), cleaned.get(f"y_{stand.pk}")
            if f"x_{stand.pk}" in self.errors or f"y_{stand.pk}" in self.errors:
                continue
            if (x is None) != (y is None):
                self.add_error(
                    f"x_{stand.pk}" if x is None else f"y_{stand.pk}",
                    _("Give both positions (across and down) or neither."),
                )
        return cleaned

    def positions(self):
        """``{stand pk: (x, y) or None}`` for ``services.save_placements``."""
        result = {}
        for stand in self.stands:
            x, y = self.cleaned_data.get(f"x_{stand.pk}"), self.cleaned_data.get(f"y_{stand.pk}")
            result[stand.pk] = (x, y) if x is not None and y is not None else None
        return result

    def rows(self):
        """``[(stand, x field, y field, mark)]`` for the template; ``mark`` is ``(x, y)`` as CSS
        per cent (what was typed, if it is a position) or None."""
        return [
            (stand, self[f"x_{stand.pk}"], self[f"y_{stand.pk}"], self._mark(stand)) for stand in self.stands
        ]

    def _mark(self, stand):
        values = []
        for axis in ("x", "y"):
            bound = self[f"{axis}_{stand.pk}"]
            value = bound.data if self.is_bound else bound.initial
            try:
                number = Decimal(str(value).strip().replace(",", ".")) if value not in (None, "") else None
            except InvalidOperation:
                number = None
            if number is None or not Decimal(0) <= number <= Decimal(100):
                return None
            values.append(f"{number:f}")
        return tuple(values)
