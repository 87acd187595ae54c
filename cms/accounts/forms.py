from django import forms
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cms.privacy import services as privacy
from cms.privacy.forms import add_notice_fields
from cms.privacy.models import ConsentRecord, Purpose

from . import roles


class SignupForm(forms.Form):
    """Extra fields of the teacher's sign-up; allauth adds e-mail and password."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_notice_fields(self, Purpose.ACCOUNT_SIGNUP)

    def signup(self, request, user):
        with transaction.atomic():
            user.first_name = self.cleaned_data["first_name"]
            user.last_name = self.cleaned_data["last_name"]
            user.save(update_fields=["first_name", "last_name"])
            group, _created = Group.objects.get_or_create(name=roles.SCHOOL_COORDINATOR)
            user.groups.add(group)
            record = {"purpose": Purpose.ACCOUNT_SIGNUP, "user": user, "notice": self.shown_notice}
            privacy.record_consent(**record)
            if self.cleaned_data.get("privacy_optional_consent"):
                privacy.record_consent(**record, kind=ConsentRecord.Kind.CONSENT, consent_key="account")
