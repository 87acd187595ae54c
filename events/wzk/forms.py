"""Forms of the WZK."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Invitation

# --- meetings and invitations ------------------------------------------------------------------


class AnswerForm(forms.Form):
    """An invitee's answer: yes, no, or a substitute (named; a member's standing substitutes are
    offered)."""

    answer = forms.ChoiceField(
        label=_("Your answer"),
        widget=forms.RadioSelect,
        choices=[
            (Invitation.Answer.YES, _("I will attend")),
            (Invitation.Answer.NO, _("I will not attend")),
            (Invitation.Answer.SUBSTITUTE, _("I send a substitute")),
        ],
        error_messages={"required": _("Choose your answer.")},
    )
    standing = forms.TypedChoiceField(
        label=_("Your standing substitute"), required=False, coerce=int, empty_value=None
    )
    substitute_name = forms.CharField(label=_("Substitute's name"), max_length=200, required=False)
    substitute_institution = forms.CharField(
        label=_("Substitute's institution"), max_length=255, required=False
    )
    substitute_email = forms.EmailField(label=_("Substitute's e-mail"), required=False)

    def __init__(self, *args, substitutes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.substitutes = {substitute.pk: substitute for substitute in substitutes}
        if self.substitutes:
            self.fields["standing"].choices = [("", _("someone else (fill in below)"))] + [
                (pk, f"{s.name}{f' ({s.institution})' if s.institution else ''}")
                for pk, s in self.substitutes.items()
            ]
        else:
            del self.fields["standing"]

    def clean(self):
        data = super().clean()
        if data.get("answer") != Invitation.Answer.SUBSTITUTE:
            return data
        standing = self.substitutes.get(data.get("standing"))
        if standing is not None:
            data["substitute_name"] = data.get("substitute_name") or standing.name
            data["substitute_institution"] = data.get("substitute_institution") or standing.institution
            data["substitute_email"] = data.get("substitute_email") or standing.email
        messages = {
            "substitute_name": _("Give the substitute's name."),
            "substitute_institution": _("Give the substitute's institution."),
            "substitute_email": _("Give the substitute's e-mail address: the ticket is sent there."),
        }
        for name, message in messages.items():
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data

    def answer_kwargs(self):
        data = self.cleaned_data
        return {
            "answer": data["answer"],
            "substitute_name": data.get("substitute_name", ""),
            "substitute_institution": data.get("substitute_institution", ""),
            "substitute_email": data.get("substitute_email", ""),
        }


class GuestForm(forms.Form):
    name = forms.CharField(label=_("Guest's name"), max_length=200)
    email = forms.EmailField(label=_("Guest's e-mail"))
    institution = forms.CharField(label=_("Guest's institution"), max_length=255, required=False)
