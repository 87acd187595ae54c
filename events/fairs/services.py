"""State changes of the fairs: verb-first, keyword-only, one transaction each, side effects (mail)
queued with the change. Each part of the app keeps its services in its own block."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from cms.outbox.services import queue_composed_email
from events.registration import services as registration_services

from . import queries
from .models import Application, ExhibitorCall, ExhibitorPass

# ---- Passes ----

PASS_MAIL = "fairs.exhibitor_pass"

PASS_MESSAGES = {
    "not_accepted": _("Passes are only for an accepted application."),
    "allowance": _("You have named as many stand staff as the call allows (%(allowance)d)."),
    "name_required": _("Give the name of the person who will staff the stand."),
    "removed": _("This pass has been removed."),
}


class PassError(Exception):
    """A refused change of a pass; ``code`` is stable (tests), ``message`` is for people."""

    def __init__(self, code, message=None, *, field=None):
        self.code = code
        self.message = message or PASS_MESSAGES[code]
        self.field = field
        super().__init__(f"{code}: {self.message}")


def _locked_application(application):
    """Lock the call's row, then the application's: every change of a fair's passes waits here, so
    two people of one exhibitor naming staff at once cannot go over the allowance, and two
    exhibitors naming the fair's first passes at once make one exhibitor ticket type."""
    ExhibitorCall.objects.select_for_update().filter(pk=application.call_id).values_list("pk").first()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__event", "exhibitor")
        .get(pk=application.pk)
    )
    if application.status != Application.Status.ACCEPTED:
        raise PassError("not_accepted")
    return application


def _queue_pass_mail(exhibitor_pass):
    """The pass (its PDF) to the person named on it, if an e-mail was given; rendered when sent."""
    if not exhibitor_pass.email:
        return None
    return queue_composed_email(
        to=[exhibitor_pass.email],
        composer=PASS_MAIL,
        args={
            "exhibitor_pass": exhibitor_pass.pk,
            "email": exhibitor_pass.email,
            "secret": exhibitor_pass.registration.ticket.secret,
        },
    )


def name_pass(*, application, name, email="", language="pl", by=None, now=None):
    """Name one of an accepted exhibitor's stand staff: a confirmed registration with a QR ticket of
    the fair's "exhibitor" ticket type, within the call's ``staff_allowance``; mailed to ``email``."""
    name, email = (name or "").strip(), (email or "").strip()
    if not name:
        raise PassError("name_required", field="name")
    with transaction.atomic():
        application = _locked_application(application)
        allowance = application.call.staff_allowance
        if len(queries.active_passes(application)) >= allowance:
            raise PassError("allowance", PASS_MESSAGES["allowance"] % {"allowance": allowance}, field="name")
        registration = registration_services.hold_exhibitor_place(
            event=application.call.event,
            name=name,
            email=email,
            institution=application.exhibitor.name,
            language=language,
            now=now,
        )
        exhibitor_pass = ExhibitorPass.objects.create(
            application=application,
            registration=registration,
            name=name,
            email=email,
            created_by=by if by is not None and by.is_authenticated else None,
        )
        _queue_pass_mail(exhibitor_pass)
    return exhibitor_pass


def change_pass(*, exhibitor_pass, name, email="", new_person=False, language="pl", by=None, now=None):
    """Correct or hand over a pass. ``new_person``: another person takes it, so its QR code is
    regenerated and the old one stops admitting at once; otherwise (a spelling corrected) the QR
    code stays. A pass with an e-mail is mailed again after any change."""
    name, email = (name or "").strip(), (email or "").strip()
    if not name:
        raise PassError("name_required", field="name")
    with transaction.atomic():
        application = _locked_application(exhibitor_pass.application)
        exhibitor_pass = (
            ExhibitorPass.objects.select_for_update(of=("self",))
            .select_related("registration")
            .get(pk=exhibitor_pass.pk, application=application)
        )
        if exhibitor_pass.registration.status == "cancelled":
            raise PassError("removed")
        if (exhibitor_pass.name, exhibitor_pass.email) == (name, email) and not new_person:
            return exhibitor_pass
        exhibitor_pass.registration = registration_services.hold_exhibitor_place(
            event=application.call.event,
            name=name,
            email=email,
            institution=application.exhibitor.name,
            language=language,
            registration=exhibitor_pass.registration,
            new_holder=new_person,
            now=now,
        )
        exhibitor_pass.name, exhibitor_pass.email = name, email
        exhibitor_pass.save(update_fields=["name", "email"])
        _queue_pass_mail(exhibitor_pass)
    return exhibitor_pass


def remove_pass(*, exhibitor_pass, by=None, now=None):
    """Remove a pass: its registration is cancelled (the QR code stops admitting) and its place in
    the allowance is free again. Removing twice is harmless."""
    with transaction.atomic():
        application = _locked_application(exhibitor_pass.application)
        exhibitor_pass = ExhibitorPass.objects.select_related("registration").get(
            pk=exhibitor_pass.pk, application=application
        )
        registration_services.release_exhibitor_place(
            registration=exhibitor_pass.registration, by=by, now=now
        )
    return exhibitor_pass
