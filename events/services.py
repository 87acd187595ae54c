"""State changes of the events app."""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .models import Stand, Zone

MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_ROWS = 2000
XLSX_MAGIC = b"PK\x03\x04"
# Bytes no text file has: NUL and the C0 controls except tab, line feed, form feed and carriage return.
BINARY_BYTES = frozenset(range(0, 9)) | frozenset({11}) | frozenset(range(14, 32)) - {26}

# Accepted headings (lower case) of each column, Polish and English.
COLUMNS = {
    "institution": ("instytucja", "institution", "wystawca", "nazwa"),
    "zone": ("strefa", "zone"),
    "number": ("numer stoiska", "nr stoiska", "stoisko", "numer", "stand number", "stand", "number"),
    "description": ("opis", "krótki opis", "description", "short description"),
    "url": ("link", "adres www", "www", "strona", "url", "website"),
}
LIMITS = {"institution": 255, "number": 20, "url": 200}


class StandImportError(Exception):
    """The file cannot be imported; ``errors`` are messages for people (rows numbered as in the file)."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = list(errors)


@dataclass
class StandImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    stands: list = field(default_factory=list)


def _read_upload(file):
    file.seek(0)
    data = file.read(MAX_IMPORT_BYTES + 1)
    if len(data) > MAX_IMPORT_BYTES:
        raise StandImportError([_("The file is larger than 2 MB.")])
    if not data.strip():
        raise StandImportError([_("The file is empty.")])
    return data


def _xlsx_rows(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise StandImportError([_("The file is not a valid XLSX workbook.")]) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_IMPORT_ROWS + 2)]
    finally:
        workbook.close()


def _csv_rows(data):
    if BINARY_BYTES.intersection(data[:65536]):
        raise StandImportError(
            [_("The file is neither a CSV text file nor an XLSX workbook. Save the list as CSV or XLSX.")]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel in Polish Windows saves CSV in Windows-1250.
        text = data.decode("cp1250", errors="replace")
    first_line = text.splitlines()[0] if text else ""
    delimiter = max(";,\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise StandImportError([_("The CSV file cannot be read: %(error)s") % {"error": error}]) from error


def read_table(file):
    """Rows of an uploaded CSV or XLSX file, the type told by its content, not its name."""
    data = _read_upload(file)
    rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    return [["" if value is None else str(value).strip() for value in row] for row in rows]


def _cell_text(value):
    """Spreadsheets give 12.0 for 12: a whole number becomes "12"."""
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    return value


def _header_map(header):
    names = {heading.strip().lower(): index for index, heading in enumerate(header) if heading}
    found = {}
    for column, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                found[column] = names[alias]
                break
    if "institution" not in found:
        raise StandImportError(
            [
                _(
                    'The first row must hold the column headings; the column "institution" (or '
                    '"instytucja") is missing.'
                )
            ]
        )
    return found


def _find_zone(value, zones):
    if not value:
        return None
    if value.isdigit():
        for zone in zones:
            if zone.number == int(value):
                return zone
    for zone in zones:
        if zone.name.strip().lower() == value.lower() or str(zone).lower() == value.lower():
            return zone
    raise ValueError


def _clean_row(values, *, row_number, columns, zones):
    """The stand's fields from one row, or the row's error messages."""
    cell = {
        column: _cell_text(values[index]) if index < len(values) else "" for column, index in columns.items()
    }
    errors = []
    fields = {
        "institution": cell.get("institution", ""),
        "number": cell.get("number", ""),
        "description": cell.get("description", ""),
        "url": cell.get("url", ""),
    }
    if not fields["institution"]:
        errors.append(_("Row %(row)d: the institution is missing.") % {"row": row_number})
    for name, limit in LIMITS.items():
        if len(fields[name]) > limit:
            errors.append(
                _('Row %(row)d: the column "%(column)s" has more than %(limit)d characters.')
                % {"row": row_number, "column": COLUMNS[name][0], "limit": limit}
            )
    if fields["url"]:
        if "://" not in fields["url"]:
            fields["url"] = f"https://{fields['url']}"
        try:
            URLValidator(schemes=["http", "https"])(fields["url"])
        except ValidationError:
            errors.append(
                _('Row %(row)d: the link "%(url)s" is not a valid web address.')
                % {"row": row_number, "url": cell["url"]}
            )
    try:
        zone = _find_zone(cell.get("zone", ""), zones)
        fields["zone_id"] = zone.pk if zone else None
    except ValueError:
        errors.append(
            _('Row %(row)d: the fair has no zone "%(zone)s".') % {"row": row_number, "zone": cell["zone"]}
        )
    return fields, errors


def import_stands(*, event, file):
    """Create or update the stands of a fair from a CSV or XLSX file, all rows or none.

    A stand is matched by its number (or, without a number, by the institution's name), so importing
    the same file again changes nothing. Raises :class:`StandImportError` with every problem found.
    """
    rows = read_table(file)
    rows_with_numbers = [(number, row) for number, row in enumerate(rows, start=1) if any(row)]
    if not rows_with_numbers:
        raise StandImportError([_("The file is empty.")])
    (_header_number, header), *data_rows = rows_with_numbers
    columns = _header_map(header)
    if not data_rows:
        raise StandImportError([_("The file has headings but no stands.")])
    if len(data_rows) > MAX_IMPORT_ROWS:
        raise StandImportError([_("The file has more than %(limit)d rows.") % {"limit": MAX_IMPORT_ROWS}])

    zones = list(Zone.objects.filter(page=event))
    errors, cleaned, seen = [], [], {}
    for row_number, values in data_rows:
        fields, row_errors = _clean_row(values, row_number=row_number, columns=columns, zones=zones)
        key = _stand_key(fields["number"], fields["institution"])
        if not row_errors and key in seen:
            row_errors.append(
                _("Row %(row)d repeats the stand of row %(first)d.") % {"row": row_number, "first": seen[key]}
            )
        seen.setdefault(key, row_number)
        errors.extend(row_errors)
        cleaned.append(fields)
    if errors:
        raise StandImportError(errors)

    result = StandImportResult()
    with transaction.atomic():
        existing = {
            _stand_key(stand.number, stand.institution): stand
            for stand in Stand.objects.select_for_update().filter(event=event).order_by("pk")
        }
        for fields in cleaned:
            stand = existing.get(_stand_key(fields["number"], fields["institution"]))
            if stand is None:
                stand = Stand.objects.create(event=event, **fields)
                result.created += 1
            else:
                changed = [name for name, value in fields.items() if getattr(stand, name) != value]
                for name in changed:
                    setattr(stand, name, fields[name])
                if changed:
                    stand.save(update_fields=changed)
                    result.updated += 1
                else:
                    result.unchanged += 1
            result.stands.append(stand)
    return result


def _stand_key(number, institution):
    return ("number", number.lower()) if number else ("institution", institution.lower())
