"""Public API of the privacy app: the current notice of a purpose, for clients that collect data."""

import datetime

from django.utils import translation
from ninja import Field, Router, Schema, Status

from cms.api import ErrorOut, error

from . import queries
from .models import Purpose

router = Router(tags=["privacy"])


class NoticeOut(Schema):
    purpose: str
    version: int
    label: str = Field(..., description="what a record of this notice stores, e.g. event_registration-v2")
    title: str
    summary: str = Field(..., description="the short notice to show next to the form")
    body: str = Field(..., description="the full notice, HTML")
    optional_consent: str = Field(..., description="text of the optional, unticked checkbox; empty if none")
    published_at: datetime.datetime


@router.get(
    "/privacy/notices/{purpose}",
    response={200: NoticeOut, 404: ErrorOut, 422: ErrorOut},
    summary="The current privacy notice of a purpose",
    description=f"Purposes: {', '.join(Purpose.values)}. `language`: pl (default) or en.",
)
def current_notice(request, purpose: str, language: str = "pl"):
    notice = queries.current_notice(purpose) if purpose in Purpose.values else None
    if notice is None:
        return Status(
            404, error("not_found", translation.gettext("No notice is published for this purpose."))
        )
    language = language if language in ("pl", "en") else "pl"
    with translation.override(language):
        return {
            "purpose": notice.purpose,
            "version": notice.number,
            "label": notice.label,
            "title": notice.text("title", language),
            "summary": notice.text("summary", language),
            "body": notice.text("body", language),
            "optional_consent": notice.text("consent_label", language),
            "published_at": notice.created_at,
        }
