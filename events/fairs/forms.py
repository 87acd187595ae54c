"""Forms of the fairs: validate input and hand plain data to a service. Each part of the app keeps
its forms in its own block."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from . import queries
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
