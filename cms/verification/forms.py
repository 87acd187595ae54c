from django import forms
from django.utils.translation import gettext_lazy as _

from .models import normalise_code


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Document code"),
        max_length=60,
        help_text=_("The code printed next to the QR code, for example K7QM-2XHD-9P."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not normalise_code(code):
            raise forms.ValidationError(_("Enter the code printed on the document."))
        return code
