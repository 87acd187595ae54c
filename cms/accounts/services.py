"""Account services: the one-time links that let an account with a staff-like role enrol its
first authenticator."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from cms.links import absolute_url
from cms.outbox import services as mail

from .models import MFAEnrolmentLink

MFA_ENROLMENT_LINK_LIFETIME = datetime.timedelta(hours=72)


def _token_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_mfa_enrolment_link(*, user, issued_by=None, now=None):
    """Mail ``user`` a one-time link to add their first authenticator; any earlier unused link of
    theirs stops working. Returns the link (for ``manage.py mfa_enrolment_link`` on a new server)."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        MFAEnrolmentLink.objects.filter(user=user, used_at=None, expires_at__gt=now).update(expires_at=now)
        link = MFAEnrolmentLink.objects.create(
            user=user,
            token_hash=_token_hash(token),
            issued_by=issued_by,
            expires_at=now + MFA_ENROLMENT_LINK_LIFETIME,
        )
        url = absolute_url(reverse("cms:mfa_enrolment", kwargs={"token": token}))
        mail.queue_templated_email(
            to=[user.email],
            template="cms/email/mfa_enrolment",
            context={"user": user, "url": url, "expires_at": link.expires_at},
        )
    return url


def redeem_mfa_enrolment_link(*, token, user, now=None):
    """Use up the link for ``user``; True when it was theirs, unused and not expired."""
    now = now or timezone.now()
    with transaction.atomic():
        link = (
            MFAEnrolmentLink.objects.select_for_update()
            .filter(token_hash=_token_hash(token), user=user, used_at=None, expires_at__gt=now)
            .first()
        )
        if link is None:
            return False
        link.used_at = now
        link.save(update_fields=["used_at"])
    return True
