from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import BackupError, check_archives, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by 'manage.py backup' into the configured database, which must be empty "
        "(no tables), and into empty MEDIA_ROOT and PRIVATE_MEDIA_ROOT; then compare every table's row "
        "count and every file's SHA-256 with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="a directory written by 'manage.py backup'")
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="only check that the manifest is there and every archive matches its SHA-256",
        )

    def handle(self, *args, directory, check_only, **options):
        try:
            if check_only:
                manifest = read_manifest(directory)
                check_archives(directory, manifest)
                self.stdout.write(self.style.SUCCESS(f"{directory}: every archive matches the manifest."))
                return
            report = restore_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored and verified: {report.tables} tables, {report.rows} rows, "
                f"{report.files['media']} media files, {report.files['private']} private files."
            )
        )
