"""Every diploma issued before the verification service gets its record, with the code already
printed on it, so a printed diploma's QR code and link still verify."""

from django.db import migrations

KIND_LABELS = {
    "laureate": "Dyplom laureata",
    "participant": "Zaświadczenie o udziale",
    "thanks": "Podziękowanie dla nauczyciela",
}


def create_records(apps, schema_editor):
    Diploma = apps.get_model("jury", "Diploma")
    Document = apps.get_model("verification", "Document")
    diplomas = Diploma.objects.filter(document__isnull=True).select_related(
        "entry__contest", "entry__school"
    )
    for diploma in diplomas.iterator():
        entry = diploma.entry
        document = Document.objects.create(
            code=diploma.code,
            kind_label=KIND_LABELS.get(diploma.kind, diploma.kind),
            title=f"{diploma.achievement} w konkursie „{entry.contest.title}” (film „{entry.title}”, {entry.school.name})"[:500],
            holder_name=diploma.recipient,
            issuer=entry.contest.organiser or "Edufest",
            issued_at=diploma.issued_at,
            language="pl",
        )
        diploma.document = document
        diploma.save(update_fields=["document"])


def remove_records(apps, schema_editor):
    Diploma = apps.get_model("jury", "Diploma")
    Document = apps.get_model("verification", "Document")
    ids = list(Diploma.objects.exclude(document=None).values_list("document_id", flat=True))
    Diploma.objects.update(document=None)
    Document.objects.filter(pk__in=ids).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("jury", "0004_diploma_verification_record"),
        ("verification", "0001_documents"),
    ]

    operations = [migrations.RunPython(create_records, remove_records)]
