"""Reads of the verification service: a document by what a person typed, its public address."""

from django.urls import reverse

from cms.links import absolute_url

from .models import Document, normalise_code


def find(code):
    """The document of ``code`` (any case, spaces or dashes), or ``None``.

    Older diplomas keep the case-sensitive codes printed on them, which are tried as typed first."""
    typed = (code or "").strip()
    if not typed:
        return None
    document = Document.objects.filter(code=typed).first()
    if document is None:
        normalised = normalise_code(typed)
        if normalised and normalised != typed:
            document = Document.objects.filter(code=normalised).first()
    return document


def verification_path(code):
    return reverse("verification:document", kwargs={"code": code})


def verification_url(document):
    """The absolute address of the document's verification page (on ``SITE_URL``), for QR codes."""
    return absolute_url(verification_path(document.code))
