"""Tables as files: CSV and XLSX (openpyxl) downloads, and reading either back.

A CSV is UTF-8 with a byte order mark and semicolons, as Finnish Excel opens it; reading
accepts commas too.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils.text import slugify

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return ""
    return value if isinstance(value, int | float) else str(value)


def csv_bytes(header: Sequence, rows: Iterable[Sequence]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(column) for column in header])
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, header: Sequence, rows: Iterable[Sequence]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    # A sheet's title is at most 31 characters and without []:*?/\.
    sheet = workbook.create_sheet(title="".join(c for c in str(title) if c not in "[]:*?/\\")[:31])
    sheet.append([str(column) for column in header])
    for row in rows:
        sheet.append([float(v) if isinstance(v, Decimal) else _cell(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_response(name: str, header, rows, fmt: str) -> HttpResponse:
    """The table as a CSV or XLSX download named after `name`."""
    rows = list(rows)
    filename = slugify(str(name))[:60] or "data"
    if fmt == "xlsx":
        response = HttpResponse(xlsx_bytes(name, header, rows), content_type=XLSX_TYPE)
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def read_rows(data: bytes, filename: str) -> list[list[str]]:
    """The rows of an uploaded CSV or XLSX file as text, the header row first.

    Raises ValueError when the file is neither."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise ValueError(str(error)) from error
        sheet = workbook.worksheets[0]
        return [
            ["" if value is None else _text(value) for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(str(error)) from error
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ";", delimiters=";,")
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)
