"""Privacy services: notice versions, consent records, data-subject requests (export, erasure).

Domain apps call ``record_consent`` inside the transaction that stores the personal data, so a
registration never exists without the record of the notice that was shown with its form.
"""

import hashlib
import json
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from cms.links import absolute_url
from cms.outbox.services import queue_templated_email

from .models import ConsentRecord, DataSubjectRequest, NoticeVersion, RequestLogEntry
from .queries import current_notice
from .sources import data_sources

logger = logging.getLogger(__name__)

VERIFY_DAYS = 7  # an unverified request's link stops working after this
EXPORT_LINK_DAYS = 7  # the export can be downloaded for this long, then it is deleted
DOWNLOAD_SALT = "edufest.privacy.export"
NOTICE_FIELDS = (
    "title_pl",
    "title_en",
    "summary_pl",
    "summary_en",
    "body_pl",
    "body_en",
    "consent_label_pl",
    "consent_label_en",
)


class PrivacyError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def normalise_email(email):
    return (email or "").strip().lower()


# --- notices ------------------------------------------------------------------------------------


def publish_notice_version(*, purpose, by=None, change_note="", **texts):
    """Add the next version of a purpose's notice; earlier versions stay as they were."""
    unknown = set(texts) - set(NOTICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown notice fields: {sorted(unknown)}")
    for attempt in range(3):
        try:
            with transaction.atomic():
                latest = NoticeVersion.objects.filter(purpose=purpose).aggregate(n=Max("number"))["n"] or 0
                return NoticeVersion.objects.create(
                    purpose=purpose,
                    number=latest + 1,
                    change_note=change_note.strip(),
                    created_by=by if by is not None and by.is_authenticated else None,
                    **{name: (value or "").strip() for name, value in texts.items()},
                )
        except IntegrityError:  # two editors at once: the unique (purpose, number) decides
            if attempt == 2:
                raise
    return None


# --- consent records ----------------------------------------------------------------------------


def _subject_ref(subject):
    if subject is None or isinstance(subject, str):
        return subject or ""
    return f"{subject._meta.label}:{subject.pk}"


def record_consent(
    *,
    purpose,
    email="",
    user=None,
    notice=None,
    subject=None,
    kind=ConsentRecord.Kind.NOTICE,
    consent_key="",
    channel=ConsentRecord.Channel.FORM,
    language=None,
    now=None,
):
    """Record that ``notice`` (default: the purpose's current version) was shown and acknowledged,
    or, with ``kind=CONSENT``, that an optional consent was given. Call it inside the transaction
    that stores the data. ``subject`` is the model instance (or ``"label:pk"``) the record belongs to.
    """
    if notice is None:
        notice = current_notice(purpose)
    if user is not None and not user.is_authenticated:
        user = None
    return ConsentRecord.objects.create(
        purpose=purpose,
        kind=kind,
        consent_key=consent_key,
        notice=notice,
        email=normalise_email(email or (user.email if user is not None else "")),
        user=user,
        subject=_subject_ref(subject),
        channel=channel,
        language=language or translation.get_language() or "pl",
        given_at=now or timezone.now(),
    )


def notice_label(notice):
    """What a domain model stores in its ``privacy_notice_version`` field."""
    return notice.label if notice is not None else ""


@transaction.atomic
def withdraw_consent(*, record, by=None, note="", now=None):
    """Withdraw one optional consent; withdrawing twice keeps the first time."""
    record = ConsentRecord.objects.select_for_update().get(pk=record.pk)
    if record.withdrawn_at is None:
        record.withdrawn_at = now or timezone.now()
        record.withdrawn_by = by if by is not None and by.is_authenticated else None
        record.withdrawal_note = note.strip()[:255]
        record.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    return record


def withdraw_subject_consents(*, subject, consent_key=None, by=None, note="", now=None):
    """Withdraw the open consents of a record (e.g. a pupil's), inside the caller's transaction."""
    records = ConsentRecord.objects.filter(
        subject=_subject_ref(subject), kind=ConsentRecord.Kind.CONSENT, withdrawn_at__isnull=True
    )
    if consent_key is not None:
        records = records.filter(consent_key=consent_key)
    return records.update(
        withdrawn_at=now or timezone.now(),
        withdrawn_by=by if by is not None and by.is_authenticated else None,
        withdrawal_note=note.strip()[:255],
    )


# --- data-subject requests ----------------------------------------------------------------------


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def _log(request, action, *, by=None, detail="", now=None):
    actor = by if by is not None and by.is_authenticated else None
    RequestLogEntry.objects.create(
        request=request,
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor is not None else "",
        at=now or timezone.now(),
        detail=detail,
    )
    logger.info("data-subject request %s: %s", request.pk, action)


@transaction.atomic
def submit_request(*, kind, email, language="pl", now=None):
    """Create an unverified request and mail its verification link to the address."""
    now = now or timezone.now()
    token = secrets.token_urlsafe(32)
    request = DataSubjectRequest.objects.create(
        kind=kind,
        email=normalise_email(email),
        language=language if language in dict(settings.LANGUAGES) else "pl",
        token_hash=_hash(token),
        created_at=now,
    )
    _log(request, RequestLogEntry.Action.REQUESTED, now=now)
    with translation.override(request.language):
        url = absolute_url(reverse("privacy:verify", args=[token]))
    queue_templated_email(
        to=[request.email],
        template="privacy/email/verify",
        context={"request": request, "url": url, "days": VERIFY_DAYS},
        language=request.language,
    )
    return request


def request_by_token(token, *, now=None):
    """The unverified or verified request of a link, or None (unknown, or expired before use)."""
    request = DataSubjectRequest.objects.filter(token_hash=_hash(token or "")).first()
    if request is None:
        return None
    now = now or timezone.now()
    if request.status == DataSubjectRequest.Status.UNVERIFIED and request.created_at < now - timedelta(
        days=VERIFY_DAYS
    ):
        return None
    return request


@transaction.atomic
def verify_request(*, request, now=None):
    """The requester opened the mailed link and confirmed: the request joins the staff queue."""
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DataSubjectRequest.Status.UNVERIFIED:
        return request
    now = now or timezone.now()
    request.status = DataSubjectRequest.Status.PENDING
    request.verified_at = now
    request.save(update_fields=["status", "verified_at"])
    _log(request, RequestLogEntry.Action.VERIFIED, now=now)
    return request


def _jsonable(value):
    """Dates and decimals as JSON writes them; the order of keys is kept."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def gather(email):
    """Everything every app holds about ``email``: a list of {key, label, tables, note}."""
    email = normalise_email(email)
    return _jsonable(
        [
            {
                "key": source.key,
                "label": str(source.label),
                "tables": source.export(email),
                "note": str(source.retention_note),
            }
            for source in data_sources()
        ]
    )


def preview(email):
    """Rows per source and table, for the staff before they complete a request."""
    return [
        {
            "label": source["label"],
            "tables": {name: len(rows) for name, rows in source["tables"].items()},
        }
        for source in gather(email)
    ]


def download_token(request):
    return signing.TimestampSigner(salt=DOWNLOAD_SALT).sign(str(request.pk))


def request_for_download(token, *, now=None):
    """The completed export request of a signed link still valid, or None."""
    try:
        pk = signing.TimestampSigner(salt=DOWNLOAD_SALT).unsign(
            token, max_age=timedelta(days=EXPORT_LINK_DAYS)
        )
    except signing.BadSignature:
        return None
    request = DataSubjectRequest.objects.filter(
        pk=pk, kind=DataSubjectRequest.Kind.EXPORT, status=DataSubjectRequest.Status.COMPLETED
    ).first()
    now = now or timezone.now()
    if request is None or not request.export_json or not request.download_expires_at:
        return None
    if request.download_expires_at < now:
        return None
    return request


@transaction.atomic
def complete_request(*, request, by, now=None):
    """Staff's one action: prepare the export and mail its link, or erase and mail the report."""
    request = DataSubjectRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != DataSubjectRequest.Status.PENDING:
        raise PrivacyError(translation.gettext("Only verified requests waiting for staff can be completed."))
    now = now or timezone.now()
    if request.kind == DataSubjectRequest.Kind.EXPORT:
        _complete_export(request, by, now)
    else:
        _complete_erasure(request, by, now)
    return request


def _complete_export(request, by, now):
    with translation.override(request.language):
        sources = gather(request.email)
    request.export_json = json.dumps(
        {"email": request.email, "request": request.pk, "generated_at": now.isoformat(), "sources": sources},
        ensure_ascii=False,
    )
    request.report = [
        {
            "key": source["key"],
            "label": source["label"],
            "done": {name: len(rows) for name, rows in source["tables"].items()},
            "kept": [source["note"]] if source["note"] else [],
        }
        for source in sources
    ]
    request.status = DataSubjectRequest.Status.COMPLETED
    request.completed_at = now
    request.completed_by = by
    request.download_expires_at = now + timedelta(days=EXPORT_LINK_DAYS)
    request.save()
    rows = sum(sum(entry["done"].values()) for entry in request.report)
    _log(request, RequestLogEntry.Action.EXPORTED, by=by, detail=f"{rows} rows", now=now)
    with translation.override(request.language):
        url = absolute_url(reverse("privacy:download", args=[download_token(request)]))
    queue_templated_email(
        to=[request.email],
        template="privacy/email/export_ready",
        context={"request": request, "url": url, "expires_at": request.download_expires_at},
        language=request.language,
    )


def _complete_erasure(request, by, now):
    report = []
    with translation.override(request.language):  # the report goes to the requester
        for source in data_sources():
            erasure = source.erase(request.email)
            kept = [str(item) for item in erasure.kept]
            if source.retention_note and str(source.retention_note) not in kept:
                kept.append(str(source.retention_note))
            report.append(
                {
                    "key": source.key,
                    "label": str(source.label),
                    "done": {str(name): count for name, count in erasure.done.items()},
                    "kept": kept,
                }
            )
    request.report = _jsonable(report)
    request.status = DataSubjectRequest.Status.COMPLETED
    request.completed_at = now
    request.completed_by = by
    request.save()
    rows = sum(sum(entry["done"].values()) for entry in report)
    _log(request, RequestLogEntry.Action.ERASED, by=by, detail=f"{rows} rows", now=now)
    queue_templated_email(
        to=[request.email],
        template="privacy/email/erasure_done",
        context={"request": request, "report": request.report},
        language=request.language,
    )


@transaction.atomic
def record_download(*, request, now=None):
    _log(request, RequestLogEntry.Action.DOWNLOADED, now=now)


def purge_expired_exports(*, now=None):
    """Delete the exported data once its link has expired (the request and its log stay)."""
    now = now or timezone.now()
    purged = 0
    with transaction.atomic():
        expired = (
            DataSubjectRequest.objects.select_for_update(skip_locked=True)
            .exclude(export_json="")
            .filter(download_expires_at__lt=now)
        )
        for request in expired:
            request.export_json = ""
            request.save(update_fields=["export_json"])
            _log(request, RequestLogEntry.Action.PURGED, now=now)
            purged += 1
    return purged
