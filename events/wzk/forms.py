"""Input of the WZK roster: the member form of the admin, the roster import (CSV or XLSX, read and
checked row by row before anything is saved) and the member's set-password form."""

import csv
import datetime
import io
import re
from dataclasses import asdict, dataclass, field

from allauth.account.adapter import get_adapter
from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook
from wagtail.admin.forms import WagtailAdminModelForm

from cms.places.queries import county_choices
from events.models import EventKind

from . import queries, services
from .models import Invitation, Meeting, MemberRole, Minutes, Pillar

# The import's columns, in the template's order: (key, heading of the template, required).
IMPORT_COLUMNS = (
    ("first_name", "imię", True),
    ("last_name", "nazwisko", True),
    ("email", "e-mail", True),
    ("institution", "instytucja", True),
    ("pillar", "filar", True),
    ("role", "funkcja", False),
    ("term_from", "kadencja od", True),
    ("term_to", "kadencja do", False),
    ("resolution_number", "numer uchwały", False),
    ("resolution_date", "data uchwały", False),
    ("county", "powiat", False),
    ("municipality_code", "gmina", False),
)
# Other headings accepted for a column (English, without Polish letters).
HEADING_ALIASES = {
    "imie": "first_name",
    "first name": "first_name",
    "last name": "last_name",
    "email": "email",
    "e-mail": "email",
    "institution": "institution",
    "pillar": "pillar",
    "rola": "role",
    "role": "role",
    "term from": "term_from",
    "term to": "term_to",
    "resolution number": "resolution_number",
    "nr uchwaly": "resolution_number",
    "numer uchwaly": "resolution_number",
    "resolution date": "resolution_date",
    "data uchwaly": "resolution_date",
    "county": "county",
    "gmina": "municipality_code",
    "municipality": "municipality_code",
}
IMPORT_MAX_BYTES = 2 * 1024 * 1024
IMPORT_MAX_ROWS = 1000
IMPORT_SALT = "wzk.roster.import"
IMPORT_MAX_AGE = 3600  # seconds between the preview and the confirmation


def _fold(text):
    """Lower case without Polish diacritics and surplus spaces, for matching headings and names."""
    table = str.maketrans("ąćęłńóśźż", "acelnoszz")
    return " ".join(str(text).strip().lower().translate(table).split())


def _choice_lookup(choices, extra=()):
    """``{folded name: value}`` from the value, the English and the Polish label of each choice."""
    lookup = {}
    for value, label in choices:
        lookup[_fold(value)] = value
        lookup[_fold(value.replace("_", " "))] = value
        with translation.override("en"):
            lookup[_fold(str(label))] = value
        with translation.override("pl"):
            lookup[_fold(str(label))] = value
    for name, value in extra:
        lookup[_fold(name)] = value
    return lookup


PILLAR_SYNONYMS = (
    ("zarzadzanie", Pillar.STRATEGY),
    ("strategia", Pillar.STRATEGY),
    ("fundusze", Pillar.EU_FUNDS),
    ("fundusze ue", Pillar.EU_FUNDS),
    ("dialog", Pillar.SOCIAL_DIALOGUE),
)
ROLE_SYNONYMS = (
    ("przewodnicząca", MemberRole.CHAIR),
    ("wiceprzewodnicząca", MemberRole.VICE_CHAIR),
    ("zastępca przewodniczącego", MemberRole.VICE_CHAIR),
    ("członkini", MemberRole.MEMBER),
    ("sekretarz", MemberRole.SECRETARY),
    ("sekretarka", MemberRole.SECRETARY),
)


def warn_about_resolution_date(*, term_from, resolution_date):
    """A resolution dated after the term began is unusual but possible (a late appointment): a
    warning, never an error. Returns the message or None."""
    if term_from and resolution_date and resolution_date > term_from:
        return gettext("The appointing resolution is dated after the term begins (%(date)s).") % {
            "date": resolution_date.strftime("%d.%m.%Y")
        }
    return None


class MemberAdminForm(WagtailAdminModelForm):
    """The member's edit form in the admin: the term's order is an error, a resolution dated after
    the term's start only a warning (``self.warnings``, shown after saving)."""

    def clean(self):
        cleaned = super().clean()
        term_from, term_to = cleaned.get("term_from"), cleaned.get("term_to")
        if term_from and term_to and term_to < term_from:
            self.add_error("term_to", _("The term cannot end before it begins."))
        email = cleaned.get("email")
        if email:
            cleaned["email"] = email.strip().lower()
        self.warnings = [
            message
            for message in [
                warn_about_resolution_date(
                    term_from=term_from, resolution_date=cleaned.get("resolution_date")
                )
            ]
            if message
        ]
        return cleaned


@dataclass
class ImportRow:
    """One row of an import file: its line number, the values read and what is wrong with it."""

    number: int
    values: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)  # (column heading, message)
    warnings: list = field(default_factory=list)

    @property
    def is_valid(self):
        return not self.errors


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_table(upload):
    """The rows of an uploaded CSV (UTF-8, ``;`` or ``,``) or XLSX file as lists of strings, the
    heading row first. Raises ValidationError with a Polish message for an unreadable file."""
    name = (upload.name or "").lower()
    if upload.size > IMPORT_MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB."))
    data = upload.read()
    if name.endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from error
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        workbook.close()
        return rows
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1250")
            except UnicodeDecodeError as error:
                raise ValidationError(_("The CSV file must be saved in UTF-8.")) from error
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise ValidationError(_("Upload a CSV or XLSX file."))


def _column_keys(heading_row):
    by_heading = {_fold(heading): key for key, heading, _required in IMPORT_COLUMNS}
    by_heading.update({_fold(alias): key for alias, key in HEADING_ALIASES.items()})
    return [by_heading.get(_fold(heading)) for heading in heading_row]


def _parse_date(text):
    text = text.strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


HEADINGS = {key: heading for key, heading, _required in IMPORT_COLUMNS}


def check_rows(table):
    """Check every row of ``table`` (heading first): returns ``(rows, problems)``, where ``rows``
    are ``ImportRow``s (numbered as in the spreadsheet, the heading being row 1) and ``problems``
    messages about the file as a whole (missing columns)."""
    if not table:
        return [], [gettext("The file is empty.")]
    keys = _column_keys(table[0])
    missing = [HEADINGS[key] for key, _heading, required in IMPORT_COLUMNS if required and key not in keys]
    if missing:
        return [], [gettext("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)}]
    body = [(number, row) for number, row in enumerate(table[1:], start=2) if any(cell for cell in row)]
    if len(body) > IMPORT_MAX_ROWS:
        return [], [gettext("The file has more than %(count)d rows.") % {"count": IMPORT_MAX_ROWS}]
    pillars = _choice_lookup(Pillar.choices, PILLAR_SYNONYMS)
    member_roles = _choice_lookup(MemberRole.choices, ROLE_SYNONYMS)
    counties, county_names = _counties()
    seen = {}
    rows = []
    for number, cells in body:
        raw = {key: (cells[index] if index < len(cells) else "") for index, key in enumerate(keys) if key}
        rows.append(_check_row(number, raw, pillars, member_roles, counties, county_names, seen))
    return rows, []


def _counties():
    """The county codes and ``{folded name: code}`` (with and without the word "powiat")."""
    codes, names = set(), {}
    for _voivodeship, group in county_choices():
        for code, label in group if isinstance(group, (list, tuple)) else ():
            codes.add(code)
            name = _fold(label.split(" (")[0])
            names[name] = code
            names[name.removeprefix("powiat ")] = code
    return codes, names


def _check_row(number, raw, pillars, member_roles, counties, county_names, seen):
    row = ImportRow(number=number)

    def error(key, message):
        row.errors.append((HEADINGS[key], str(message)))

    values = {}
    for key in ("first_name", "last_name", "institution"):
        values[key] = raw.get(key, "").strip()
        if not values[key]:
            error(key, _("This column is required."))
    email = raw.get("email", "").strip().lower()
    values["email"] = email
    if not email:
        error("email", _("This column is required."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            error("email", _("“%(value)s” is not a valid e-mail address.") % {"value": email})
    pillar_text = raw.get("pillar", "").strip()
    values["pillar"] = pillars.get(_fold(pillar_text), "")
    if not pillar_text:
        error("pillar", _("This column is required."))
    elif not values["pillar"]:
        error(
            "pillar",
            _("Unknown pillar “%(value)s”: use one of %(choices)s.")
            % {"value": pillar_text, "choices": ", ".join(str(label) for _value, label in Pillar.choices)},
        )
    role_text = raw.get("role", "").strip()
    values["role"] = member_roles.get(_fold(role_text), "") if role_text else MemberRole.MEMBER
    if not values["role"]:
        error(
            "role",
            _("Unknown role “%(value)s”: use one of %(choices)s.")
            % {"value": role_text, "choices": ", ".join(str(label) for _value, label in MemberRole.choices)},
        )
    for key in ("term_from", "term_to", "resolution_date"):
        text = raw.get(key, "").strip()
        values[key] = None
        if not text:
            if key == "term_from":
                error(key, _("This column is required."))
            continue
        day = _parse_date(text)
        if day is None:
            error(key, _("“%(value)s” is not a date (use DD.MM.YYYY or YYYY-MM-DD).") % {"value": text})
        values[key] = day
    if values["term_from"] and values["term_to"] and values["term_to"] < values["term_from"]:
        error("term_to", _("The term cannot end before it begins."))
    values["resolution_number"] = raw.get("resolution_number", "").strip()[:60]
    county_text = raw.get("county", "").strip()
    values["county"] = ""
    if county_text:
        code = county_text if county_text in counties else county_names.get(_fold(county_text), "")
        if not code:
            error(
                "county",
                _("Unknown county “%(value)s”: give its TERYT code or name.") % {"value": county_text},
            )
        values["county"] = code
    gmina = raw.get("municipality_code", "").strip()
    values["municipality_code"] = ""
    if gmina:
        if not re.fullmatch(r"\d{7}", gmina):
            error("municipality_code", _("A gmina is given by its 7-digit TERYT code."))
        values["municipality_code"] = gmina
    if values["email"] and values["term_from"]:
        key = (values["email"], values["term_from"])
        if key in seen:
            error("email", _("The same person and term are already in row %(row)d.") % {"row": seen[key]})
        seen.setdefault(key, number)
    warning = warn_about_resolution_date(
        term_from=values["term_from"], resolution_date=values["resolution_date"]
    )
    if warning:
        row.warnings.append(warning)
    row.values = values
    return row


def sign_rows(rows):
    """The checked rows as a signed string for the confirmation form (nothing is kept server-side)."""
    payload = [
        {
            key: (value.isoformat() if isinstance(value, datetime.date) else value)
            for key, value in asdict(row)["values"].items()
        }
        | {"_row": row.number}
        for row in rows
    ]
    return signing.dumps(payload, salt=IMPORT_SALT, compress=True)


def unsign_rows(token):
    payload = signing.loads(token, salt=IMPORT_SALT, max_age=IMPORT_MAX_AGE)
    rows = []
    for item in payload:
        values = dict(item)
        values.pop("_row", None)
        for key in ("term_from", "term_to", "resolution_date"):
            values[key] = datetime.date.fromisoformat(values[key]) if values[key] else None
        rows.append(values)
    return rows


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"), help_text=_("The first row names the columns, as in the template.")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        table = read_table(upload)
        rows, problems = check_rows(table)
        if problems:
            raise ValidationError(problems)
        if not rows:
            raise ValidationError(_("The file has no rows below the heading."))
        self.rows = rows
        return upload


class RosterImportConfirmForm(forms.Form):
    rows = forms.CharField(widget=forms.HiddenInput)

    def clean_rows(self):
        try:
            return unsign_rows(self.cleaned_data["rows"])
        except signing.SignatureExpired as error:
            raise ValidationError(_("The preview has expired; upload the file again.")) from error
        except signing.BadSignature as error:
            raise ValidationError(_("The preview was changed; upload the file again.")) from error


class MemberPasswordForm(forms.Form):
    """A member sets the password of the account staff invited them to."""

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


# --- meetings and invitations ------------------------------------------------------------------


class AnswerForm(forms.Form):
    """An invitee's answer: yes, no, or a substitute (named; a member's standing substitutes are
    offered)."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (Invitation.Answer.YES, _("I will attend")),
            (Invitation.Answer.NO, _("I will not attend")),
            (Invitation.Answer.SUBSTITUTE, _("I send a substitute")),
        ],
        error_messages={"required": _("Choose your answer.")},
    )
    standing = forms.TypedChoiceField(
        label=_("Your standing substitute"), required=False, coerce=int, empty_value=None
    )
    substitute_name = forms.CharField(label=_("Substitute's name"), max_length=200, required=False)
    substitute_institution = forms.CharField(
        label=_("Substitute's institution"), max_length=255, required=False
    )
    substitute_email = forms.EmailField(label=_("Substitute's e-mail"), required=False)

    def __init__(self, *args, substitutes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.substitutes = {substitute.pk: substitute for substitute in substitutes}
        if self.substitutes:
            self.fields["standing"].choices = [("", _("someone else (fill in below)"))] + [
                (pk, f"{s.name}{f' ({s.institution})' if s.institution else ''}")
                for pk, s in self.substitutes.items()
            ]
        else:
            del self.fields["standing"]

    def clean(self):
        data = super().clean()
        if data.get("answer") != Invitation.Answer.SUBSTITUTE:
            return data
        standing = self.substitutes.get(data.get("standing"))
        if standing is not None:
            data["substitute_name"] = data.get("substitute_name") or standing.name
            data["substitute_institution"] = data.get("substitute_institution") or standing.institution
            data["substitute_email"] = data.get("substitute_email") or standing.email
        messages = {
            "substitute_name": _("Give the substitute's name."),
            "substitute_institution": _("Give the substitute's institution."),
            "substitute_email": _("Give the substitute's e-mail address: the ticket is sent there."),
        }
        for name, message in messages.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data

    def answer_kwargs(self):
        data = self.cleaned_data
        return {
            "answer": data["answer"],
            "substitute_name": data.get("substitute_name", ""),
            "substitute_institution": data.get("substitute_institution", ""),
            "substitute_email": data.get("substitute_email", ""),
        }


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Guest's name"), max_length=200)
    email = forms.EmailField(label=_("Guest's e-mail"))
    institution = forms.CharField(label=_("Guest's institution"), max_length=255, required=False)


# ---------------------------------------------------------------------------------------------
# Attendance and minutes (the minutes helper's block)
# ---------------------------------------------------------------------------------------------


class MinutesBodyForm(forms.ModelForm):
    """The text of the minutes in Wagtail's rich-text editor."""

    class Meta:
        model = Minutes
        fields = ["body"]


class CommentsPeriodForm(forms.Form):
    comments_until = forms.DateTimeField(
        label=_("Comments until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        help_text=_("Members may comment until this moment (Europe/Warsaw)."),
    )

    def clean_comments_until(self):
        value = self.cleaned_data["comments_until"]
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a moment in the future."))
        return value


class PublishForm(forms.Form):
    visibility = forms.ChoiceField(
        label=_("Publish to"), choices=Minutes.Visibility.choices, widget=forms.RadioSelect
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write a comment first."))
        return text


# --- recs: recommendations, study visits, the member's calendar feed --------------------------


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return queries.meeting_label(obj)


class RecommendationAdminForm(WagtailAdminModelForm):
    """Status and dates checked against ``services.recommendation_problems`` (Polish messages on
    the fields); a new recommendation starts with the next free number of the year."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.select_related("event").order_by("-event__starts_at")
        for name in ("adopted_at", "source_meeting"):
            if name in self.fields:
                field = self.fields[name]
                self.fields[name] = MeetingChoiceField(
                    queryset=meetings,
                    required=False,
                    label=field.label,
                    help_text=field.help_text,
                    widget=field.widget,
                )
        if "source_morning" in self.fields:
            self.fields["source_morning"].queryset = self.fields["source_morning"].queryset.select_related(
                "event"
            )
        if "conclusion" in self.fields:
            self.fields["conclusion"].queryset = self.fields["conclusion"].queryset.select_related("morning")
        if not self.instance.pk and not self.initial.get("number"):
            self.initial["number"] = services.suggest_recommendation_number()

    def clean(self):
        data = super().clean()
        problems = services.recommendation_problems(
            status=data.get("status"),
            adopted_at=data.get("adopted_at"),
            sent_on=data.get("sent_on"),
            board_answer=data.get("board_answer", ""),
            answered_on=data.get("answered_on"),
            implemented_on=data.get("implemented_on"),
            is_public=data.get("is_public", False),
            source_morning=data.get("source_morning"),
            source_meeting=data.get("source_meeting"),
            source_visit=data.get("source_visit"),
        )
        for name, message in problems.items():
            self.add_error(name if name in self.fields else None, message)
        return data


class MemberChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        term = (
            f"{obj.term_from:%d.%m.%Y} - {obj.term_to:%d.%m.%Y}"
            if obj.term_to
            else f"{obj.term_from:%d.%m.%Y} -"
        )
        return f"{obj.name}, {obj.institution} ({term})"


class StudyVisitAdminForm(WagtailAdminModelForm):
    """The participants are members whose term covers the whole visit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "participants" in self.fields:
            field = self.fields["participants"]
            self.fields["participants"] = MemberChoices(
                queryset=queries.members_for_visit_choice(),
                required=False,
                label=field.label,
                widget=forms.CheckboxSelectMultiple,
                help_text=gettext_lazy("Members of the WZK whose term covers the dates of the visit."),
            )

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The visit cannot end before it starts."))
            return data
        participants = data.get("participants")
        if starts_on and ends_on and participants:
            outside = queries.members_not_current_during(list(participants), starts_on, ends_on)
            if outside:
                self.add_error(
                    "participants",
                    _("Not members of the WZK on the dates of the visit: %(names)s.")
                    % {"names": ", ".join(member.name for member in outside)},
                )
        return data


class PartnerMorningForm(WagtailAdminModelForm):
    """A partner morning belongs to an event page of the kind partner morning / workshop."""

    def clean_event(self):
        event = self.cleaned_data.get("event")
        if event is not None and event.kind != EventKind.WORKSHOP:
            raise forms.ValidationError(_("Choose an event of the kind “partner morning / workshop”."))
        return event
