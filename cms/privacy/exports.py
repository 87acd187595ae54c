"""The export of a data-subject request as a ZIP: ``data.json`` (everything) and one CSV per table."""

import csv
import io
import json
import zipfile

from cms.files.spreadsheets import neutralise_csv


def _cell(value):
    """Lists and dicts as JSON; a text a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    return neutralise_csv(value)


def table_csv(rows):
    buffer = io.StringIO()
    columns = []
    for row in rows:
        columns.extend(name for name in row if name not in columns)
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return buffer.getvalue()


def csv_name(source_key, table):
    return f"csv/{source_key}-{table}.csv"


def build_zip(export_data):
    """The ZIP bytes of a completed export (``DataSubjectRequest.export_json``, parsed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(export_data, ensure_ascii=False, indent=2))
        for source in export_data["sources"]:
            for table, rows in source["tables"].items():
                # UTF-8 with a byte-order mark, so spreadsheets open Polish letters correctly.
                archive.writestr(csv_name(source["key"], table), "\ufeff" + table_csv(rows))
    return buffer.getvalue()
