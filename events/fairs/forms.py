"""Forms of the fairs: they validate input and hand the services plain data. Each part of the app
keeps its forms in its own block."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from .services import StandPageData, WorkshopData

# ---- Stands ----

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
