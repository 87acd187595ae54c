from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump custom format on PostgreSQL, the sqlite3 backup API on SQLite), "
        "MEDIA_ROOT and PRIVATE_MEDIA_ROOT into a new directory, with a manifest of row counts and "
        "file hashes. See 'Backups and restore' in docs/security.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", help="a new or empty directory, e.g. /srv/backups/edufest/2026-11-23T0300"
        )

    def handle(self, *args, directory, **options):
        try:
            manifest = create_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["tables"].values())
        files = {name: len(entries) for name, entries in manifest["files"].items()}
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {directory}: {len(manifest['tables'])} tables, {rows} rows, "
                f"{files['media']} media files, {files['private']} private files."
            )
        )
