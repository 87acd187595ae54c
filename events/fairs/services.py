"""State changes of the fairs: verb-first, keyword-only, one transaction each, side effects (mail)
queued with the change. Each part of the app keeps its services in its own block."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from cms.accounts.roles import STAFF
from cms.outbox.services import queue_composed_email
from events.registration import services as registration_services
from events.registration.models import Registration

from . import queries
from .models import Application, ExhibitorCall, ExhibitorPass, StandPage, StandWorkshop, VisitorPlan

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


"""Every state change of the fairs: verb-first, keyword-only functions, one transaction each.

Each area of the fairs keeps its functions in its own block (``# ---- <Area> ----``)."""


class PlanError(Exception):
    """A change the visitor's plan refuses; ``str()`` is the message for the visitor."""


def add_to_plan(*, token, event, stand=None, workshop=None):
    """Add a stand or a stand workshop of ``event`` (a published fair) to the visitor's plan of
    that fair: the plan with ``token`` when it is one of this fair, else a new anonymous plan.
    Returns the plan (its token goes into the visitor's session). Adding twice changes nothing."""
    if (stand is None) == (workshop is None):
        raise ValueError("add_to_plan takes a stand or a workshop")
    if stand is not None and stand.event_id != event.pk:
        raise ValueError("the stand is not one of this fair's")
    with transaction.atomic():
        plan = None
        if token:
            plan = VisitorPlan.objects.select_for_update().filter(token=token, event=event).first()
        if plan is None:
            plan = VisitorPlan.objects.create(event=event)
        if stand is not None:
            plan.stands.add(stand)
        else:
            plan.workshops.add(workshop)
        plan.save(update_fields=["updated_at"])
    return plan


def remove_from_plan(*, plan, stand=None, workshop=None):
    """Take a stand or a workshop off the plan (nothing happens when it is not on it)."""
    with transaction.atomic():
        if stand is not None:
            plan.stands.remove(stand)
        if workshop is not None:
            plan.workshops.remove(workshop)
        plan.save(update_fields=["updated_at"])
    return plan


def plan_for_registration(*, registration, token=None):
    """The plan kept on a fair's registration: the one it has; else the visitor's anonymous plan
    of the same fair (``token``, not yet on another registration), which the registration takes
    over; else a new empty one. A cancelled registration gets none (``PlanError``)."""
    with transaction.atomic():
        # The registration row is the lock: two clicks at once make one plan, not two.
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            raise PlanError(_("This registration has been cancelled: it has no visit plan."))
        plan = VisitorPlan.objects.filter(registration=registration).first()
        if plan is not None:
            return plan
        if token:
            plan = (
                VisitorPlan.objects.select_for_update()
                .filter(token=token, event_id=registration.event_id, registration__isnull=True)
                .first()
            )
        if plan is None:
            return VisitorPlan.objects.create(event_id=registration.event_id, registration=registration)
        plan.registration = registration
        plan.save(update_fields=["registration", "updated_at"])
        return plan


"""State changes of the fairs: verb-first keyword-only functions, each in one transaction. Each
part of the app keeps its services in its own block."""


# The workflow stand page edits go through when the call wants approval: its one task is approved
# by Staff (and Wagtail's Moderators). Not Wagtail's default "Moderators approval" on the root,
# which only the Moderators group may approve, and staff are not in it.
STAND_WORKFLOW_NAME = "Stand pages: staff approval"


@dataclass
class WorkshopData:
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    title_en: str = ""
    description: str = ""
    places: int | None = None


@dataclass
class StandPageData:
    description: str = ""
    description_en: str = ""
    fields_of_study: str = ""
    professions: str = ""
    website: str = ""
    video_url: str = ""
    logo: object = None  # a validated uploaded image file, or None to keep the logo
    workshops: list[WorkshopData] = field(default_factory=list)


@dataclass
class SavedStandPage:
    page: StandPage
    published: bool  # False: the revision waits for approval in the Wagtail workflow


def _unique_slug(fair, base):
    base = slugify(base)[:70] or "stoisko"
    taken = set(fair.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def stand_workflow():
    """Our workflow for stand page edits (made once: one group-approval task for Staff and
    Moderators; made active again if someone deactivated it)."""
    workflow, created = Workflow.objects.get_or_create(name=STAND_WORKFLOW_NAME, defaults={"active": True})
    if created or not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=STAND_WORKFLOW_NAME)
        task.groups.set(Group.objects.filter(name__in=(STAFF, "Moderators")))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    return workflow


def save_stand_page(*, application, data, by):
    """Save the exhibitor's stand page of an accepted ``application`` with a stand: made under the
    fair's page on the first save; every save is a revision, published at once unless the call's
    ``edits_need_moderation`` is on, in which case the revision goes to the Wagtail workflow (an
    unfinished one is cancelled and started again on the newest revision) and the public page
    stays as last approved."""
    with transaction.atomic():
        # One lock per application: two people saving the first time make one page.
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("call__event", "exhibitor", "stand")
            .get(pk=application.pk)
        )
        if application.status != Application.Status.ACCEPTED or application.stand is None:
            raise ValidationError(
                _("A stand page can be kept once the application is accepted and has a stand.")
            )
        fair = application.call.event
        moderated = application.call.edits_need_moderation
        existing = queries.stand_page_of(application)
        if existing is None:
            page = StandPage(
                title=application.exhibitor.name,
                slug=_unique_slug(fair, f"{application.stand.number} {application.exhibitor.name}"),
                stand=application.stand,
                live=False,
                owner=by,
            )
        else:
            page = queries.stand_page_draft(existing)
        page.description = data.description
        page.description_en = data.description_en
        page.fields_of_study = data.fields_of_study
        page.professions = data.professions
        page.website = data.website
        page.video_url = data.video_url
        if data.logo is not None:
            page.logo = get_image_model().objects.create(
                title=_("Logo: %(institution)s") % {"institution": application.exhibitor.name},
                file=data.logo,
                uploaded_by_user=by,
            )
        page.workshops = [
            StandWorkshop(
                title=workshop.title,
                title_en=workshop.title_en,
                starts_at=workshop.starts_at,
                ends_at=workshop.ends_at,
                description=workshop.description,
                places=workshop.places,
                sort_order=position,
            )
            for position, workshop in enumerate(data.workshops)
        ]
        if existing is None:
            fair.add_child(instance=page)
        revision = page.save_revision(user=by, log_action=True)
        if not moderated:
            # The exhibitor has no Wagtail permissions: the call allows their edits, checked above.
            revision.publish(user=by, skip_permission_checks=True)
        else:
            if (state := queries.stand_page_moderation(page)) is not None:
                state.cancel(user=by)
            stand_workflow().start(page, by)
        return SavedStandPage(page=page, published=not moderated)
