import io

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from cms.place_forms import setup_place_fields
from cms.privacy.forms import add_notice_fields
from cms.privacy.models import Purpose

from .models import Entry, School, TeamMember

SCAN_MAX_BYTES = 10 * 1024 * 1024
SCAN_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


class SchoolForm(forms.ModelForm):
    class Meta:
        model = School
        fields = [
            "name",
            "rspo",
            "street",
            "postal_code",
            "municipality",
            "voivodeship",
            "county",
            "municipality_code",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setup_place_fields(self, voivodeship="voivodeship", county="county", municipality="municipality_code")

    def clean_rspo(self):
        rspo = self.cleaned_data["rspo"].strip()
        if rspo and not rspo.isdigit():
            raise forms.ValidationError(_("The RSPO number has digits only."))
        return rspo


class AddTeacherForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of another teacher's account"))


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["category", "title", "profession", "description", "rules_accepted", "rights_declared"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, contest, schools=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = contest.categories.all()
        self.fields["category"].empty_label = None
        if schools is not None and len(schools) > 1 and self.instance.pk is None:
            self.fields["school"] = forms.ModelChoiceField(
                queryset=School.objects.filter(pk__in=[school.pk for school in schools]),
                label=_("school"),
                empty_label=None,
            )
            self.order_fields(["school"])
        add_notice_fields(self, Purpose.CONTEST_ENTRY)


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["first_name", "last_name", "class_name", "is_13_or_older"]


def team_formset_class(extra):
    return inlineformset_factory(
        Entry, TeamMember, form=TeamMemberForm, extra=extra, can_delete=True, max_num=20, validate_max=True
    )


class ExtensionCodeForm(forms.Form):
    code = forms.CharField(label=_("Extension code"), max_length=40)


class ConsentScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Signed consent form (PDF, JPG or PNG, up to 10 MB)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"}
        ),
    )

    def clean_scan(self):
        upload = self.cleaned_data["scan"]
        if upload.size > SCAN_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        content = upload.read()
        kind = detect_scan_type(content)
        if kind is None:
            raise forms.ValidationError(_("This is not a PDF, JPG or PNG file."))
        self.cleaned_data["content"] = content
        self.cleaned_data["extension"] = kind
        self.cleaned_data["content_type"] = SCAN_TYPES[kind]
        return upload


def detect_scan_type(content):
    """The type by content, never by name: PDF by its header and end marker, images by Pillow."""
    if content.startswith(b"%PDF-") and b"%%EOF" in content[-2048:]:
        return "pdf"
    if content.startswith(b"\xff\xd8\xff") or content.startswith(b"\x89PNG\r\n\x1a\n"):
        try:
            with Image.open(io.BytesIO(content)) as image:
                image.verify()
                kind = {"JPEG": "jpg", "PNG": "png"}.get(image.format)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return None
        return kind
    return None
