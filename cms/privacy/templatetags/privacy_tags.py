from django import template
from django.utils import translation

from ..models import ConsentRecord

register = template.Library()


@register.inclusion_tag("privacy/includes/notice.html")
def privacy_notice(notice, heading_id="privacy-heading"):
    """The short notice of a form, its full text behind a disclosure, and its version."""
    language = translation.get_language()
    return {
        "notice": notice,
        "title": notice.text("title", language) if notice else "",
        "summary": notice.text("summary", language) if notice else "",
        "body": notice.text("body", language) if notice else "",
        "heading_id": heading_id,
    }


@register.inclusion_tag("privacy/includes/consent_links.html")
def optional_consents(subject):
    """The optional consents given with a record, each with its withdrawal link."""
    reference = f"{subject._meta.label}:{subject.pk}"
    records = ConsentRecord.objects.filter(subject=reference, kind=ConsentRecord.Kind.CONSENT).select_related(
        "notice"
    )
    language = translation.get_language()
    return {
        "records": [
            (record, record.notice.text("consent_label", language) if record.notice else "")
            for record in records
        ]
    }
