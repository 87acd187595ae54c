"""Forms of the fairs: they validate and hand the services plain data."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import SignupForm
from django import forms
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, Purpose
from events.models import EventKind, EventPage, Zone

from . import queries, services
from .models import Application, InstitutionKind

# ---- Applications ----


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
