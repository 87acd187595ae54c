"""Public registration forms: an individual, a teacher's class, a head-count change."""

import hashlib
import secrets

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cms.places.forms import clean_place_fields, setup_place_fields
from cms.privacy.forms import add_notice_fields
from cms.privacy.models import Purpose

from . import queries
from .models import Question

PHONE_VALIDATOR = RegexValidator(
    r"^\+?[0-9 ()-]{9,20}$", _("Enter a phone number, e.g. 600 123 456 or +48 600 123 456.")
)
RSPO_VALIDATOR = RegexValidator(r"^\d{1,12}$", _("The RSPO number has only digits."))


def session_label(session):
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    return f"{session.title} ({date_format(starts, 'j E, H:i')}\u2013{date_format(ends, 'H:i')})"


def new_form_token():
    return secrets.token_urlsafe(24)


def idempotency_key(prefix, token, *parts):
    """Scope a client token by what is registered, so a known token reveals no one else's registration."""
    digest = hashlib.sha256("|".join([token, *[str(part).lower() for part in parts]]).encode()).hexdigest()
    return f"{prefix}:{digest}"


class BaseRegistrationForm(forms.Form):
    group = False

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
    ticket_type = forms.TypedChoiceField(label=_("Ticket"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, event, ticket_types, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.ticket_types = {ticket_type.pk: ticket_type for ticket_type in ticket_types}
        self.questions = list(questions)
        self.fields["ticket_type"].choices = [(tt.pk, self.ticket_label(tt)) for tt in ticket_types]
        if len(ticket_types) == 1:
            self.fields["ticket_type"].initial = ticket_types[0].pk
            self.fields["ticket_type"].widget = forms.HiddenInput()
        sessions = {}
        for ticket_type in ticket_types:
            for session in own_sessions(ticket_type):
                sessions[session.pk] = session
        if sessions:
            self.fields["sessions"] = forms.TypedMultipleChoiceField(
                label=_("Sessions"),
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[
                    (session.pk, session_label(session))
                    for session in sorted(sessions.values(), key=lambda s: (s.starts_at, s.pk))
                ],
                help_text=_("Choose the sessions you want to attend."),
            )
        if any(tt.invitation_required for tt in ticket_types):
            self.fields["invitation_code"] = forms.CharField(
                label=_("Invitation code"),
                max_length=40,
                required=False,
                help_text=_("The code from your invitation."),
            )
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = self.question_field(question)
        self.fields["privacy"] = forms.BooleanField(
            label=_("I have read the privacy notice."),
            error_messages={"required": _("Please confirm that you have read the privacy notice.")},
        )
        add_notice_fields(self, Purpose.EVENT_REGISTRATION)
        self.order_fields(["token", "ticket_type", *self.person_fields, "sessions", "invitation_code"])

    person_fields: list = []

    @staticmethod
    def ticket_label(ticket_type):
        return ticket_type.name

    @staticmethod
    def question_field(question):
        if question.kind == Question.Kind.CHOICE:
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                choices=[("", "—")] + [(choice, choice) for choice in question.choice_list],
            )
        if question.kind == Question.Kind.YES_NO:
            return forms.ChoiceField(
                label=question.label,
                required=question.required,
                widget=forms.RadioSelect,
                choices=[("yes", _("yes")), ("no", _("no"))],
            )
        return forms.CharField(label=question.label, required=question.required, max_length=2000)

    @property
    def question_bound_fields(self):
        return [self[f"q_{question.pk}"] for question in self.questions]

    def answers(self):
        return {
            question.pk: self.cleaned_data.get(f"q_{question.pk}", "")
            for question in self.questions
            if self.cleaned_data.get(f"q_{question.pk}", "")
        }

    def selected_ticket_type(self):
        return self.ticket_types.get(self.cleaned_data.get("ticket_type"))

    def clean(self):
        cleaned = super().clean()
        ticket_type = self.selected_ticket_type()
        chosen = set(cleaned.get("sessions") or [])
        if ticket_type and chosen:
            offered = {session.pk for session in own_sessions(ticket_type)}
            if not chosen <= offered:
                self.add_error("sessions", _("Choose only the sessions offered with this ticket."))
        return cleaned


def own_sessions(ticket_type):
    """The ticket type's sessions that belong to its event (never another event's programme)."""
    return [session for session in ticket_type.sessions.all() if session.page_id == ticket_type.event_id]


class IndividualRegistrationForm(BaseRegistrationForm):
    name = forms.CharField(label=_("First name and surname"), max_length=200)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("We send the ticket to this address."), max_length=254
    )

    person_fields = ["name", "email"]


class GroupRegistrationForm(BaseRegistrationForm):
    group = True

    name = forms.CharField(label=_("Teacher's first name and surname"), max_length=200)
    phone = forms.CharField(label=_("Teacher's phone"), max_length=30, validators=[PHONE_VALIDATOR])
    school_name = forms.CharField(label=_("School name"), max_length=255)
    school_rspo = forms.CharField(
        label=_("RSPO number of the school"),
        max_length=12,
        required=False,
        validators=[RSPO_VALIDATOR],
        help_text=_("Optional; you find it in the register of schools (RSPO)."),
    )
    school_municipality = forms.CharField(label=_("Town or village of the school"), max_length=120)
    school_voivodeship = forms.ChoiceField(label=_("Voivodeship"))
    school_county = forms.ChoiceField(label=_("County (powiat)"))
    school_municipality_code = forms.ChoiceField(label=_("Gmina"), required=False)
    pupils = forms.IntegerField(label=_("Number of pupils"), min_value=1)
    adults = forms.IntegerField(label=_("Accompanying adults"), initial=1)
    confirm_duplicate = forms.BooleanField(
        label=_("Yes, I am registering another class of the same school."), required=False
    )

    person_fields = [
        "name",
        "phone",
        "school_name",
        "school_rspo",
        "school_municipality",
        "school_voivodeship",
        "school_county",
        "school_municipality_code",
        "pupils",
        "adults",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_place_fields(
            self,
            voivodeship="school_voivodeship",
            county="school_county",
            municipality="school_municipality_code",
        )
        self.largest = max([tt.max_group_size for tt in self.ticket_types.values()] or [2])
        set_size_limits(self, self.largest)
        self.duplicate_groups = []

    @staticmethod
    def ticket_label(ticket_type):
        if ticket_type.school_cap:
            return _("%(name)s (groups of up to %(max)d people; at most %(cap)d places per school)") % {
                "name": ticket_type.name,
                "max": ticket_type.max_group_size,
                "cap": ticket_type.school_cap,
            }
        return _("%(name)s (groups of up to %(max)d people)") % {
            "name": ticket_type.name,
            "max": ticket_type.max_group_size,
        }

    def clean(self):
        cleaned = clean_place_fields(self, super().clean())
        ticket_type = self.selected_ticket_type()
        size = (cleaned.get("pupils") or 0) + (cleaned.get("adults") or 0)
        if ticket_type and size > ticket_type.max_group_size:
            self.add_error(
                "pupils",
                _("The group is too large: at most %(max)d people (pupils and adults together).")
                % {"max": ticket_type.max_group_size},
            )
        if not self.errors:
            self.duplicate_groups = queries.school_groups(
                self.event.pk,
                school_name=cleaned.get("school_name", ""),
                school_rspo=cleaned.get("school_rspo", ""),
            )
            if self.duplicate_groups and not cleaned.get("confirm_duplicate"):
                self.add_error(
                    None,
                    _(
                        "This school already has a class registered for this event. If you are "
                        "registering another class, tick the confirmation below and send the form again."
                    ),
                )
        return cleaned


def set_size_limits(form, largest):
    """Limits of a class's head-count as HTML attributes and a visible hint, checked again on the server.

    ``largest``: the largest group the ticket allows, pupils and adults together; a class comes with
    at least one adult.
    """
    largest = max(largest, 2)
    hint = _("At most %(max)d people together with the adults.") % {"max": largest}
    form.fields["pupils"].max_value = largest - 1
    form.fields["pupils"].validators.append(MaxValueValidator(largest - 1, message=hint))
    form.fields["pupils"].widget.attrs.update({"min": 1, "max": largest - 1})
    form.fields["pupils"].help_text = hint
    form.fields["adults"].min_value = 1
    form.fields["adults"].validators += [
        MinValueValidator(1, message=_("A class needs at least one accompanying adult.")),
        MaxValueValidator(largest - 1, message=hint),
    ]
    form.fields["adults"].widget.attrs.update({"min": 1, "max": largest - 1})
    form.fields["adults"].help_text = _("At least one: the teacher or another adult in charge.")


class GroupSizeForm(forms.Form):
    pupils = forms.IntegerField(label=_("Number of pupils"), min_value=1)
    adults = forms.IntegerField(label=_("Accompanying adults"))

    def __init__(self, *args, max_group_size=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_group_size = max(max_group_size or 2, 2)
        set_size_limits(self, self.max_group_size)

    def clean(self):
        cleaned = super().clean()
        size = (cleaned.get("pupils") or 0) + (cleaned.get("adults") or 0)
        if "pupils" in cleaned and "adults" in cleaned and size > self.max_group_size:
            self.add_error(
                "pupils",
                _("The group is too large: at most %(max)d people (pupils and adults together).")
                % {"max": self.max_group_size},
            )
        return cleaned


class ResendForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    ticket_type = forms.IntegerField(widget=forms.HiddenInput)
