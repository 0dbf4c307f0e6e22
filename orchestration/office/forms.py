"""目标进度填报表: one xlsx per responsible unit, listing the targets it answers for.

The rows come from the published warehouse (`form_rows`, SQL over the marts); `write_form` lays
them out with openpyxl (already the project's xlsx reader, and it writes sheet protection and
data validation, which a form needs). Only the four fill columns are unlocked; numbers and dates
are validated as they are typed; the header row is exactly `form_layout.HEADER`, which is how the
inbox recognises a returned form whatever its file name.
"""

from __future__ import annotations

import calendar
import math
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from .. import reference
from . import form_layout as layout
from .safe_cells import neutralise_sheet

PERIOD = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
# columns the inbox reads back from a returned form (form_layout.REPORT_FIELDS), kept exact
LITERAL = [layout.TARGET_ID, layout.UNIT, layout.PERIOD, layout.DIGEST, layout.MEASURE]

FORM_SQL = """
    select
        units.unit_name, units.is_lead, units.terms_digest, targets.target_id, targets.metric_text,
        targets.comparator, targets.value, targets.value_low, targets.value_high, targets.unit,
        targets.target_year, targets.sentence, progress.status,
        latest.value as last_value, latest.as_of as last_as_of
    from marts.fct_target_unit as units
    join marts.fct_policy_target as targets using (target_id)
    join marts.fct_target_progress as progress using (target_id)
    left join (
        select target_id, value, as_of from marts.fct_progress_report
        qualify row_number() over (partition by target_id order by as_of desc, source_file desc, source_line desc) = 1
    ) as latest using (target_id)
    where ($1 is null or units.unit_name = $1)
    order by units.unit_name, targets.target_year nulls last, targets.target_id
"""


class FormError(ValueError):
    """A request for forms that cannot be met (a bad period, an unknown unit)."""


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    match = PERIOD.match(period or "")
    if not match:
        raise FormError(f"填报期 {period!r} 应写作 YYYY-MM,例如 2024-05")
    year, month = int(match[1]), int(match[2])
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def form_rows(con, unit: str | None = None) -> dict[str, list[dict]]:
    """unit name -> its target rows (lead or co-unit), from the published marts."""
    cursor = con.execute(FORM_SQL, [unit])
    names = [d[0] for d in cursor.description]
    by_unit: dict[str, list[dict]] = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values))
        by_unit.setdefault(row["unit_name"], []).append(row)
    if unit and unit not in by_unit:
        raise FormError(f"没有以“{unit}”为责任单位的目标;单位名称以发表的填报表为准(kpi forms 不带 --unit 可列出全部)")
    return by_unit


def target_value(row: dict) -> float | str | None:
    """The value a unit reports against: 15, or `1–2` for a range; None when withheld."""
    if row["comparator"] == "range" and row["value_low"] is not None:
        return f"{_number(row['value_low'])}–{_number(row['value_high'])}"
    return row["value"]


def target_text(row: dict) -> str:
    """A short statement of the target: `专精特新企业 新增15家(2023年)`."""
    symbol = "" if row["comparator"] == "range" else \
        reference.labels("comparators", "comparator", "symbol_zh").get(row["comparator"], "")
    year = f"({row['target_year']}年)" if row["target_year"] else ""
    value = target_value(row)
    value = _number(value) if isinstance(value, float) else (value or "")
    return f"{row['metric_text'] or ''} {symbol}{value}{row['unit'] or ''}{year}".strip()


def write_form(path: Path | BinaryIO, unit: str, period: str, rows: Iterable[dict], issued: dt.date) -> Path | BinaryIO:
    """Lay out one unit's form and save it to `path` (a file, or a buffer the app hands out)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    first, last = period_bounds(period)
    rows = [_plain(row) for row in rows]
    book = Workbook()
    sheet = book.active
    sheet.title = layout.SHEET
    sheet.append(layout.HEADER)
    for row in rows:
        sheet.append([
            row["target_id"], target_text(row), row["sentence"], target_value(row), row["unit"], row["target_year"],
            "牵头" if row["is_lead"] else "配合", reference.labels("statuses", "status").get(row["status"], row["status"]),
            row["last_value"], row["last_as_of"],
            None, None, None, None, unit, period, row["terms_digest"],
        ])
    fill_columns = [layout.HEADER.index(name) + 1 for name in layout.FILL]
    editable = PatternFill("solid", fgColor="FFF2CC")
    for index, (name, width) in enumerate(layout.COLUMNS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        sheet.column_dimensions[letter].hidden = name in layout.HIDDEN
        header = sheet.cell(1, index)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="center")
    for cells in sheet.iter_rows(min_row=2, max_row=len(rows) + 1):
        for cell in cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column in fill_columns:
                cell.protection = Protection(locked=False)
                cell.fill = editable
    as_of_column = get_column_letter(layout.HEADER.index(layout.FILL_AS_OF) + 1)
    value_column = get_column_letter(layout.HEADER.index(layout.FILL_VALUE) + 1)
    for cell in sheet[as_of_column][1:]:
        cell.number_format = "yyyy-mm-dd"
    end_row = max(len(rows) + 1, 2)
    numbers = DataValidation(type="decimal", operator="between", formula1="-1000000000000", formula2="1000000000000",
                             showErrorMessage=True, errorTitle="请填写数字", error="本期完成值只能填写数字(不带单位),例如 12 或 3.5")
    dates = DataValidation(type="date", operator="between", formula1=f"DATE({first.year},{first.month},{first.day})",
                           formula2=f"DATE({last.year},{last.month},{last.day})", showErrorMessage=True,
                           errorTitle="请填写本期内的日期",
                           error=f"截至日期应在填报期 {period} 之内({first:%Y-%m-%d} 至 {last:%Y-%m-%d})")
    numbers.add(f"{value_column}2:{value_column}{end_row}")
    dates.add(f"{as_of_column}2:{as_of_column}{end_row}")
    sheet.add_data_validation(numbers)
    sheet.add_data_validation(dates)
    # texts from the data never become formulas; the columns the inbox reads back keep their exact
    # text (stored as literal text) so a returned form still matches its unit and targets
    neutralise_sheet(sheet, header_rows=1, literal_columns=[layout.HEADER.index(name) + 1 for name in LITERAL])
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True  # no password: it guards against slips, the office can lift it
    sheet.protection.formatColumns = False  # widths may still be changed
    _write_guide(book.create_sheet(layout.GUIDE_SHEET), unit, period, len(rows), issued, first, last)
    if isinstance(path, Path):
        path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _write_guide(sheet, unit: str, period: str, count: int, issued: dt.date, first: dt.date, last: dt.date) -> None:
    from openpyxl.styles import Alignment, Font

    lines = [
        f"{unit} 目标进度填报表({period})",
        f"发表日期:{issued:%Y-%m-%d};本表共 {count} 项目标。",
        "",
        "填报方法",
        f"1. 只在“{layout.SHEET}”工作表的黄色单元格中填写:{'、'.join(layout.FILL)}。其他单元格已锁定,请勿修改。",
        f"2. “{layout.FILL_VALUE}”只填数字,不带单位,单位以“{layout.MEASURE}”列为准;累计类目标填自年初(或规划期初)起的累计数。",
        f"3. “{layout.FILL_AS_OF}”填写完成值对应的日期,须在填报期 {first:%Y-%m-%d} 至 {last:%Y-%m-%d} 之内。",
        f"4. “{layout.FILL_NOTE}”简要说明进展、依据或困难;“{layout.FILL_BY}”填写填报人姓名和电话。",
        "5. 本期无进展的目标可以留空,不视为报送;配合单位报送的数值供参考,以牵头单位报送为准。",
        "6. 填好后保存为 xlsx(文件名可以修改),交数据办放入收件箱 data/inbox/。数据办按表头识别本表。",
        "7. 同一目标多次报送的,以截至日期最晚的一次为准,较早的报送留作历史。",
        "",
        "常见退回原因:目标编号被改动或删除;目标在发表后已调整(请按新表重填);数值不是数字,或数量、金额为负数;"
        "截至日期晚于今天或不在填报期内;填报单位不是该目标的责任单位;同一数值重复报送。",
    ]
    for line in lines:
        sheet.append([line])
    sheet.column_dimensions["A"].width = 110
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A4"].font = Font(bold=True)
    for cells in sheet.iter_rows():
        cells[0].alignment = Alignment(wrap_text=True, vertical="top")
    neutralise_sheet(sheet)  # the first line starts with the unit's name
    sheet.protection.sheet = True


def write_forms(con, out_dir: Path, period: str, unit: str | None = None,
                issued: dt.date | None = None) -> list[Path]:
    """Every unit's form (or one unit's) for the period, in `out_dir`."""
    period_bounds(period)
    issued = issued or dt.date.today()
    return [write_form(out_dir / layout.file_name(period, name), name, period, rows, issued)
            for name, rows in form_rows(con, unit).items()]


def _plain(row: dict) -> dict:
    """Rows as a DataFrame hands them over: NaN/NaT are None, whole-number years are ints."""
    plain = {}
    for key, value in row.items():
        if (isinstance(value, float) and math.isnan(value)) or type(value).__name__ in ("NAType", "NaTType"):
            value = None
        if hasattr(value, "to_pydatetime"):
            value = value.to_pydatetime().date()
        plain[key] = value
    if isinstance(plain.get("target_year"), float):
        plain["target_year"] = int(plain["target_year"])
    return plain


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
