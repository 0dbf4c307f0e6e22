"""The columns of a 目标进度填报表, the one definition the form writer and the inbox reader share.

A form is recognised by its header, whatever the file is called: a worksheet whose first row holds
exactly these texts. The unit fills the four FILL columns; every other cell is locked.
"""

from __future__ import annotations

TARGET_ID = "目标编号"
FILL_VALUE = "本期完成值"
FILL_AS_OF = "截至日期"
FILL_NOTE = "完成情况说明"
FILL_BY = "填报人/联系电话"
FILL = [FILL_VALUE, FILL_AS_OF, FILL_NOTE, FILL_BY]

UNIT = "填报单位"
PERIOD = "填报期"
DIGEST = "目标校验码"  # the target's terms when the form was issued (marts.fct_target_unit.terms_digest)
MEASURE = "单位"

# the header row, left to right (widths in characters)
COLUMNS = [
    (TARGET_ID, 26), ("目标内容", 28), ("目标条款", 60), ("目标值", 10), (MEASURE, 8), ("目标年份", 9),
    ("责任分工", 9), ("当前状态", 10), ("上次报送值", 11), ("上次截至日期", 13),
    (FILL_VALUE, 12), (FILL_AS_OF, 13), (FILL_NOTE, 36), (FILL_BY, 20),
    (UNIT, 18), (PERIOD, 9), (DIGEST, 12),
]
HEADER = [name for name, _width in COLUMNS]
HIDDEN = [DIGEST]

SHEET = "填报表"
GUIDE_SHEET = "填报说明"

# how a form row becomes a progress report row (orchestration.ingest contracts, plus form columns)
REPORT_FIELDS = {
    "target_id": TARGET_ID, "value": FILL_VALUE, "as_of": FILL_AS_OF, "note": FILL_NOTE,
    "reported_by": FILL_BY, "reporting_unit": UNIT, "form_period": PERIOD, "form_digest": DIGEST,
    "value_unit": MEASURE,
}


def file_name(period: str, unit: str) -> str:
    """`2024-05_宿州市_市经济和信息化局_目标进度填报表.xlsx` (the region keeps two cities' 市经信局 apart)."""
    return f"{period}_{unit.replace('/', '／')}_目标进度填报表.xlsx"


def reports(rows: list[dict[str, str]]) -> tuple[list[dict[str, str]], int]:
    """The progress report rows of a returned form (read under HEADER), and how many target rows
    the unit left unfilled (not a report: the target simply had nothing to report this time)."""
    reported, unfilled = [], 0
    for row in rows:
        if not any((row.get(name) or "").strip() for name in FILL):
            unfilled += 1
            continue
        reported.append({**{field: row.get(column, "") for field, column in REPORT_FIELDS.items()},
                         **{key: row[key] for key in ("_line", "_sheet", "_parse_error")}})
    return reported, unfilled
