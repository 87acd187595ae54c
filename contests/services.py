"""State changes of the contests app: each runs in one transaction and queues side effects on commit."""

import datetime
import hashlib
import os
import secrets
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.accounts import roles
from cms.accounts.auth import requires_mfa
from cms.jobs.workers import enqueue_in_transaction
from cms.links import absolute_url
from cms.outbox.services import queue_templated_email
from cms.privacy import services as privacy
from cms.privacy.models import ConsentRecord, NoticeVersion, Purpose

from . import queries
from .models import (
    Category,
    Consent,
    ConsentEvent,
    Entry,
    Extension,
    Film,
    School,
    SchoolInvitation,
    TeamMember,
    normalise_extension_code,
)
from .storage import free_bytes_for_uploads
from .tasks import process_film_task


class ContestError(Exception):
    """A rule of the contest was not met; the message is shown to the user."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


# Schools


@dataclass(frozen=True)
class SchoolDetails:
    """The fields of a school profile the teacher fills in (validated; places as register codes)."""

    name: str
    rspo: str
    street: str
    postal_code: str
    municipality: str
    voivodeship: str
    county: str
    municipality_code: str


@transaction.atomic
def save_school(*, school=None, details: SchoolDetails, user):
    """Create (``school`` None) or update a school profile; whoever creates it becomes one of its
    teachers."""
    creating = school is None
    school = school or School()
    for name, value in asdict(details).items():
        setattr(school, name, value)
    school.save()
    if creating:
        school.teachers.add(user)
    return school


INVITATION_LIFETIME = datetime.timedelta(days=14)
PENDING_INVITATIONS_PER_SCHOOL = 20


def _invitation_hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite_teacher(*, school, email, user, now=None):
    """Mail an invitation to join ``school`` to ``email``. The inviter learns nothing about the
    address: the same answer whether an account uses it, a staff-like account uses it (no mail
    then: staff cannot join schools) or nobody does. Refused past the school's open invitations."""
    now = now or timezone.now()
    email = email.strip().lower()
    School.objects.select_for_update().filter(pk=school.pk).first()
    pending = school.invitations.filter(accepted_at=None, expires_at__gt=now)
    if pending.count() >= PENDING_INVITATIONS_PER_SCHOOL:
        raise ContestError(
            _("The school has too many open invitations. Wait until some are accepted or expire.")
        )
    pending.filter(email=email).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = SchoolInvitation.objects.create(
        school=school,
        email=email,
        invited_by=user,
        token_hash=_invitation_hash(token),
        expires_at=now + INVITATION_LIFETIME,
    )
    account = get_user_model().objects.filter(email__iexact=email).first()
    if account is not None and requires_mfa(account):
        return invitation
    queue_templated_email(
        to=[email],
        template="contests/email/school_invitation",
        context={
            "school": school,
            "inviter": user.get_full_name() or user.email,
            "url": absolute_url(reverse("contests:invitation_accept", kwargs={"token": token})),
            "expires_at": invitation.expires_at,
        },
    )
    return invitation


@transaction.atomic
def accept_invitation(*, token, user, now=None):
    """Add ``user`` to the invitation's school; the invitation must be for the address ``user``
    signs in with, unused and not expired, and ``user`` a school coordinator, not staff."""
    now = now or timezone.now()
    invitation = (
        SchoolInvitation.objects.select_for_update()
        .select_related("school")
        .filter(token_hash=_invitation_hash(token), accepted_at=None, expires_at__gt=now)
        .first()
    )
    if invitation is None or invitation.email != (user.email or "").strip().lower():
        raise ContestError(
            _(
                "This invitation is not valid: it has been used, has expired, or was sent to another "
                "e-mail address than the one you signed in with."
            )
        )
    if requires_mfa(user) or not roles.has_role(user, roles.SCHOOL_COORDINATOR):
        raise ContestError(_("Only a teacher's account can join a school."))
    invitation.accepted_at = now
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    invitation.school.teachers.add(user)
    return invitation.school


# Entries


@dataclass(frozen=True)
class EntryDetails:
    """The fields of an entry the teacher fills in (validated)."""

    category: Category
    title: str
    profession: str
    description: str
    rules_accepted: bool
    rights_declared: bool


@dataclass(frozen=True)
class TeamMemberDetails:
    """One pupil of the team: ``pk`` of an existing member to change, None for a new one."""

    first_name: str
    last_name: str
    class_name: str
    is_13_or_older: bool
    pk: int | None = None


@transaction.atomic
def save_entry(
    *,
    entry=None,
    details: EntryDetails,
    team: list[TeamMemberDetails],
    removed_member_ids=(),
    school,
    contest,
    user,
    privacy_notice: NoticeVersion | None = None,
    optional_consent=False,
):
    """Save an entry draft (``entry`` None: a new one) with the changed and new members of its team
    (``team``) and without the removed ones; only while the school may still edit it. A new entry
    records the privacy notice shown with the form and, if given, the optional consent."""
    creating = entry is None
    if creating:
        if not queries.submissions_window_open(contest=contest, school=school):
            raise ContestError(_("Submissions to this contest are closed."))
        entry = Entry(contest=contest, school=school, teacher=user)
    elif not queries.entry_is_editable(entry):
        raise ContestError(_("This entry can no longer be changed."))
    for name, value in asdict(details).items():
        setattr(entry, name, value)
    entry.save()
    _save_team(entry=entry, team=team, removed_member_ids=removed_member_ids)
    sync_consents(entry=entry)
    if creating:
        record = {
            "purpose": Purpose.CONTEST_ENTRY,
            "user": user,
            "notice": privacy_notice,
            "subject": entry,
        }
        privacy.record_consent(**record)
        if optional_consent:
            privacy.record_consent(**record, kind=ConsentRecord.Kind.CONSENT, consent_key="entry")
    return entry


def _save_team(*, entry, team, removed_member_ids):
    existing = {member.pk: member for member in TeamMember.objects.filter(entry=entry)}
    for pk in removed_member_ids:
        if pk in existing:
            existing.pop(pk).delete()
    for details in team:
        fields = asdict(details)
        pk = fields.pop("pk")
        member = TeamMember(entry=entry) if pk is None else existing.get(pk)
        if member is None:
            continue
        for name, value in fields.items():
            setattr(member, name, value)
        member.save()


def sync_consents(*, entry):
    """Every team member has one consent row per kind the category requires (missing at first)."""
    for member in entry.team.all():
        for kind in entry.category.required_consent_kinds(member):
            Consent.objects.get_or_create(member=member, kind=kind)


@transaction.atomic
def submit_entry(*, entry, user):
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("contest", "school", "category")
        .get(pk=entry.pk)
    )
    if not queries.entry_is_editable(entry):
        raise ContestError(_("This entry can no longer be submitted."))
    problems = queries.submission_problems(entry)
    if problems:
        raise ContestError(_("The entry cannot be submitted yet."), problems)
    entry.status = Entry.Status.SUBMITTED
    entry.submitted_at = timezone.now()
    entry.return_reason = ""
    entry.save(update_fields=["status", "submitted_at", "return_reason", "updated_at"])
    queue_templated_email(
        to=queries.teacher_emails(entry),
        template="contests/email/entry_submitted",
        context={"entry": entry, "url": absolute_url(reverse("contests:entry_detail", args=[entry.pk]))},
        language=translation.get_language(),
    )
    return entry


@transaction.atomic
def reopen_entry(*, entry, user):
    """Take a submitted entry back to a draft to change it (only before the deadline)."""
    entry = Entry.objects.select_for_update(of=("self",)).select_related("contest", "school").get(pk=entry.pk)
    if not queries.entry_can_be_reopened(entry):
        raise ContestError(_("This entry can no longer be changed."))
    entry.status = Entry.Status.DRAFT
    entry.save(update_fields=["status", "updated_at"])
    return entry


CHECK_DECISIONS = {
    "accept": Entry.Status.ACCEPTED,
    "return": Entry.Status.RETURNED,
    "reject": Entry.Status.REJECTED,
}


@transaction.atomic
def check_entry(*, entry, decision, reason="", user):
    """Staff's formal check of a submitted entry: accept, return with a reason, or reject."""
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("contest", "school", "teacher")
        .get(pk=entry.pk)
    )
    if decision not in CHECK_DECISIONS:
        raise ContestError(_("Unknown decision."))
    if entry.status not in (Entry.Status.SUBMITTED, Entry.Status.ACCEPTED, Entry.Status.RETURNED):
        raise ContestError(_("Only submitted entries can be checked."))
    if decision in ("return", "reject") and not reason.strip():
        raise ContestError(_("Give the reason: the teacher will read it."))
    entry.status = CHECK_DECISIONS[decision]
    entry.return_reason = reason.strip()
    entry.checked_at = timezone.now()
    entry.checked_by = user
    entry.save(update_fields=["status", "return_reason", "checked_at", "checked_by", "updated_at"])
    queue_templated_email(
        to=queries.teacher_emails(entry),
        template="contests/email/entry_checked",
        context={"entry": entry, "url": absolute_url(reverse("contests:entry_detail", args=[entry.pk]))},
        language="pl",
    )
    return entry


@transaction.atomic
def redeem_extension(*, code, school, user):
    extension = (
        Extension.objects.select_for_update()
        .filter(code=normalise_extension_code(code), school=school)
        .first()
    )
    if extension is None:
        raise ContestError(_("This code is not valid for your school."))
    if extension.closes_at < timezone.now():
        raise ContestError(_("This late window has already closed."))
    if extension.redeemed_at is None:
        extension.redeemed_at = timezone.now()
        extension.redeemed_by = user
        extension.save(update_fields=["redeemed_at", "redeemed_by"])
    return extension


# Consents


def _audit(consent, *, user, note=""):
    ConsentEvent.objects.create(
        consent=consent,
        status=consent.status,
        actor=user if user and user.is_authenticated else None,
        note=note,
    )


@transaction.atomic
def upload_consent_scan(*, member, content, extension, content_type, user):
    """Store one signed scan (already validated) for every consent the member's form covers."""
    sync_consents(entry=member.entry)
    consents = list(member.consents.filter(kind__in=member.entry.category.required_consent_kinds(member)))
    name = None
    for consent in consents:
        old_name = consent.scan.name
        if name is None:
            consent.scan.save(f"scan.{extension}", ContentFile(content), save=False)
            name = consent.scan.name
        else:
            consent.scan.name = name
        consent.scan_content_type = content_type
        consent.status = Consent.Status.UPLOADED
        consent.save(update_fields=["scan", "scan_content_type", "status", "updated_at"])
        _audit(consent, user=user, note=_("scan uploaded"))
        _record_pupil_consent(consent, member, user)
        if old_name and old_name != name:
            _delete_scan_if_unused(old_name)
    return consents


def _record_pupil_consent(consent, member, user):
    """The signed form (current consent text) in the privacy records, under the pupil's team row."""
    privacy.withdraw_subject_consents(subject=member, consent_key=consent.kind, by=user, note=_("replaced"))
    privacy.record_consent(
        purpose=Purpose.PUPIL_CONSENT,
        kind=ConsentRecord.Kind.CONSENT,
        consent_key=consent.kind,
        user=user,
        subject=member,
        channel=ConsentRecord.Channel.PAPER,
    )


def _delete_scan_if_unused(name):
    if not Consent.objects.filter(scan=name).exists():
        transaction.on_commit(lambda: Consent._meta.get_field("scan").storage.delete(name))


@transaction.atomic
def mark_consent_received_on_paper(*, consent, user):
    consent = Consent.objects.select_for_update().select_related("member").get(pk=consent.pk)
    consent.status = Consent.Status.RECEIVED_ON_PAPER
    consent.save(update_fields=["status", "updated_at"])
    _audit(consent, user=user, note=_("received on paper"))
    _record_pupil_consent(consent, consent.member, user)
    return consent


@transaction.atomic
def withdraw_consent(*, consent, user, note=""):
    """Withdrawal unpublishes the film everywhere at once: the entry is no longer published."""
    consent = (
        Consent.objects.select_for_update(of=("self",)).select_related("member__entry").get(pk=consent.pk)
    )
    consent.status = Consent.Status.WITHDRAWN
    consent.save(update_fields=["status", "updated_at"])
    _audit(consent, user=user, note=note or _("withdrawn"))
    privacy.withdraw_subject_consents(
        subject=consent.member, consent_key=consent.kind, by=user, note=note or _("withdrawn")
    )
    Entry.objects.filter(pk=consent.member.entry_id).update(published=False, updated_at=timezone.now())
    return consent


@transaction.atomic
def set_entry_published(*, entry, published, user):
    """Publish an entry's film and team; refused while any required consent is missing."""
    entry = queries.entries_with_details().select_for_update(of=("self",)).get(pk=entry.pk)
    if published and not entry.can_be_published:
        raise ContestError(_("The film cannot be published until all required consents are in."))
    entry.published = published
    entry.save(update_fields=["published", "updated_at"])
    return entry


# Films (the tus view streams the bytes; these record the state)


@transaction.atomic
def start_film_upload(*, entry, user, length, filename):
    """Check the declared size and type against the category and open an empty private file."""
    entry = (
        Entry.objects.select_for_update(of=("self",))
        .select_related("contest", "school", "category")
        .get(pk=entry.pk)
    )
    if not queries.entry_is_editable(entry):
        raise ContestError(_("This entry can no longer be changed."))
    category = entry.category
    if length <= 0:
        raise ContestError(_("The file is empty."))
    if length > category.max_file_size_bytes:
        raise ContestError(
            _("The file is too large: the limit is %(limit)d MB.") % {"limit": category.max_file_size_mb}
        )
    safe_name = os.path.basename(filename or "").strip()[:200] or "film"
    extension = safe_name.rsplit(".", 1)[-1].lower() if "." in safe_name else ""
    if extension not in category.container_list:
        raise ContestError(
            _("This file type is not accepted. Accepted: %(types)s.")
            % {"types": ", ".join(category.container_list)}
        )
    _check_upload_quotas(entry=entry, user=user, length=length)
    limit = settings.EDUFEST_FILMS_IN_PROCESSING_PER_ACCOUNT
    waiting = (
        Film.objects.filter(uploaded_by=user, status__in=[Film.Status.PENDING, Film.Status.PROCESSING])
        .exclude(entry=entry)
        .count()
    )
    if limit and waiting >= limit:
        raise ContestError(
            ngettext(
                "You already have %(count)d film waiting for processing. Upload this one when it is ready.",
                "You already have %(count)d films waiting for processing. "
                "Upload this one when one of them is ready.",
                waiting,
            )
            % {"count": waiting}
        )
    old = Film.objects.filter(entry=entry).first()
    if old is not None:
        old.delete_with_files()
    film = Film(entry=entry, upload_length=length, original_filename=safe_name, uploaded_by=user)
    film.original.save(f"original.{extension}", ContentFile(b""), save=False)
    film.save()
    return film


class InsufficientStorage(ContestError):
    """The server has no room for the upload now (HTTP 507); nothing is wrong with the film."""


def _gigabytes(size):
    return number_format(size / 1024**3, 1)


def _check_upload_quotas(*, entry, user, length):
    """Declared sizes of the films kept (all but rejected ones) count against the account's and
    the school's quota; an account may have only a few uploads open at once; and the disk must
    keep a reserve after this upload. The school's and the account's rows are locked, so two
    uploads started at once cannot both slip under a quota."""
    School.objects.select_for_update().filter(pk=entry.school_id).first()
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    kept = Film.objects.exclude(status=Film.Status.REJECTED).exclude(entry=entry)
    open_uploads = Film.objects.filter(uploaded_by=user, status=Film.Status.UPLOADING).exclude(entry=entry)
    if open_uploads.count() >= settings.EDUFEST_OPEN_UPLOADS_PER_ACCOUNT:
        count = settings.EDUFEST_OPEN_UPLOADS_PER_ACCOUNT
        raise ContestError(
            ngettext(
                "You already have %(count)d film uploading. Finish or cancel it before the next one.",
                "You already have %(count)d films uploading. Finish or cancel one before the next one.",
                count,
            )
            % {"count": count}
        )
    used_by_account = kept.filter(uploaded_by=user).aggregate(n=Sum("upload_length"))["n"] or 0
    if used_by_account + length > settings.EDUFEST_UPLOAD_QUOTA_ACCOUNT_BYTES:
        raise ContestError(
            _("Your films would take more than the %(limit)s GB allowed for one account.")
            % {"limit": _gigabytes(settings.EDUFEST_UPLOAD_QUOTA_ACCOUNT_BYTES)}
        )
    used_by_school = kept.filter(entry__school_id=entry.school_id).aggregate(n=Sum("upload_length"))["n"] or 0
    if used_by_school + length > settings.EDUFEST_UPLOAD_QUOTA_SCHOOL_BYTES:
        raise ContestError(
            _("The school's films would take more than the %(limit)s GB allowed for one school.")
            % {"limit": _gigabytes(settings.EDUFEST_UPLOAD_QUOTA_SCHOOL_BYTES)}
        )
    ensure_free_space(length)


def ensure_free_space(length):
    if free_bytes_for_uploads() < length + settings.EDUFEST_UPLOAD_FREE_SPACE_RESERVE_BYTES:
        raise InsufficientStorage(
            _("The server is short of disk space for films right now. Please try again later.")
        )


@transaction.atomic
def record_film_offset(*, film, offset):
    """Store how many bytes arrived; a complete upload is queued for probing and transcoding."""
    Film.objects.filter(pk=film.pk).update(upload_offset=offset, updated_at=timezone.now())
    film.upload_offset = offset
    if film.upload_complete and film.status == Film.Status.UPLOADING:
        Film.objects.filter(pk=film.pk).update(status=Film.Status.PENDING)
        film.status = Film.Status.PENDING
        enqueue_in_transaction(process_film_task, film.pk)
    return film


@transaction.atomic
def terminate_film_upload(*, film, user):
    entry = film.entry
    if not queries.entry_is_editable(entry):
        raise ContestError(_("This entry can no longer be changed."))
    film.delete_with_files()
