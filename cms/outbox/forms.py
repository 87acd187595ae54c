from django import forms
from django.utils.translation import gettext_lazy

from .models import OutgoingEmail


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), *OutgoingEmail.Status.choices],
    )
