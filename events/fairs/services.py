"""State changes of the fairs: verb-first, keyword-only, one transaction each, side effects (mail)
queued with the change. Each part of the app keeps its services in its own block."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from cms.accounts.roles import STAFF
from cms.cache import bump_generation
from cms.links import absolute_url
from cms.outbox import services as mail
from cms.outbox.services import queue_composed_email, queue_email
from events.models import Stand
from events.registration import services as registration_services
from events.registration.models import Registration

from . import queries
from .models import (
    EXHIBITOR,
    Application,
    Exhibitor,
    ExhibitorCall,
    ExhibitorMember,
    ExhibitorPass,
    FloorPlan,
    StandPage,
    StandPlacement,
    StandVisitCode,
    StandVisitHour,
    StandWorkshop,
    VisitorPlan,
)

PASS_MAIL = "fairs.exhibitor_pass"


PASS_MESSAGES = {
    "not_accepted": _("Passes are only for an accepted application."),
    "allowance": _("You have named as many stand staff as the call allows (%(allowance)d)."),
    "name_required": _("Give the name of the person who will staff the stand."),
    "removed": _("This pass has been removed."),
    "accepted": _("The application is still accepted: its passes stay valid."),
}


class PassError(Exception):
    """A refused change of a pass; ``code`` is stable (tests), ``message`` is for people."""

    def __init__(self, code, message=None, *, field=None):
        self.code = code
        self.message = message or PASS_MESSAGES[code]
        self.field = field
        super().__init__(f"{code}: {self.message}")


def _locked_application(application, *, accepted=True):
    """Lock the call's row, then the application's: every change of a fair's passes waits here, so
    two people of one exhibitor naming staff at once cannot go over the allowance, and two
    exhibitors naming the fair's first passes at once make one exhibitor ticket type. Refuses an
    application that is not accepted, unless ``accepted=False`` (cancelling its passes)."""
    ExhibitorCall.objects.select_for_update().filter(pk=application.call_id).values_list("pk").first()
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__event", "exhibitor")
        .get(pk=application.pk)
    )
    if accepted and application.status != Application.Status.ACCEPTED:
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


def _release_pass(exhibitor_pass, application, *, by, now):
    """Cancel the pass's registration; the caller holds the application's lock."""
    exhibitor_pass = ExhibitorPass.objects.select_related("registration").get(
        pk=exhibitor_pass.pk, application=application
    )
    registration_services.release_exhibitor_place(registration=exhibitor_pass.registration, by=by, now=now)
    return exhibitor_pass


def remove_pass(*, exhibitor_pass, by=None, now=None):
    """Remove a pass: its registration is cancelled (the QR code stops admitting) and its place in
    the allowance is free again. Removing twice is harmless."""
    with transaction.atomic():
        application = _locked_application(exhibitor_pass.application)
        return _release_pass(exhibitor_pass, application, by=by, now=now)


def cancel_passes_of(*, application, by=None, now=None):
    """Cancel every pass of an application that is no longer accepted (declined, waitlisted or
    withdrawn after all, as staff decide: area B calls it after changing the status, in the same
    transaction or after it): each is removed as ``remove_pass`` removes one, so its QR code stops admitting
    at once. No mail (a removed pass is not mailed either). Refused with ``PassError("accepted")``
    while the application is still accepted; a second call cancels nothing. Returns the passes it
    cancelled."""
    with transaction.atomic():
        application = _locked_application(application, accepted=False)
        if application.status == Application.Status.ACCEPTED:
            raise PassError("accepted")
        return [
            _release_pass(exhibitor_pass, application, by=by, now=now)
            for exhibitor_pass in queries.active_passes(application)
        ]


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


"""State changes of the fairs, each in one transaction, mails queued with it (sent on commit)."""


SUBMITTED_COMPOSER = "fairs.application_submitted"


DECIDED_COMPOSER = "fairs.application_decided"


# What the exhibitor fills in (``forms.ApplicationForm``); staff's fields (status, decision, stand) are not here.
APPLICATION_FIELDS = (
    "contact_name",
    "contact_email",
    "contact_phone",
    "preferred_zone",
    "tables",
    "chairs",
    "power",
    "screen",
    "internet",
    "floor_space",
    "other_needs",
    "showcase",
    "stand_staff",
)


# An application the exhibitor may still change: a draft, or one withdrawn (it becomes a draft again).
EDITABLE = (Application.Status.DRAFT, Application.Status.WITHDRAWN)


WITHDRAWABLE = (Application.Status.DRAFT, Application.Status.SUBMITTED, Application.Status.WAITLISTED)


def _language(language):
    language = (language or settings.LANGUAGE_CODE)[:2]
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _join(*, exhibitor, user, by=None, language="pl"):
    """``user`` acts for ``exhibitor`` from now on (the Exhibitor role, the membership)."""
    group, _created = Group.objects.get_or_create(name=EXHIBITOR)
    user.groups.add(group)
    member, _created = ExhibitorMember.objects.get_or_create(
        exhibitor=exhibitor, user=user, defaults={"added_by": by, "language": _language(language)}
    )
    return member


def sign_up_exhibitor(*, user, name, kind, website="", city="", language="pl"):
    """The institution of a new exhibitor account (``forms.ExhibitorSignupForm``): the Exhibitor,
    the person's membership and the Exhibitor role. The address is verified by allauth's mail."""
    with transaction.atomic():
        exhibitor = Exhibitor.objects.create(name=name.strip(), kind=kind, website=website, city=city.strip())
        _join(exhibitor=exhibitor, user=user, language=language)
    return exhibitor


def _account_for(*, email, first_name="", last_name=""):
    """The account of ``email`` (by a known address or the account's e-mail), or a new one with an
    unusable password; its address verified: the invitation went to that mailbox."""
    User = get_user_model()
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    user = address.user if address else User.objects.filter(email__iexact=email).first()
    if user is None:
        username = email[:150]
        suffix = 1
        while User.objects.filter(username=username).exists():
            suffix += 1
            username = f"{email[:140]}-{suffix}"
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True}
    )
    if not EmailAddress.objects.filter(user=user, primary=True).exists():
        EmailAddress.objects.filter(user=user, email__iexact=email).update(primary=True)
    return user


def set_password_url(user):
    """The absolute one-time link where an invited person sets a password (allauth's password-reset
    key: it stops working once the password has changed or after ``PASSWORD_RESET_TIMEOUT``)."""
    path = reverse(
        "fairs:set_password",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    return absolute_url(path)


def invite_exhibitor_person(*, exhibitor, email, first_name="", last_name="", by, language="pl", now=None):
    """A colleague joins ``exhibitor``: their account (found or new) gets the membership and the
    role, and a mail with the link to set their password (or sign in with the one they have)."""
    email = email.strip()
    language = _language(language)
    now = now or timezone.now()
    with transaction.atomic():
        user = _account_for(email=email, first_name=first_name.strip(), last_name=last_name.strip())
        if ExhibitorMember.objects.filter(exhibitor=exhibitor, user=user).exists():
            raise ValidationError(_("This person already acts for your institution."), code="member")
        member = _join(exhibitor=exhibitor, user=user, by=by, language=language)
        with translation.override(language):
            url = set_password_url(user)
            area_url = absolute_url(reverse("fairs:area"))
        mail.queue_templated_email(
            to=[email],
            template="fairs/apply/email/invitation",
            context={
                "exhibitor": exhibitor,
                "by": by,
                "url": url,
                "area_url": area_url,
                "has_password": user.has_usable_password(),
                "valid_until": now + datetime.timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
            },
            language=language,
        )
    return member


def set_exhibitor_password(*, user, password):
    """The invited person's own password, set from the invitation link; their address is theirs."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)
    return user


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _closed_error(call):
    return ValidationError(
        _("Applications to this call closed on %(closes)s; it can no longer be changed or sent.")
        % {"closes": _when(call.closes_at)},
        code="closed",
    )


def save_application_draft(*, call, exhibitor, data, by, language="pl", now=None):
    """Create or update ``exhibitor``'s application to ``call`` as a draft, until the call closes.
    A withdrawn application becomes a draft again; a submitted or decided one cannot change."""
    now = now or timezone.now()
    if now >= call.closes_at:
        raise _closed_error(call)
    values = {key: data[key] for key in APPLICATION_FIELDS if key in data}
    with transaction.atomic():
        application = Application.objects.select_for_update().filter(call=call, exhibitor=exhibitor).first()
        if application is None:
            try:
                with transaction.atomic():
                    return Application.objects.create(
                        call=call, exhibitor=exhibitor, created_by=by, language=_language(language), **values
                    )
            except IntegrityError:  # the colleague's first save won the race: update theirs
                application = Application.objects.select_for_update().get(call=call, exhibitor=exhibitor)
        if application.status not in EDITABLE:
            raise ValidationError(
                _("This application has been sent and can no longer be changed."), code="not_editable"
            )
        for key, value in values.items():
            setattr(application, key, value)
        application.status = Application.Status.DRAFT
        application.language = _language(language)
        application.save()
    return application


def submit_application(*, application, by, now=None):
    """Send a draft to staff, inside the call's window; mails the contact and the exhibitor's people."""
    now = now or timezone.now()
    with transaction.atomic():
        application = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        call = application.call
        if now < call.opens_at:
            raise ValidationError(
                _("Applications to this call open on %(opens)s.") % {"opens": _when(call.opens_at)},
                code="not_open",
            )
        if now >= call.closes_at:
            raise _closed_error(call)
        if application.status != Application.Status.DRAFT:
            raise ValidationError(_("Only a draft can be sent."), code="not_draft")
        application.status = Application.Status.SUBMITTED
        application.submitted_at = now
        application.save(update_fields=["status", "submitted_at", "updated_at"])
        _queue_application_mail(application, SUBMITTED_COMPOSER)
    return application


def withdraw_application(*, application, by, now=None):
    """The exhibitor withdraws a draft, a sent or a waitlisted application (staff see it withdrawn)."""
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status not in WITHDRAWABLE:
            raise ValidationError(
                _("An application that has been accepted or declined cannot be withdrawn here."),
                code="not_withdrawable",
            )
        application.status = Application.Status.WITHDRAWN
        application.save(update_fields=["status", "updated_at"])
    return application


def _recipients_by_language(application):
    """``{language: [addresses]}``: the contact (in the application's language) and the
    exhibitor's people (each in theirs); an address once."""
    seen = set()
    by_language = {}

    def add(address, language):
        if address and address.lower() not in seen:
            seen.add(address.lower())
            by_language.setdefault(_language(language), []).append(address)

    add(application.contact_email, application.language)
    for member in (
        ExhibitorMember.objects.filter(exhibitor_id=application.exhibitor_id, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    ):
        add(member.user.email, member.language)
    return by_language


def _queue_application_mail(application, composer):
    for language, addresses in _recipients_by_language(application).items():
        for address in addresses:
            mail.queue_composed_email(
                to=[address],
                composer=composer,
                args={"application": application.pk, "status": application.status, "language": language},
            )


def queue_decision_mail(application):
    """Queue the mail of staff's decision on ``application`` (accepted with the stand if it has one,
    waitlisted, or declined with the reason) to the contact and the exhibitor's people; for the
    decision service, inside its transaction. A later decision drops the earlier one's mail."""
    _queue_application_mail(application, DECIDED_COMPOSER)


def application_mail_applies(application, status):
    """A queued application mail is still to be sent: the application is still in that state."""
    return application is not None and application.status == status


"""Every state change of the fairs: keyword-only verbs, one transaction each, mails queued with
the change (the outbox sends them after commit). Each part of the app keeps its verbs in its own
block."""


# The MAIL_COMPOSERS name of the review's stand mail (mails.py block "Decision mails"); the
# decision mail is the applications' (DECIDED_COMPOSER).
STAND_COMPOSER = "fairs.stand_assigned"


ACCEPT, WAITLIST, DECLINE = (
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
    Application.Status.DECLINED,
)


DECISIONS = (ACCEPT, WAITLIST, DECLINE)


# What each decision may follow: a sent application, or one on the waiting list (accepted or
# declined later). An accepted or declined application keeps its decision.
DECIDABLE_FROM = {
    ACCEPT: (Application.Status.SUBMITTED, Application.Status.WAITLISTED),
    WAITLIST: (Application.Status.SUBMITTED,),
    DECLINE: (Application.Status.SUBMITTED, Application.Status.WAITLISTED),
}


def decisions_for(application):
    """The decisions staff may still take on an application, in the order the form offers them."""
    return [decision for decision in DECISIONS if application.status in DECIDABLE_FROM[decision]]


class ReviewError(Exception):
    """A decision or a stand staff cannot make; ``field`` names the form field it belongs to."""

    def __init__(self, message, *, field=None):
        super().__init__(message)
        self.message, self.field = message, field


def decide_application(*, application, decision, reason="", by=None, now=None):
    """Accept, put on the waiting list or decline (a reason required) a sent application, and mail
    the decision to its contact and the exhibitor's people."""
    reason = (reason or "").strip()
    if decision not in DECISIONS:
        raise ReviewError(_("Choose accept, waiting list or decline."), field="decision")
    if decision == DECLINE and not reason:
        raise ReviewError(_("Give the reason for declining: the exhibitor will read it."), field="reason")
    with transaction.atomic():
        application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
        if application.status not in DECIDABLE_FROM[decision]:
            raise ReviewError(
                _("An application that is “%(status)s” cannot be given this decision.")
                % {"status": application.get_status_display()}
            )
        application.status = decision
        application.decision_reason = reason
        application.decided_at = now or timezone.now()
        application.decided_by = by
        application.save(
            update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"]
        )
        queue_decision_mail(application)
    return application


@dataclass(frozen=True)
class Assignment:
    stand: Stand
    created: bool


def assign_stand(*, application, zone, number, size="", by=None):
    """Give an accepted application its stand: create the fair's ``events.Stand`` (institution =
    the exhibitor's name) or move the one it has, and tell the exhibitor.

    Two staff at once cannot give the same number twice or overfill a zone: the call's row (one
    per fair) is locked while the numbers and the zone's count are checked and the stand written;
    the database's unique number per fair backs this up against the stand import and the snippet
    editor, which take no such lock."""
    number = (number or "").strip()
    size = (size or "").strip()
    if not number:
        raise ReviewError(_("Enter the stand number."), field="number")
    with transaction.atomic():
        call = ExhibitorCall.objects.select_for_update().get(pk=application.call_id)
        application = (
            Application.objects.select_for_update(of=("self",))
            .select_related("exhibitor", "stand")
            .get(pk=application.pk)
        )
        if application.status != Application.Status.ACCEPTED:
            raise ReviewError(_("Only an accepted application gets a stand."))
        if zone.page_id != call.event_id:
            raise ReviewError(_("Choose a zone of this fair."), field="zone")
        current = application.stand
        holder = queries.stand_with_number(call.event_id, number, excluding=current)
        if holder is not None:
            raise ReviewError(
                _("Stand %(number)s of this fair is already given to %(institution)s.")
                % {"number": number, "institution": holder.institution},
                field="number",
            )
        moving_in = current is None or current.zone_id != zone.pk
        if moving_in and zone.capacity is not None:
            taken = queries.zone_stand_count(zone, excluding=current)
            if taken >= zone.capacity:
                raise ReviewError(
                    _("Zone “%(zone)s” is full: it holds %(capacity)d stands and all are given.")
                    % {"zone": zone.name, "capacity": zone.capacity},
                    field="zone",
                )
        created = current is None
        stand = current or Stand(event_id=call.event_id, url=application.exhibitor.website)
        stand.zone = zone
        stand.number = number
        stand.size = size
        stand.institution = application.exhibitor.name
        try:
            with transaction.atomic():
                stand.save()
        except IntegrityError as error:  # a stand written meanwhile without the lock (import, snippet)
            raise ReviewError(
                _("Stand %(number)s of this fair is already given.") % {"number": number}, field="number"
            ) from error
        if created:
            application.stand = stand
            application.save(update_fields=["stand", "updated_at"])
        for address in queries.exhibitor_addresses(queries.application_for_review(application.pk)):
            queue_composed_email(to=[address], composer=STAND_COMPOSER, args={"application": application.pk})
    return Assignment(stand=stand, created=created)


def message_accepted_exhibitors(*, call, subject, body, attachments=(), by=None):
    """Staff's mail to the accepted exhibitors of a call (e.g. the information pack and set-up
    times): one outbox row per address (each application's contact and the exhibitor's people,
    an address once however many applications share it), each with every attachment
    (``(filename, bytes, mimetype)``). Returns the number of mails queued."""
    attachments = list(attachments)
    sent = set()
    with transaction.atomic():
        for application in queries.accepted_applications(call):
            for address in queries.exhibitor_addresses(application):
                if address.lower() in sent:
                    continue
                sent.add(address.lower())
                queue_email(to=[address], subject=subject, body_text=body, attachments=attachments)
    return len(sent)


"""The state changes of the fairs (each part of the app in its own block)."""


def ensure_visit_code(*, stand):
    """The stand's visit code, made on first use (idempotent, safe when two requests race)."""
    code, _created = StandVisitCode.objects.get_or_create(stand=stand)
    return code


def ensure_visit_codes(*, event):
    """Give every stand of the fair that has none a visit code; returns how many were made."""
    with transaction.atomic():
        missing = list(queries.stands_without_code(event))
        made = StandVisitCode.objects.bulk_create(
            [StandVisitCode(stand=stand) for stand in missing], ignore_conflicts=True
        )
    return len(made)


def save_visit_material(*, code, material, material_url):
    """What a visitor gets when scanning the stand's code: a text and a link."""
    with transaction.atomic():
        StandVisitCode.objects.filter(pk=code.pk).update(material=material, material_url=material_url)
    code.material, code.material_url = material, material_url
    return code


def count_stand_visit(*, stand, at=None):
    """One visit to ``stand`` in the Warsaw hour of ``at`` (now): an atomic upsert, so visits
    counted at once by many phones all count (no lost update) and the row of the hour is made
    once. Only on the fair's days: a code opened before the fair (the stand trying it out) or
    after it shows the material and counts nothing. Returns the start of the hour counted, or None."""
    hour = queries.hour_of(at or timezone.now())
    if hour.date() not in queries.fair_days(stand.event):
        return None
    with transaction.atomic():
        updated = StandVisitHour.objects.filter(stand=stand, hour=hour).update(visits=F("visits") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    StandVisitHour.objects.create(stand=stand, hour=hour, visits=1)
            except IntegrityError:  # another request made the hour's row first
                StandVisitHour.objects.filter(stand=stand, hour=hour).update(visits=F("visits") + 1)
    return hour


"""State changes of the fairs: each a verb-first, keyword-only function in one transaction."""


class PlacementError(Exception):
    """A stand cannot be put there; ``message`` says why (in the active language)."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _percent(value, *, axis):
    try:
        number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError) as error:
        raise PlacementError(_("The position must be a number from 0 to 100.")) from error
    if not Decimal(0) <= number <= Decimal(100):
        raise PlacementError(
            _("The position %(axis)s must be from 0 to 100 per cent, not %(value)s.")
            % {"axis": axis, "value": value}
        )
    return number


def _place(*, stand, floor_plan, x, y):
    if stand.event_id != floor_plan.event_id:
        raise PlacementError(
            _("Stand %(stand)s belongs to another fair than the plan %(plan)s.")
            % {"stand": stand, "plan": floor_plan.name}
        )
    placement, _created = StandPlacement.objects.update_or_create(
        stand=stand,
        defaults={"floor_plan": floor_plan, "x": _percent(x, axis="x"), "y": _percent(y, axis="y")},
    )
    return placement


def place_stand(*, stand, floor_plan, x, y):
    """Put ``stand`` on ``floor_plan`` at ``x``/``y`` per cent of the image (0-100, from the top left
    corner); a stand is on one plan at a time, so this moves it from another hall's plan."""
    with transaction.atomic():
        placement = _place(stand=stand, floor_plan=floor_plan, x=x, y=y)
        transaction.on_commit(bump_generation)  # the fair's page shows the plan to anonymous visitors
        return placement


def save_placements(*, floor_plan, positions):
    """Set where the fair's stands are on ``floor_plan``: ``positions`` maps a stand's pk to
    ``(x, y)`` or to None (not on this plan: taken off it if it was here; a stand on another hall's
    plan stays there). All or nothing; returns ``(placed, removed)`` counts."""
    with transaction.atomic():
        floor_plan = FloorPlan.objects.select_for_update().get(pk=floor_plan.pk)
        stands = {stand.pk: stand for stand in Stand.objects.filter(pk__in=list(positions)).order_by("pk")}
        unknown = set(positions) - set(stands)
        if unknown:
            raise PlacementError(_("A stand was removed meanwhile: reload the page."))
        placed = removed = 0
        for pk, position in positions.items():
            if position is None:
                removed += StandPlacement.objects.filter(stand_id=pk, floor_plan=floor_plan).delete()[0]
            else:
                _place(stand=stands[pk], floor_plan=floor_plan, x=position[0], y=position[1])
                placed += 1
        transaction.on_commit(bump_generation)  # the fair's page shows the plan to anonymous visitors
        return placed, removed
