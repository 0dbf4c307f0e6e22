"""Decode text files and read CSV / xlsx tables against a column contract.

A file that cannot be read as a whole (encoding, delimiter, columns, no rows) raises
`FileRejected` with a message written for the data office (`reasons`). Rows are returned as
strings, as a person sees them in the file, with their line (and sheet); typing and
harmonisation happen in dbt staging. Control characters are removed, with a note.

Workbooks are read the way Excel shows them: a percent-formatted cell (8.5%) reads as 8.5, merged
cells take the anchor's value, every worksheet with the contract's header is read (others are
named in the note), and a formula whose result was never saved rejects the file.
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..office import form_layout
from . import reasons

TABLE_SUFFIXES = (".csv", ".xlsx")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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
        raise FileRejected(reasons.empty_file(name))
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            decoded = DecodedText(data[3:].decode("utf-8"), "utf-8-sig", "UTF-8 byte-order mark removed")
        except UnicodeDecodeError as exc:
            raise FileRejected(reasons.bad_bom(name, exc.reason, exc.start)) from None
    else:
        try:
            decoded = DecodedText(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError as utf8_error:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise FileRejected(reasons.not_utf8(name, utf8_error.start)) from None
            if not _looks_like_chinese_text(text):
                raise FileRejected(reasons.not_readable_gbk(name))
            decoded = DecodedText(text, "gb18030", "converted from GBK/GB18030 to UTF-8")
    text, removed = _without_controls(decoded.text)
    if not removed:
        return decoded
    return DecodedText(text, decoded.encoding, _join(decoded.note, f"{removed} control character(s) removed (NUL etc.)"))


def _without_controls(text: str) -> tuple[str, int]:
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned, removed


def _join(*notes: str) -> str:
    return "; ".join(n for n in notes if n)


def _looks_like_chinese_text(text: str) -> bool:
    """GB18030 decodes almost any byte string; accept it only if it reads as CJK or ASCII text."""
    cjk = sum("\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef" for ch in text)
    printable_ascii = sum(ch.isascii() and (ch.isprintable() or ch in "\r\n\t") for ch in text)
    return (cjk + printable_ascii) / max(len(text), 1) > 0.95


def read_text(path: Path) -> DecodedText:
    return decode_text(path.read_bytes(), name=path.name)


@dataclass(frozen=True)
class Table:
    kind: str
    columns: list[str]
    rows: list[dict[str, str]]  # each row has every contract column plus "_line", "_sheet" and "_parse_error"
    blank_rows: int = 0
    note: str = ""


@dataclass(frozen=True)
class _Sheet:
    name: str
    header: list[str]
    header_row: int
    records: list[tuple[int, list[str]]]
    problem: str = ""  # why the header cannot be read, if it cannot


def read_table(path: Path, contracts: dict[str, list[str]]) -> Table:
    """Read a CSV or xlsx table under the contract its header matches (kind -> columns).

    A header with a key column (KEY_COLUMNS) reads as that contract; otherwise the first other one."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        decoded = read_text(path)
        sheets, note = [_csv_sheet(decoded.text, path.name, contracts)], decoded.note
    elif suffix == ".xlsx":
        sheets, note = _xlsx_sheets(path)
    else:
        raise FileRejected(reasons.unsupported_type(path.name, suffix))
    kind = _kind(sheets, contracts)
    columns = contracts[kind]
    readable = [s for s in sheets if not s.problem and not any(_header_problems(s.header, columns))]
    if not readable:
        first = sheets[0]
        detail = first.problem or reasons.header_problems(path.name, *_header_problems(first.header, columns), columns)
        raise FileRejected(detail if len(sheets) == 1 else reasons.no_sheet_with_header(path.name, detail))
    ignored = [s.name for s in sheets if s not in readable]
    if ignored:
        note = _join(note, f"worksheet(s) not read (header is not the template's): {', '.join(ignored)}")
    rows, blank = [], 0
    for sheet in readable:
        for line, values in sheet.records:
            if not any(v.strip() for v in values):
                blank += 1
                continue
            row = {col: (values[i].strip() if i < len(values) else "") for i, col in enumerate(sheet.header)}
            error = f"row has {len(values)} fields, header has {len(sheet.header)}" if len(values) != len(sheet.header) else ""
            sheet_name = sheet.name if suffix == ".xlsx" else ""
            rows.append({**{c: row.get(c, "") for c in columns}, "_line": str(line), "_sheet": sheet_name,
                         "_parse_error": error})
    if not rows:
        raise FileRejected(reasons.no_rows(path.name))
    return Table(kind=kind, columns=columns, rows=rows, blank_rows=blank, note=note)


# a header that holds one of these key columns reads as that contract (a progress report, a
# returned 目标进度填报表), whatever the file is called; any other header as the first unkeyed one
KEY_COLUMNS = {"progress": "target_id", "form": form_layout.TARGET_ID,
               # the firm-level sources (contracts.FIRM_*): 入库 month, 工业总产值, 项目编号
               "firm_register": "entered", "firm_months": "gross_output", "tech_projects": "project_id"}


def _kind(sheets: list[_Sheet], contracts: dict[str, list[str]]) -> str:
    for kind, key in KEY_COLUMNS.items():
        if kind in contracts and any(key in s.header for s in sheets):
            return kind
    return next((kind for kind in contracts if kind not in KEY_COLUMNS), next(iter(contracts)))


def _csv_sheet(text: str, name: str, contracts: dict[str, list[str]]) -> _Sheet:
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    header_row = 0
    widest = max(len(c) for c in contracts.values())
    try:
        for values in reader:
            if header is None:
                if not any(v.strip() for v in values):
                    continue
                header, header_row = [v.strip() for v in values], reader.line_num
                if len(header) == 1 and widest > 1:
                    delimiter = next((d for d in (";", "\t", "|", ",") if d in header[0]), None)
                    if delimiter:
                        raise FileRejected(reasons.wrong_delimiter(name, delimiter))
                continue
            if any(_swallowed_rows(v, len(header)) for v in values):
                raise FileRejected(reasons.unbalanced_quote(name, _first_odd_quote_line(text)))
            records.append((reader.line_num, values))
    except csv.Error:  # e.g. "field larger than field limit": a quote that never closes
        raise FileRejected(reasons.unbalanced_quote(name, _first_odd_quote_line(text))) from None
    if header is None:
        raise FileRejected(reasons.empty_file(name))
    return _Sheet("csv", header, header_row, records)


def _first_odd_quote_line(text: str) -> int:
    """The line where a quote opens and is not closed on that line (where the office should look)."""
    return next((n for n, line in enumerate(text.splitlines(), start=1) if line.count('"') % 2), 1)


def _swallowed_rows(value: str, width: int) -> bool:
    """A quoted field holding whole lines of the table: an opening quote that was never closed."""
    return "\n" in value and width > 2 and any(line.count(",") >= width - 1 for line in value.splitlines())


def _xlsx_sheets(path: Path) -> tuple[list[_Sheet], str]:
    from openpyxl import load_workbook  # imported lazily: only xlsx inputs need it

    try:
        # not read-only: merged ranges and number formats are only known to a loaded workbook
        values_book = load_workbook(path, data_only=True)
        formula_book = load_workbook(path, data_only=False)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for corrupt files
        raise FileRejected(reasons.not_xlsx(path.name, type(exc).__name__)) from None
    sheets, notes = [], {"percent": 0, "controls": 0}
    for values_sheet, formula_sheet in zip(values_book.worksheets, formula_book.worksheets):
        sheet = _read_sheet(path.name, values_sheet, formula_sheet, notes)
        if sheet is not None:
            sheets.append(sheet)
    if not sheets:
        raise FileRejected(reasons.empty_sheets(path.name))
    note = _join(
        f"{notes['percent']} percent-formatted cell(s) read as the percent shown (8.5% -> 8.5)" if notes["percent"] else "",
        f"{notes['controls']} control character(s) removed" if notes["controls"] else "",
    )
    return sheets, note


def _read_sheet(name: str, values_sheet, formula_sheet, notes: dict[str, int]) -> _Sheet | None:
    merged = {}
    for cells in values_sheet.merged_cells.ranges:
        anchor = values_sheet.cell(cells.min_row, cells.min_col)
        for row in range(cells.min_row, cells.max_row + 1):
            for col in range(cells.min_col, cells.max_col + 1):
                merged[(row, col)] = anchor
    rows: list[tuple[int, list[str]]] = []
    for number, cells in enumerate(values_sheet.iter_rows(), start=1):
        values = []
        for cell in cells:
            source = merged.get((cell.row, cell.column), cell)
            if source.value is None:
                formula = formula_sheet.cell(source.row, source.column).value
                if isinstance(formula, str) and formula.startswith("="):
                    raise FileRejected(reasons.formula_without_value(name, values_sheet.title, source.coordinate))
            values.append(_cell_text(source, notes))
        while values and values[-1] == "":
            values.pop()
        rows.append((number, values))
    content = [(n, v) for n, v in rows if v]
    if not content:
        return None
    header_row, header = content[0]
    merged_in_header = any(row == header_row for row, _ in merged)
    problem = reasons.merged_header(name, values_sheet.title, header_row) if "" in header or merged_in_header else ""
    # a sheet has no field count: trailing empty cells are empty fields, not missing ones
    records = [(n, v + [""] * (len(header) - len(v))) for n, v in rows if n > header_row]
    while records and not any(records[-1][1]):
        records.pop()  # Excel's used range often runs past the last row
    return _Sheet(values_sheet.title, header, header_row, records, problem)


def _cell_text(cell, notes: dict[str, int]) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        if "%" in (cell.number_format or ""):
            notes["percent"] += 1
            value = round(value * 100, 10)
        return _number_text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    text, removed = _without_controls(str(value))
    notes["controls"] += removed
    return text.strip()


def _number_text(value: float | int) -> str:
    """The cell's number as a plain decimal, the one form the models read as a number
    (repr gives 1e-05 for 0.00001); a NaN or infinite cell stays as repr writes it, not a number."""
    if isinstance(value, int) or not math.isfinite(value):
        return repr(value) if isinstance(value, float) else str(value)
    if value.is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")


def _header_problems(header: list[str], columns: list[str]) -> tuple[list[str], list[str], list[str]]:
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    duplicated = sorted({c for c in header if header.count(c) > 1})
    return missing, extra, duplicated
