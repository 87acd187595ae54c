"""Forms of the fairs (each part of the app in its own block). They validate and hand plain data
to the services; they never save."""

from django import forms
from django.utils.translation import gettext_lazy as _

# ---- Visits ----------------------------------------------------------------------------------


class VisitMaterialForm(forms.Form):
    material = forms.CharField(
        label=_("Text for visitors who scan the stand's code"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("E.g. what you offer, how to apply, where to find you after the fair."),
    )
    material_url = forms.URLField(
        label=_("Link to your material"),
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text=_("A leaflet, a presentation or your recruitment page (https://…)."),
    )
