"""Reads of the privacy app."""

from .models import ConsentRecord, DataSubjectRequest, NoticeVersion, Purpose


def current_notice(purpose):
    """The latest version of the purpose's notice, or None while staff have published none."""
    return NoticeVersion.objects.filter(purpose=purpose).order_by("-number").first()


def current_notices():
    """{purpose: latest version or None} for every purpose, in one query."""
    latest = {}
    for version in NoticeVersion.objects.order_by("purpose", "-number"):
        latest.setdefault(version.purpose, version)
    return {purpose: latest.get(purpose) for purpose in Purpose.values}


def notice_for_form(purpose, version_id):
    """The version a form showed (posted back as a hidden id), else the current one."""
    try:
        version_id = int(version_id)
    except (TypeError, ValueError):
        return current_notice(purpose)
    return NoticeVersion.objects.filter(purpose=purpose, pk=version_id).first() or current_notice(purpose)


def records_for_email(email):
    return (
        ConsentRecord.objects.filter(email__iexact=email.strip())
        .select_related("notice")
        .order_by("given_at", "pk")
    )


def staff_queue():
    return DataSubjectRequest.objects.filter(status=DataSubjectRequest.Status.PENDING).order_by(
        "verified_at", "pk"
    )
