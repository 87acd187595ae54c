"""Reads of certificates: who was present, the staff lists, a holder's certificates."""

from allauth.account.models import EmailAddress
from django.db.models import Count, F, Max, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from events.models import EventPage
from events.registration.models import Registration, TicketType

from .models import Certificate, CertificateSettings


def present_registrations(event):
    """The event's confirmed registrations with somebody checked in and no certificate yet, each
    with ``present``: the largest head-count checked in on any of its lists (as the reach figures
    count it: a class that came on two days, or through two doors, is counted once). A fair's stand
    staff (passes of the "exhibitor" ticket type) work there and get none."""
    return (
        Registration.objects.filter(
            event=event, status=Registration.Status.CONFIRMED, certificate__isnull=True
        )
        .exclude(ticket_type__kind=TicketType.Kind.EXHIBITOR)
        .select_related("ticket_type", "teacher")
        .annotate(present=Coalesce(Max("ticket__checkins__people"), 0))
        .filter(present__gt=0)
        .order_by("pk")
    )


def settings_of(event):
    return CertificateSettings.objects.filter(event=event).select_related("logo").first()


def due_settings(now=None):
    """Settings switched on of events that have ended and whose certificates were not issued since."""
    now = now or timezone.now()
    return (
        CertificateSettings.objects.filter(enabled=True, event__ends_at__lte=now)
        .filter(Q(issued_at__isnull=True) | Q(issued_at__lt=F("event__ends_at")))
        .select_related("event")
        .order_by("pk")
    )


def certificate(pk):
    return (
        Certificate.objects.select_related("event", "document", "registration", "teacher")
        .filter(pk=pk)
        .first()
    )


def event_certificates(event):
    """Staff list of an event's certificates (one query)."""
    return Certificate.objects.filter(event=event).select_related("document", "document__revoked_by")


def events_with_settings():
    """Staff list: each event with certificate settings, how many certificates and revoked ones."""
    return (
        EventPage.objects.filter(certificate_settings__isnull=False)
        .select_related("certificate_settings")
        .annotate(
            issued=Count("certificates"),
            revoked=Count("certificates", filter=Q(certificates__document__revoked_at__isnull=False)),
        )
        .order_by("-starts_at")
    )


def verified_emails(user):
    return list(EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True))


def holder_filter(user, emails):
    """Certificates whose holder is ``user``: a class's teacher, or an individual registered with
    one of the account's verified addresses."""
    match = Q(teacher=user)
    for email in emails:
        match |= Q(is_class=False, email__iexact=email)
    return match


def certificates_of_holder(user, *, classes):
    """The user's own certificates (``classes``: those of their classes, else their own as a
    visitor), newest event first, with event and verification record (one query)."""
    if classes:
        queryset = Certificate.objects.filter(teacher=user, is_class=True)
    else:
        emails = verified_emails(user)
        if not emails:
            return Certificate.objects.none()
        match = Q()
        for email in emails:
            match |= Q(email__iexact=email)
        queryset = Certificate.objects.filter(match, is_class=False)
    return queryset.select_related("event", "document").order_by("-event__starts_at", "pk")


def holder_certificate(user, pk):
    """The certificate ``pk`` if ``user`` holds it and it is not revoked, else ``None``."""
    return (
        Certificate.objects.filter(
            holder_filter(user, verified_emails(user)), pk=pk, document__revoked_at=None
        )
        .select_related("event", "document")
        .first()
    )
