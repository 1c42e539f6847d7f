"""Spreadsheets read into rows of text: CSV (any of the encodings and delimiters Excel
writes) or XLSX (formulas read as their values), with caps on size and rows.

Nothing here knows what a row means; `importers.sheet_kinds` does.
"""

import csv
import datetime as dt
import io
import zipfile

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 1000
CSV_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")


class SheetError(Exception):
    """The file cannot be read as a table; nothing of it is imported."""


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The rows of a CSV or XLSX file as text, the header row first, empty rows kept
    (so that row numbers match what the person sees in their program)."""
    if len(data) > MAX_BYTES:
        raise SheetError(
            _("The file is too large: at most %(mb)s MB, please.") % {"mb": MAX_BYTES // 2**20}
        )
    name = filename.lower()
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        rows = _csv_rows(data)
    else:
        raise SheetError(_("Choose a CSV or XLSX file (.csv or .xlsx)."))
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if len(rows) < 2:
        raise SheetError(_("The file has no rows under its header row."))
    if len(rows) - 1 > MAX_ROWS:
        raise SheetError(
            _("The file has %(count)s rows; at most %(max)s rows at a time, please.")
            % {"count": len(rows) - 1, "max": MAX_ROWS}
        )
    return rows


def _csv_rows(data: bytes) -> list[list[str]]:
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:1024]:
        raise SheetError(_("This is not a CSV file. Save the sheet as CSV or XLSX."))
    for encoding in CSV_ENCODINGS:  # Excel's "CSV" is cp1252 on Finnish Windows
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    # Finnish Excel writes semicolons (the comma is the decimal mark); others commas.
    delimiter = ";" if header.count(";") >= header.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise SheetError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SheetError(_("This is not an XLSX file. Save the sheet as CSV or XLSX."))
    try:
        # data_only: a formula cell gives the value Excel last calculated, never the formula.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append([_text(value) for value in row])
            if len(rows) > MAX_ROWS + 1:
                break
        workbook.close()
    except Exception as error:  # openpyxl raises many kinds on a broken file
        raise SheetError(_("The XLSX file cannot be read.")) from error
    return rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "kyllä" if value else "ei"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()[:10] if isinstance(value, dt.date) else value.strftime("%H:%M")
    return str(value).strip()
