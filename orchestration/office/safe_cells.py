"""Spreadsheet cells that cannot become formulas (CSV and xlsx injection).

A text taken from the data (a policy's sentence, a unit's name, a source title) that starts with
`=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel and WPS as a formula when a CSV is
opened, and openpyxl writes a Python string starting with `=` as a formula. The OWASP advice is
followed: such a text gets a leading single quote, so it shows as written and is never evaluated.
Numbers, dates and empty cells are left alone (a -5.2 stays the number -5.2); only text is
neutralised, and only text that starts with one of those characters.

`neutralise` is the rule; the rest apply it to a DataFrame (CSV downloads) or to the sheets of an
openpyxl workbook (xlsx downloads and exports). No Streamlit here: the app, `kpi forms` and
`kpi pack` share it.
"""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text starting like a formula gets a leading `'`; every other value is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_frame(frame):
    """A copy of a DataFrame with every text cell neutralised (numeric columns untouched)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype).startswith("string"):
            out[column] = out[column].map(neutralise)
    return out


def neutralise_sheet(sheet, *, literal_columns: Iterable[int] = (), header_rows: int = 0) -> None:
    """Neutralise every text cell of an openpyxl worksheet in place.

    `literal_columns` (1-based, below the first `header_rows` rows) hold values a program reads
    back (a returned form's unit name, its target id): they keep their text exactly and are instead
    stored as literal text with Excel's own quote-prefix flag (what typing a leading `'` in Excel
    does; the `'` is not part of the value), so they are not evaluated either."""
    literal = set(literal_columns)
    for row in sheet.iter_rows():
        for cell in row:
            value = cell.value
            if not isinstance(value, str) or neutralise(value) == value:
                continue
            if cell.column in literal and cell.row > header_rows:
                cell.data_type = "s"  # openpyxl typed a leading '=' as a formula
                cell.quotePrefix = True
            else:
                cell.value = neutralise(value)


def neutralise_book(book) -> None:
    """Neutralise every text cell of every sheet of an openpyxl workbook."""
    for sheet in book.worksheets:
        neutralise_sheet(sheet)
