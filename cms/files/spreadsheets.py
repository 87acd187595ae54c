"""The one writer of every spreadsheet the site exports (XLSX and CSV), so none can carry a formula.

XLSX (``Workbook``): openpyxl's write-only (streaming) mode; every text cell is written as an
explicit string (``data_type = "s"``, an inline string), so ``=HYPERLINK(...)`` stays that exact
text and is never a formula, without an apostrophe in front; characters that XML cannot hold are
dropped instead of failing. Dates and times are real Excel dates (aware times in Europe/Warsaw)
with a number format; the header row is bold and frozen; columns are as wide as their content
(measured on the first rows) within limits.

CSV (``csv_bytes``): a text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
gets a leading apostrophe (OWASP's advice: CSV has no cell types to say "this is text").

``cms`` is the base layer: ``events`` and ``contests`` import this module, never the reverse.
"""

import csv
import datetime
import decimal
import io
import itertools
import zoneinfo

from openpyxl import Workbook as OpenpyxlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
WARSAW = zoneinfo.ZoneInfo("Europe/Warsaw")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60
MEASURED_ROWS = 200  # rows read ahead to size the columns; the rest are streamed
SHEET_TITLE_LENGTH = 31  # Excel's limit
FORBIDDEN_IN_TITLES = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def neutralise_csv(value):
    """A CSV field: text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = _warsaw(value).strftime("%Y-%m-%d %H:%M")
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(rows, *, delimiter=";", bom=True):
    """UTF-8 CSV (with a byte-order mark, so spreadsheets read Polish letters) of ``rows``."""
    buffer = io.StringIO()
    if bom:
        buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow([neutralise_csv(value) for value in row])
    return buffer.getvalue().encode("utf-8")


def _warsaw(value):
    """An aware datetime as naive Europe/Warsaw wall time (Excel has no time zones)."""
    if value.tzinfo is not None:
        value = value.astimezone(WARSAW).replace(tzinfo=None)
    return value.replace(microsecond=0)


def cell_value(value):
    """``(value, data_type, number_format)`` of one XLSX cell; text is always a plain string."""
    if value is None:
        return None, None, None
    if isinstance(value, bool):
        return value, "b", None
    if isinstance(value, (int, float, decimal.Decimal)):
        return value, "n", None
    if isinstance(value, datetime.datetime):
        return _warsaw(value), "d", DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return value, "d", DATE_FORMAT
    if isinstance(value, datetime.time):
        return value.replace(tzinfo=None, microsecond=0), "d", TIME_FORMAT
    return ILLEGAL_CHARACTERS_RE.sub("", str(value)), "s", None


def _display_length(value):
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def sheet_title(title):
    cleaned = str(title).translate(FORBIDDEN_IN_TITLES).strip() or "Arkusz"
    return cleaned[:SHEET_TITLE_LENGTH]


class Workbook:
    """A streaming XLSX workbook: ``add_sheet(title, header, rows)`` for each sheet, then ``to_bytes()``.

    ``header`` is the first row (bold, frozen); ``rows`` any iterable of lists; ``widths`` may fix
    some column widths (``{0: 40}``), the others are measured; ``preamble`` rows (e.g. a title and
    the filters used) come before the header, which is then the row that stays frozen.
    """

    def __init__(self):
        self._book = OpenpyxlWorkbook(write_only=True)

    def add_sheet(self, title, header, rows, *, widths=None, preamble=()):
        sheet = self._book.create_sheet(sheet_title(title))
        rows = iter(rows)
        ahead = list(itertools.islice(rows, MEASURED_ROWS))
        preamble = [list(row) for row in preamble]
        columns = max([len(header), *(len(row) for row in ahead)], default=0)
        widths = dict(widths or {})
        for index in range(columns):
            if index not in widths:
                lengths = [_display_length(row[index]) for row in [header, *ahead] if index < len(row)]
                widths[index] = min(max([MIN_WIDTH, *(length + 2 for length in lengths)]), MAX_WIDTH)
            sheet.column_dimensions[get_column_letter(index + 1)].width = widths[index]
        header_row = len(preamble) + 1
        sheet.freeze_panes = f"A{header_row + 1}"
        bold = Font(bold=True)
        for row in preamble:
            sheet.append(
                [
                    self._cell(sheet, value, font=bold if index == 0 else None)
                    for index, value in enumerate(row)
                ]
            )
        sheet.append([self._cell(sheet, value, font=bold, wrap=True) for value in header])
        for row in itertools.chain(ahead, rows):
            sheet.append([self._cell(sheet, value) for value in row])
        return sheet

    @staticmethod
    def _cell(sheet, value, *, font=None, wrap=False):
        value, data_type, number_format = cell_value(value)
        cell = WriteOnlyCell(sheet, value=value)
        if data_type is not None:
            cell.data_type = data_type  # after the value: a text starting with "=" stays text
        if number_format:
            cell.number_format = number_format
        if font is not None:
            cell.font = font
        if wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell

    def to_bytes(self):
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()
