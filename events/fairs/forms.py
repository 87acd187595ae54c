"""Forms of the fairs: validate input and hand plain data to a service. Each part of the app keeps
its forms in its own block."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import queries


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
