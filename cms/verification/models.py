"""A verifiable document: its short code and the texts the verification page shows."""

import re
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: what is read off paper cannot be misread.
ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
CODE_LENGTH = 10  # 25**10, about 2**46 codes; the page is rate-limited
GROUPS = (4, 4, 2)  # K7QM-2XHD-9P


def new_code():
    """A random code from the OS CSPRNG, stored without separators."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text):
    """What a person typed, as stored: no spaces or dashes, upper case."""
    return re.sub(r"[\s\-\u2013\u2014]+", "", text or "").upper()


def format_code(code):
    """``K7QM2XHD9P`` → ``K7QM-2XHD-9P``; a code of another shape (an older diploma's) as it is."""
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return code
    parts, start = [], 0
    for size in GROUPS:
        parts.append(code[start : start + size])
        start += size
    return "-".join(parts)


class Document(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True, default=new_code, editable=False)
    kind_label = models.CharField(_("kind of document"), max_length=120)
    title = models.CharField(_("title"), max_length=500)
    holder_name = models.CharField(_("holder"), max_length=300)
    issuer = models.CharField(_("issued by"), max_length=300)
    issued_at = models.DateTimeField(_("issued"))
    language = models.CharField(_("language"), max_length=8, default="pl")
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revoking"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verifiable document")
        verbose_name_plural = _("verifiable documents")
        ordering = ["-issued_at", "pk"]

    def __str__(self):
        return f"{self.kind_label}: {self.holder_name} ({self.display_code})"

    @property
    def display_code(self):
        return format_code(self.code)

    @property
    def is_revoked(self):
        return self.revoked_at is not None
