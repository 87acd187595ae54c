"""Input validation of the fairs; forms hand their services plain data. One block per area."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import queries

# ---- Visitor's plan ----


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
