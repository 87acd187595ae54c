"""Retention of contest data (``cms.retention``), counted from the end of the contest: the results
(gala) if set, else the end of judging, else the close of submissions.

- Films of entries that are not published: the original, the web copy and the poster are deleted
  from the private storage, with the film's row.
- Entries of non-finalists (any status but *awarded*): the pupils' names and class, the link to the
  teacher and to the staff member who checked it, the description and the reason for a return
  are removed. The entry, its school and the size of its team stay: the reach dashboard counts them.
- Consent scans: the signed forms are deleted from the private storage; the consent's status and
  its audit trail stay (with a line saying the scan was deleted).

Published entries are left alone by all three rules: the film and the names are public on the
strength of the consents, so the proof stays as long as the publication does.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms.retention.rules import ANONYMISE, DELETE, RetentionRule, delete_files_on_commit

from .models import Consent, ConsentEvent, Entry, Film, TeamMember
from .storage import discard_staged_upload, private_storage


def rules():
    return [
        RetentionRule(
            key="contests.unpublished_films",
            label=_("Films that were not published"),
            anchor=_("after the contest ends (results)"),
            action=DELETE,
            default_days=365,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: judging and the contest's complaints; a film that was not "
                "published has no purpose after that."
            ),
            model=Film,
            due=unpublished_films_due,
            process=delete_films,
            order=30,
        ),
        RetentionRule(
            key="contests.non_finalist_entries",
            label=_("Entries of non-finalists: pupils' names, teacher, description"),
            anchor=_("after the contest ends (results)"),
            action=ANONYMISE,
            default_days=2 * 365,
            legal_basis=_(
                "Art. 6(1)(e) GDPR: running the contest and answering questions about it; the "
                "laureates' entries stay as the contest's record."
            ),
            model=Entry,
            due=non_finalist_entries_due,
            process=anonymise_entries,
            order=31,
        ),
        RetentionRule(
            key="contests.consent_scans",
            label=_("Scans of signed consents"),
            anchor=_("after the contest ends (results)"),
            action=DELETE,
            default_days=5 * 365,
            legal_basis=_(
                "Art. 7(1) GDPR (the controller must be able to show the consent) for as long as "
                "claims are possible; published entries keep theirs while published."
            ),
            model=Consent,
            due=consent_scans_due,
            process=delete_consent_scans,
            order=32,
        ),
    ]


def _contest_end(prefix):
    return Coalesce(
        F(f"{prefix}results_published_at"),
        F(f"{prefix}judging_ends_at"),
        F(f"{prefix}submissions_close_at"),
    )


def unpublished_films_due(cutoff):
    return (
        Film.objects.filter(entry__published=False)
        .alias(contest_end=_contest_end("entry__contest__"))
        .filter(contest_end__lt=cutoff)
    )


def delete_films(rows, now):
    names = [name for film in rows for name in (film.original.name, film.web_copy.name, film.poster.name)]
    unfinished = [film for film in rows if not film.upload_complete]
    Film.objects.filter(pk__in=[film.pk for film in rows]).delete()
    delete_files_on_commit(private_storage, names)
    if unfinished:
        # With S3 an unfinished tus upload lives in a local staging file, not in the bucket.
        transaction.on_commit(lambda: [discard_staged_upload(film) for film in unfinished])
    return len(rows)


def non_finalist_entries_due(cutoff):
    return (
        Entry.objects.filter(anonymised_at__isnull=True, published=False)
        .exclude(status=Entry.Status.AWARDED)
        .alias(contest_end=_contest_end("contest__"))
        .filter(contest_end__lt=cutoff)
    )


def anonymise_entries(rows, now):
    for entry in rows:
        entry.teacher = None
        entry.checked_by = None
        entry.description = ""
        entry.return_reason = ""
        entry.anonymised_at = now
    Entry.objects.bulk_update(
        rows, ["teacher", "checked_by", "description", "return_reason", "anonymised_at"]
    )
    TeamMember.objects.filter(entry__in=rows).update(first_name="", last_name="", class_name="")
    return len(rows)


def consent_scans_due(cutoff):
    return (
        Consent.objects.exclude(scan="")
        .filter(member__entry__published=False)
        .alias(contest_end=_contest_end("member__entry__contest__"))
        .filter(contest_end__lt=cutoff)
    )


def delete_consent_scans(rows, now):
    """One signed form covers every consent of a pupil, so every consent naming the file is cleared."""
    names = {consent.scan.name for consent in rows}
    sharing = list(Consent.objects.filter(scan__in=names).select_for_update())
    with translation.override(settings.LANGUAGE_CODE):
        note = gettext("scan deleted at the end of the retention period")
    for consent in sharing:
        consent.scan = ""
        consent.scan_content_type = ""
    Consent.objects.bulk_update(sharing, ["scan", "scan_content_type"])
    ConsentEvent.objects.bulk_create(
        ConsentEvent(consent=consent, status=consent.status, note=note, created_at=now) for consent in sharing
    )
    delete_files_on_commit(private_storage, names)
    return len(rows)
