from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MFAEnrolmentLink(models.Model):
    """A one-time link that lets an account with a staff-like role add its first authenticator.

    A password alone must not be enough to enrol: whoever knows a staff member's password could
    otherwise add their own authenticator before the owner does. The link goes to the account's
    own mailbox, so enrolling needs the password and the mailbox. Only a hash of the token is
    stored; the link works once, for its user, until ``expires_at``; issuing a new one ends the old.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mfa_enrolment_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        app_label = "cms"
        verbose_name = _("authenticator enrolment link")
        verbose_name_plural = _("authenticator enrolment links")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"
