"""The 目标进度填报表 alone (no pipeline): what a form holds, and that a returned form is read by its
content into progress report rows, whatever it is called."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from orchestration.ingest import inbox
from orchestration.ingest.parsed_cache import ParsedCache
from orchestration.office import form_layout as layout
from orchestration.office.forms import FormError, period_bounds, target_text, write_form

ROWS = [
    {"target_id": "SZ-2023-2321:aaaaaaaaaa", "metric_text": "专精特新企业", "comparator": "increase_by", "value": 15.0,
     "value_low": None, "value_high": None, "unit": "家", "target_year": 2023, "sentence": "力争新增省级专精特新企业15家。",
     "status": "no_data", "is_lead": True, "terms_digest": "d1", "last_value": None, "last_as_of": None},
    {"target_id": "CH-2018-QYZZ:bbbbbbbbbb", "metric_text": "电子信息亿元项目", "comparator": "range", "value": None,
     "value_low": 1.0, "value_high": 2.0, "unit": "个", "target_year": None, "sentence": "电子信息亿元项目1-2个。",
     "status": "no_data", "is_lead": False, "terms_digest": "d2", "last_value": 1.0, "last_as_of": dt.date(2024, 4, 30)},
]


def test_a_period_is_a_month():
    assert period_bounds("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    for bad in ("2024-13", "2024/05", "202405", ""):
        with pytest.raises(FormError):
            period_bounds(bad)


def test_a_target_reads_as_a_short_statement():
    assert target_text(ROWS[0]) == "专精特新企业 新增15家(2023年)"
    assert target_text(ROWS[1]) == "电子信息亿元项目 1–2个"


def test_a_returned_form_is_read_by_content_into_report_rows(tmp_path):
    form = write_form(tmp_path / "form.xlsx", "宿州市经济和信息化局", "2024-05", ROWS, dt.date(2024, 6, 1))
    book = load_workbook(form)
    sheet = book[layout.SHEET]
    assert [c.value for c in sheet[1]] == layout.HEADER and sheet.cell(2, 7).value == "牵头" and sheet.cell(3, 7).value == "配合"
    sheet.cell(2, layout.HEADER.index(layout.FILL_VALUE) + 1).value = 6
    sheet.cell(2, layout.HEADER.index(layout.FILL_AS_OF) + 1).value = dt.datetime(2024, 5, 31)
    sheet.cell(2, layout.HEADER.index(layout.FILL_BY) + 1).value = "张工 0557-1234567"
    box = tmp_path / "inbox"
    box.mkdir()
    book.save(box / "随便起的名字.xlsx")  # the second target is left blank: not a report
    [returned] = inbox.collect([], box, ParsedCache(tmp_path / "cache"))
    assert (returned.status, returned.kind, returned.row_count, returned.rows_blank) == ("accepted", "progress", 1, 1)
    import pandas as pd

    [row] = pd.read_parquet(returned.rows_file).to_dict("records")
    assert {k: row[k] for k in ("target_id", "value", "as_of", "reported_by", "reporting_unit", "form_period",
                                "form_digest", "value_unit")} == {
        "target_id": "SZ-2023-2321:aaaaaaaaaa", "value": "6", "as_of": "2024-05-31", "reported_by": "张工 0557-1234567",
        "reporting_unit": "宿州市经济和信息化局", "form_period": "2024-05", "form_digest": "d1", "value_unit": "家"}


def test_a_form_returned_empty_is_rejected_with_a_reason(tmp_path):
    box = tmp_path / "inbox"
    write_form(box / "空表.xlsx", "宿州市经济和信息化局", "2024-05", ROWS, dt.date(2024, 6, 1))
    [returned] = inbox.collect([], box, ParsedCache(tmp_path / "cache"))
    assert returned.status == "rejected" and "没有任何目标填写" in returned.reason
