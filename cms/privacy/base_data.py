"""Personal data of the base layer: the user account (allauth, MFA), the outbox, and this app's own
consent records and requests. Registered under ``PERSONAL_DATA`` by ``wagtail_hooks``."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cms.outbox.models import OutgoingEmail

from .models import ConsentRecord, DataSubjectRequest
from .sources import DataSource, Erasure


def _users(email):
    return get_user_model().objects.filter(email__iexact=email)


def export_account(email):
    users = list(_users(email).prefetch_related("groups"))
    return {
        "accounts": [
            {
                "username": user.get_username(),
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "active": user.is_active,
                "joined": user.date_joined,
                "last_login": user.last_login,
                "roles": sorted(group.name for group in user.groups.all()),
            }
            for user in users
        ],
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user__in=users).order_by("pk")
        ],
        "two_factor_methods": [
            {"type": method.type, "created_at": method.created_at, "last_used_at": method.last_used_at}
            for method in Authenticator.objects.filter(user__in=users).order_by("pk")
        ],
    }


def erase_account(email):
    """Accounts are anonymised, not deleted: jury scores and staff actions keep pointing at a row."""
    users = list(_users(email))
    addresses, _detail = EmailAddress.objects.filter(user__in=users).delete()
    methods, _detail = Authenticator.objects.filter(user__in=users).delete()
    for user in users:
        user.username = f"erased-{user.pk}"
        user.email = ""
        user.first_name = ""
        user.last_name = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        user.groups.clear()
    return Erasure(
        done={
            _("accounts anonymised and closed"): len(users),
            _("e-mail addresses deleted"): addresses,
            _("two-factor methods deleted"): methods,
        },
    )


def _outbox(email):
    candidates = OutgoingEmail.objects.filter(to__icontains=email).order_by("created_at", "pk")
    return [mail for mail in candidates if any(str(to).strip().lower() == email for to in mail.to)]


def export_outbox(email):
    return {
        "emails": [
            {
                "created_at": mail.created_at,
                "to": mail.to,
                "subject": mail.subject,
                "status": mail.status,
                "sent_at": mail.sent_at,
                "text": mail.body_text,
                "attachments": [attachment["filename"] for attachment in mail.attachments],
            }
            for mail in _outbox(email)
        ]
    }


def erase_outbox(email):
    mails = _outbox(email)
    deleted, _detail = OutgoingEmail.objects.filter(pk__in=[mail.pk for mail in mails]).delete()
    return Erasure(done={_("e-mails sent to the address deleted"): deleted})


def export_records(email):
    return {
        "consent_records": [
            {
                "purpose": record.purpose,
                "kind": record.kind,
                "consent": record.consent_key,
                "notice_version": record.notice.label if record.notice else "",
                "record": record.subject,
                "channel": record.channel,
                "language": record.language,
                "given_at": record.given_at,
                "withdrawn_at": record.withdrawn_at,
            }
            for record in ConsentRecord.objects.filter(email__iexact=email)
            .select_related("notice")
            .order_by("given_at", "pk")
        ],
        "requests": [
            {
                "kind": request.kind,
                "status": request.status,
                "requested_at": request.created_at,
                "verified_at": request.verified_at,
                "completed_at": request.completed_at,
            }
            for request in DataSubjectRequest.objects.filter(email__iexact=email).order_by("created_at", "pk")
        ],
    }


def erase_records(email):
    """Consent records and requests are kept; earlier exports are deleted at once."""
    purged = (
        DataSubjectRequest.objects.filter(email__iexact=email).exclude(export_json="").update(export_json="")
    )
    return Erasure(done={_("earlier exports deleted"): purged})


def account_source():
    return DataSource(
        key="account",
        label=_("User account"),
        export=export_account,
        erase=erase_account,
        retention_note=_(
            "The closed account's row stays without name or e-mail, so that jury scores and staff "
            "actions recorded under it keep their author."
        ),
    )


def outbox_source():
    return DataSource(key="outbox", label=_("E-mails sent to you"), export=export_outbox, erase=erase_outbox)


def records_source():
    return DataSource(
        key="privacy",
        label=_("Privacy notices, consents and requests"),
        export=export_records,
        erase=erase_records,
        retention_note=_(
            "Records of the privacy notices shown, of consents and their withdrawal, and of data-subject "
            "requests are kept as proof required by law (art. 5(2) and 7(1) GDPR) for 5 years."
        ),
    )
