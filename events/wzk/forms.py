"""Forms of the WZK: they validate input and hand the services plain data."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Minutes

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
