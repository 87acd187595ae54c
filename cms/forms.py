from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from . import roles


class SignupForm(forms.Form):
    """Extra fields of the teacher's sign-up; allauth adds e-mail and password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        group, _created = Group.objects.get_or_create(name=roles.SCHOOL_COORDINATOR)
        user.groups.add(group)
