"""State changes of the verification service: issuing and revoking a document's record."""

from django.db import transaction
from django.utils import timezone

from .models import Document, new_code

ATTEMPTS = 5


@transaction.atomic
def issue(*, kind_label, title, holder_name, issuer, issued_at=None, language="pl", code=None):
    """A new verification record with a fresh unique code (or ``code``: an older diploma's)."""
    if code is None:
        taken = True
        for _attempt in range(ATTEMPTS):
            code = new_code()
            taken = Document.objects.filter(code=code).exists()
            if not taken:
                break
        if taken:  # 25**10 codes: five collisions in a row mean something else is wrong
            raise RuntimeError("No free verification code found.")
    return Document.objects.create(
        code=code,
        kind_label=str(kind_label)[:120],
        title=str(title)[:500],
        holder_name=str(holder_name)[:300],
        issuer=str(issuer)[:300],
        issued_at=issued_at or timezone.now(),
        language=language or "pl",
    )


@transaction.atomic
def revoke(document, *, reason, by):
    """Mark the document revoked (the page then says so, with the reason); revoking again keeps
    the first date and reason."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.revoked_at is None:
        document.revoked_at = timezone.now()
        document.revoked_reason = reason.strip()[:500]
        document.revoked_by = by
        document.save(update_fields=["revoked_at", "revoked_reason", "revoked_by"])
    return document


@transaction.atomic
def delete_documents(*, ids):
    """Remove records whose document itself is gone (retention, erasure): the code becomes unknown."""
    return Document.objects.filter(pk__in=list(ids)).delete()[0]
