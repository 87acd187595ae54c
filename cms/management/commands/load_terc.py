"""``manage.py load_terc <path>``: refresh the register of places from a newer official TERC file."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.places.models import County, Municipality, Voivodeship
from cms.places.queries import clear_register
from cms.places.teryt import TercError, load_terc, read_terc


class Command(BaseCommand):
    help = (
        "Load a TERYT TERC file (GUS, 'urzędowy' variant, semicolon-separated): adds and renames "
        "voivodeships, counties and gminas; never deletes, marks units missing from the file."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the TERC CSV file, e.g. TERC_Urzedowy_2025-01-01.csv")

    def handle(self, *args, path, **options):
        try:
            data = read_terc(path)
        except (OSError, UnicodeDecodeError, TercError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        with transaction.atomic():
            report = load_terc(data, Voivodeship=Voivodeship, County=County, Municipality=Municipality)
        clear_register()
        for level, code, name in report.added:
            self.stdout.write(f"added {level} {code} {name}")
        for level, code, old, new in report.renamed:
            self.stdout.write(f"renamed {level} {code} {old} -> {new}")
        for level, code, name in report.left:
            self.stdout.write(f"no longer in the register: {level} {code} {name}")
        for level, code, name in report.returned:
            self.stdout.write(f"back in the register: {level} {code} {name}")
        self.stdout.write(
            f"{len(data.voivodeships)} voivodeships, {len(data.counties)} counties, "
            f"{len(data.municipalities)} gminas; {len(report.added)} added, {len(report.renamed)} renamed, "
            f"{len(report.left)} no longer in the register, {len(report.returned)} back."
        )
