"""Forms of the privacy app, and the notice fields the domain apps add to their own forms."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from . import queries
from .models import DataSubjectRequest, NoticeVersion


def add_notice_fields(form, purpose):
    """Give ``form`` the notice shown with it (``form.shown_notice``), a hidden field that posts
    its version back, and, when the notice asks for one, an unticked optional-consent checkbox."""
    if form.is_bound:
        notice = queries.notice_for_form(purpose, form.data.get(form.add_prefix("privacy_notice")))
    else:
        notice = queries.current_notice(purpose)
    form.shown_notice = notice
    form.fields["privacy_notice"] = forms.IntegerField(
        widget=forms.HiddenInput, required=False, initial=notice.pk if notice else None
    )
    label = notice.text("consent_label", translation.get_language()) if notice else ""
    if label:
        form.fields["privacy_optional_consent"] = forms.BooleanField(
            label=label, required=False, initial=False
        )
    return notice


def optional_consent_given(form):
    return bool(form.cleaned_data.get("privacy_optional_consent"))


class DataRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("The address you used with us: we send the confirmation link to it."),
    )
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=DataSubjectRequest.Kind.choices,
        widget=forms.RadioSelect,
    )


class NoticeVersionForm(forms.ModelForm):
    """Staff write the next version; the form starts from the current one."""

    class Meta:
        model = NoticeVersion
        fields = [
            "title_pl",
            "summary_pl",
            "body_pl",
            "consent_label_pl",
            "title_en",
            "summary_en",
            "body_en",
            "consent_label_en",
            "change_note",
        ]
        widgets = {
            "summary_pl": forms.Textarea(attrs={"rows": 4}),
            "summary_en": forms.Textarea(attrs={"rows": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("consent_label_en") and not cleaned.get("consent_label_pl"):
            self.add_error("consent_label_pl", _("Give the optional consent in Polish as well."))
        return cleaned


class ConsentSearchForm(forms.Form):
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
