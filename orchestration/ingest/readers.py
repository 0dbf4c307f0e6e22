"""Decode text files and read CSV / xlsx tables against a column contract.

A file that cannot be read as a whole (encoding, delimiter, columns, no rows) raises
`FileRejected` with a message written for the data office. Rows are returned as strings,
exactly as received, with their line number; typing and harmonisation happen in dbt staging.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

TABLE_SUFFIXES = (".csv", ".xlsx")


class FileRejected(Exception):
    """The whole file is unusable; the message says why and how to fix it."""


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # "utf-8", "utf-8-sig" or "gb18030"
    note: str = ""


def decode_text(data: bytes, *, name: str = "file") -> DecodedText:
    """UTF-8 (with or without BOM) as is; GBK/GB18030 converted with a note; else rejected."""
    if not data.strip():
        raise FileRejected(f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return DecodedText(data[3:].decode("utf-8"), "utf-8-sig", "UTF-8 byte-order mark removed")
        except UnicodeDecodeError as exc:
            raise FileRejected(f"{name}: starts with a UTF-8 BOM but is not valid UTF-8 ({exc.reason} at byte {exc.start})") from None
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise FileRejected(
                f"{name}: not UTF-8 (invalid byte at {utf8_error.start}) and not GBK/GB18030 either; "
                "save the file as UTF-8 (Excel: 另存为 → CSV UTF-8) and drop it in the inbox again"
            ) from None
        if not _looks_like_chinese_text(text):
            raise FileRejected(f"{name}: not UTF-8 and does not decode to readable GBK text; save it as UTF-8")
        return DecodedText(text, "gb18030", "converted from GBK/GB18030 to UTF-8")


def _looks_like_chinese_text(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only if it reads as CJK or ASCII text."""
    cjk = sum("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)
    printable_ascii = sum(ch.isascii() and (ch.isprintable() or ch in "\r\n\t") for ch in text)
    return (cjk + printable_ascii) / max(len(text), 1) > 0.95


def read_text(path: Path) -> DecodedText:
    return decode_text(path.read_bytes(), name=path.name)


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[dict[str, str]]  # each row has every contract column plus "_line" and "_parse_error"
    note: str = ""


def read_table(path: Path, columns: list[str]) -> Table:
    """Read a CSV or xlsx whose header must be exactly `columns` (any order)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        decoded = read_text(path)
        header, records = _csv_records(decoded.text, path.name, columns)
        note = decoded.note
    elif suffix == ".xlsx":
        header, records = _xlsx_records(path)
        note = ""
    else:
        raise FileRejected(f"{path.name}: unsupported file type {suffix!r}; use .csv (UTF-8) or .xlsx")
    _check_header(path.name, header, columns)
    rows = []
    for line, values in records:
        if not any(v.strip() for v in values):
            continue  # blank line
        row = {col: (values[i].strip() if i < len(values) else "") for i, col in enumerate(header)}
        error = ""
        if len(values) != len(header):
            error = f"row has {len(values)} fields, header has {len(header)}"
        rows.append({**{c: row.get(c, "") for c in columns}, "_line": str(line), "_parse_error": error})
    if not rows:
        raise FileRejected(f"{path.name}: the header is there but there are no data rows")
    return Table(columns=header, rows=rows, note=note)


def read_header(path: Path) -> list[str]:
    """The column names of a CSV or xlsx table (for classifying inbox files)."""
    if path.suffix.lower() == ".xlsx":
        header, _ = _xlsx_records(path, max_rows=1)
        return header
    header, _ = _csv_records(read_text(path).text, path.name, None)
    return header


def _csv_records(text: str, name: str, columns: list[str] | None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    for values in reader:
        if header is None:
            if not any(v.strip() for v in values):
                continue
            header = [v.strip() for v in values]
            if len(header) == 1 and columns and len(columns) > 1:
                delimiter = next((d for d in (";", "\t", "|", ",") if d in header[0]), None)
                if delimiter:
                    raise FileRejected(
                        f"{name}: columns are separated by {delimiter!r}; the contract is comma-separated CSV"
                    )
            continue
        records.append((reader.line_num, values))
    if header is None:
        raise FileRejected(f"{name}: the file is empty")
    return header, records


def _xlsx_records(path: Path, max_rows: int | None = None) -> tuple[list[str], list[tuple[int, list[str]]]]:
    from openpyxl import load_workbook  # imported lazily: only xlsx inputs need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for corrupt files
        raise FileRejected(f"{path.name}: not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        records: list[tuple[int, list[str]]] = []
        for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            values = [_cell_text(c) for c in cells]
            while values and values[-1] == "":
                values.pop()
            if header is None:
                if not values:
                    continue
                if "" in values:
                    raise FileRejected(
                        f"{path.name}: the header row (row {number}) has empty cells — merged header cells? "
                        "Use one header row with one column name per cell"
                    )
                header = values
                if max_rows is not None:
                    break
                continue
            # a sheet has no field count: trailing empty cells are empty fields, not missing ones
            records.append((number, values + [""] * (len(header) - len(values))))
        if header is None:
            raise FileRejected(f"{path.name}: the workbook's first sheet is empty")
        return header, records
    finally:
        workbook.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value).strip()


def _check_header(name: str, header: list[str], columns: list[str]) -> None:
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    problems = []
    if missing:
        problems.append(f"missing columns: {', '.join(missing)}")
    if extra:
        problems.append(f"unexpected columns: {', '.join(extra)}")
    if duplicated:
        problems.append(f"duplicated columns: {', '.join(duplicated)}")
    if problems:
        raise FileRejected(f"{name}: {'; '.join(problems)}. The contract is: {','.join(columns)}")
