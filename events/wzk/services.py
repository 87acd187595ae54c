"""State changes of the WZK roster: the import, inviting members to sign in, their password."""

import datetime
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from cms.links import absolute_url
from cms.outbox import services as mail

from . import queries
from .models import Member

IMPORTED_FIELDS = (
    "first_name",
    "last_name",
    "institution",
    "pillar",
    "role",
    "term_to",
    "resolution_number",
    "resolution_date",
    "county",
    "municipality_code",
)


@dataclass
class ImportSummary:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # unchanged rows


def import_members(*, rows):
    """Add or update the roster from checked import rows (``forms.check_rows``): a row with the
    e-mail and term start of an existing appointment updates it, so importing a file twice changes
    nothing the second time. All rows or none."""
    summary = ImportSummary()
    with transaction.atomic():
        for values in rows:
            email = values["email"].strip().lower()
            member = (
                Member.objects.select_for_update()
                .filter(email__iexact=email, term_from=values["term_from"])
                .first()
            )
            if member is None:
                member = Member.objects.create(
                    email=email,
                    term_from=values["term_from"],
                    **{key: values[key] or _empty(key) for key in IMPORTED_FIELDS},
                )
                summary.added.append(member)
                continue
            changed = [key for key in IMPORTED_FIELDS if (values[key] or _empty(key)) != getattr(member, key)]
            if not changed:
                summary.skipped.append(member)
                continue
            for key in changed:
                setattr(member, key, values[key] or _empty(key))
            member.save(update_fields=[*changed, "updated_at"])
            summary.updated.append(member)
    return summary


def _empty(key):
    return None if key in ("term_to", "resolution_date") else ""


def _account_for(member):
    """The account of ``member``'s address (linked, found by a verified or primary address, or new
    with an unusable password), its address verified: the invitation went to that mailbox."""
    User = get_user_model()
    user = member.user
    if user is None:
        address = EmailAddress.objects.filter(email__iexact=member.email).select_related("user").first()
        user = address.user if address else User.objects.filter(email__iexact=member.email).first()
    if user is None:
        username = member.email[:150]
        suffix = 1
        while User.objects.filter(username=username).exists():
            suffix += 1
            username = f"{member.email[:140]}-{suffix}"
        user = User(
            username=username, email=member.email, first_name=member.first_name, last_name=member.last_name
        )
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=member.email, defaults={"email": member.email, "verified": True}
    )
    if not EmailAddress.objects.filter(user=user, primary=True).exists():
        EmailAddress.objects.filter(user=user, email__iexact=member.email).update(primary=True)
    return user


def set_password_url(user):
    """The absolute one-time link where ``user`` sets a password (allauth's password-reset key,
    which stops working once the password has changed or after ``PASSWORD_RESET_TIMEOUT``)."""
    path = reverse(
        "wzk:set_password",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return absolute_url(path)


def invite_member(*, member, now=None):
    """Create or link the member's account and mail them the link to set its password."""
    now = now or timezone.now()
    with transaction.atomic():
        user = _account_for(member)
        Member.objects.filter(email__iexact=member.email, user__isnull=True).update(user=user)
        member.user = user
        member.invited_at = now
        member.save(update_fields=["user", "invited_at", "updated_at"])
        with translation.override(settings.LANGUAGE_CODE):
            url = set_password_url(user)
        mail.queue_templated_email(
            to=[member.email],
            template="wzk/roster/email/sign_in_invitation",
            context={
                "member": member,
                "url": url,
                "has_password": user.has_usable_password(),
                "valid_until": now + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
            },
            language=settings.LANGUAGE_CODE,
        )
    return user


def invite_members_without_account(*, now=None):
    """Invite every current member who has no account yet; returns how many were invited."""
    now = now or timezone.now()
    invited = 0
    with transaction.atomic():
        for member in queries.members_without_account().select_for_update():
            member.refresh_from_db(fields=["user"])  # linked meanwhile with another term of theirs
            if member.user_id is None:
                invite_member(member=member, now=now)
                invited += 1
    return invited


def set_member_password(*, user, password):
    """The member's own password, set from the invitation link; their address is theirs."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    return user
