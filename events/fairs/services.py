"""State changes of the fairs: verb-first, keyword-only, one transaction each, side effects (mail)
queued with the change. Each part of the app keeps its services in its own block."""

import datetime
from dataclasses import dataclass, field

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

from cms.accounts.roles import STAFF
from cms.links import absolute_url
from cms.outbox import services as mail
from cms.outbox.services import queue_composed_email
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
    StandPage,
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
