"""Per-event certificate settings and the certificates issued to checked-in registrations."""

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

PLACEHOLDERS = ("name", "event", "date", "place", "school", "pupils")

DEFAULT_TEXT_PL = "wziął(-ęła) udział w wydarzeniu „{event}”, które odbyło się {date} ({place})."
DEFAULT_TEXT_EN = "took part in the event “{event}”, held on {date} ({place})."


def unknown_placeholders(text):
    """The ``{names}`` in ``text`` that are not in ``PLACEHOLDERS`` (or ``["{"]`` for a stray brace)."""
    try:
        fields = [
            name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None
        ]
    except ValueError:
        return ["{"]
    return sorted({name for name in fields if name not in PLACEHOLDERS})


def fill(text, values):
    """``text`` with its placeholders replaced (validated on save, so every name is known)."""
    return text.format_map({name: values.get(name, "") for name in PLACEHOLDERS})


class CertificateSettings(models.Model):
    event = models.OneToOneField(
        "events.EventPage",
        on_delete=models.CASCADE,
        related_name="certificate_settings",
        verbose_name=_("event"),
    )
    enabled = models.BooleanField(
        _("issue certificates"),
        default=False,
        help_text=_("After the event ends, every checked-in registration gets a certificate by e-mail."),
    )
    text_pl = models.TextField(
        _("text in Polish"),
        default=DEFAULT_TEXT_PL,
        help_text=_(
            "Printed below the holder's name. Placeholders: {name}, {event}, {date}, {place}, {school}, {pupils}."
        ),
    )
    text_en = models.TextField(
        _("text in English"),
        default=DEFAULT_TEXT_EN,
        blank=True,
        help_text=_("For registrations made in English; empty: they get the Polish text."),
    )
    issuer = models.CharField(
        _("issuing body"),
        max_length=200,
        blank=True,
        help_text=_("Shown on the certificate and its verification page; empty: the event's organiser."),
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_function = models.CharField(_("signatory's function"), max_length=200, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    issued_at = models.DateTimeField(_("last issued"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate settings")
        verbose_name_plural = _("certificate settings")
        ordering = ["-event__starts_at"]

    def __str__(self):
        return str(self.event)

    def clean(self):
        errors = {}
        for field in ("text_pl", "text_en"):
            unknown = unknown_placeholders(getattr(self, field))
            if unknown:
                errors[field] = _("Unknown placeholders: %(names)s. Use only %(known)s.") % {
                    "names": ", ".join(unknown),
                    "known": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
                }
        if errors:
            raise ValidationError(errors)

    def text(self, language):
        return self.text_en if language == "en" and self.text_en.strip() else self.text_pl


class Certificate(models.Model):
    """One checked-in registration's certificate. A class's names its teacher (the registration's
    name) and the head-count checked in; the holder's name and address are kept here, because the
    registration is anonymised long before the certificate is."""

    registration = models.OneToOneField(
        "registration.Registration",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificate",
        verbose_name=_("registration"),
    )
    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="certificates", verbose_name=_("event")
    )
    document = models.OneToOneField(
        "verification.Document",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("verification record"),
    )
    holder_name = models.CharField(_("holder"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("teacher"),
    )
    is_class = models.BooleanField(_("class"), default=False)
    school_name = models.CharField(_("school"), max_length=255, blank=True)
    people = models.PositiveIntegerField(_("people present"), default=1)
    language = models.CharField(_("language"), max_length=8, default="pl")
    issued_at = models.DateTimeField(_("issued"))
    mailed_at = models.DateTimeField(_("last mailed"), null=True, blank=True)

    class Meta:
        verbose_name = _("certificate of attendance")
        verbose_name_plural = _("certificates of attendance")
        ordering = ["holder_name", "pk"]

    def __str__(self):
        return f"{self.holder_name} ({self.document.display_code})"

    @property
    def is_revoked(self):
        return self.document.revoked_at is not None
