"""Spreadsheet cells from the data never become formulas (CSV/xlsx injection), and numbers stay numbers."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook

from orchestration.ingest import inbox
from orchestration.ingest.parsed_cache import ParsedCache
from orchestration.office import form_layout as layout
from orchestration.office.forms import write_form
from orchestration.office.pack import PackData, write_xlsx
from orchestration.office.safe_cells import neutralise, neutralise_frame

HYPERLINK = '=HYPERLINK("http://evil","x")'


@pytest.mark.parametrize("text", [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_a_text_starting_like_a_formula_gets_a_leading_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("value", ["宿州市经济和信息化局", "a=b", " =1", "", "'=already", "2024-05", "—"])
def test_other_texts_are_left_as_written(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("value", [-5.2, -3, 0, 12.5, True, None, dt.date(2024, 5, 31)])
def test_numbers_dates_and_empty_cells_are_not_touched(value):
    assert neutralise(value) is value


def test_a_frame_neutralises_text_columns_only():
    frame = pd.DataFrame({"text": [HYPERLINK, "ok", None], "number": [-5.2, 1.0, None],
                          "year": pd.array([2023, None, 2025], dtype="Int64")})
    out = neutralise_frame(frame)
    assert list(out["text"][:2]) == ["'" + HYPERLINK, "ok"] and out["text"][2] is None
    assert out["number"].dtype == float and out["number"][0] == -5.2
    assert str(out["year"].dtype) == "Int64"
    assert frame["text"][0] == HYPERLINK  # the input is not changed
    csv = out.to_csv(index=False)
    assert ",-5.2," in csv and "'=HYPERLINK" in csv


ROW = {"target_id": "SZ-2023-2321:aaaaaaaaaa", "metric_text": "-专精特新企业", "comparator": "increase_by", "value": 15.0,
       "value_low": None, "value_high": None, "unit": "家", "target_year": 2023, "sentence": HYPERLINK,
       "status": "no_data", "is_lead": True, "terms_digest": "d1", "last_value": -5.2, "last_as_of": None}


def _cell(sheet, row: int, name: str):
    return sheet.cell(row, layout.HEADER.index(name) + 1)


def test_a_form_with_a_hostile_sentence_and_unit_is_inert_and_reads_back(tmp_path):
    unit = "-测试局"  # a unit's name as a document wrote it, starting like a formula
    form = write_form(tmp_path / "form.xlsx", unit, "2024-05", [ROW], dt.date(2024, 6, 1))
    book = load_workbook(form)
    sheet = book[layout.SHEET]
    clause = _cell(sheet, 2, "目标条款")
    assert clause.value == "'" + HYPERLINK and clause.data_type == "s"  # not a formula
    assert _cell(sheet, 2, "目标内容").value.startswith("'-专精特新企业")
    assert _cell(sheet, 2, "上次报送值").value == -5.2  # a number stays a number
    # the unit column is read back by the inbox: kept exactly, stored as literal (quote-prefixed) text
    unit_cell = _cell(sheet, 2, layout.UNIT)
    assert unit_cell.value == unit and unit_cell.data_type == "s" and unit_cell.quotePrefix
    assert book[layout.GUIDE_SHEET]["A1"].value.startswith("'-测试局")
    assert not any(c.data_type == "f" for s in book.worksheets for r in s.iter_rows() for c in r)
    # a unit fills it in and returns it: the report carries the unit's name exactly, without a quote
    _cell(sheet, 2, layout.FILL_VALUE).value = 6
    _cell(sheet, 2, layout.FILL_AS_OF).value = dt.datetime(2024, 5, 31)
    box = tmp_path / "inbox"
    box.mkdir()
    book.save(box / "returned.xlsx")
    [returned] = inbox.collect([], box, ParsedCache(tmp_path / "cache"))
    assert returned.status == "accepted", returned.reason
    [row] = pd.read_parquet(returned.rows_file).to_dict("records")
    assert (row["reporting_unit"], row["target_id"], row["form_period"], row["value_unit"]) == (
        unit, ROW["target_id"], "2024-05", "家")


def test_a_form_unit_starting_with_equals_is_not_a_formula(tmp_path):
    form = write_form(tmp_path / "form.xlsx", "=1+1", "2024-05", [ROW], dt.date(2024, 6, 1))
    cell = _cell(load_workbook(form)[layout.SHEET], 2, layout.UNIT)
    assert cell.value == "=1+1" and cell.data_type == "s"
    assert load_workbook(form, data_only=True)[layout.SHEET].cell(cell.row, cell.column).value == "=1+1"


def test_the_meeting_pack_xlsx_neutralises_units_sentences_and_reporters():
    tables = {
        "units": [{"unit_name": "@恶意单位", "targets_owned": 1, "targets_led": 1, "reports_expected": 1,
                   "targets_reported": 0, "targets_overdue": 1, "led_on_track_pct": -5.2, "last_report_as_of": None,
                   "evaluation_date": dt.date(2024, 5, 31)}],
        "unit_targets": [{"unit_name": "@恶意单位", "target_id": "T1", "metric_text": "+指标", "target_year": 2025,
                          "is_lead": True, "status": "no_data", "reported_in_period": False, "report_expected": True,
                          "last_report_as_of": None, "last_report_value": -3.0, "last_reported_by": "-张三",
                          "sentence": HYPERLINK}],
        "counties": [], "race": [{"region_name": "=萧县", "metric": "产值", "year": 2023, "value": -5.2, "unit": "%",
                                  "rank_in_city": 1, "regions_ranked": 3, "source_title": "=HYPERLINK(\"http://evil\")"}],
        "lagging": [{"target_id": "T1", "metric_text": "指标", "subject_region": "萧县", "target_year": 2025,
                     "status": "no_data", "overdue": True, "lead_unit": "@恶意单位", "evidence_used": "-依据",
                     "sentence": HYPERLINK}],
    }
    data = PackData("2024-05", dt.datetime(2024, 6, 1, 9, 0), tables)
    book = load_workbook(io.BytesIO(write_xlsx(data, io.BytesIO()).getvalue()))
    cells = [c for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert {"'" + HYPERLINK, "'@恶意单位", "'+指标", "'-张三", "'=萧县", "'-依据"} <= texts
    assert not any(isinstance(t, str) and t.startswith(("=", "+", "-", "@")) for t in texts)
    numbers = [c.value for c in cells if isinstance(c.value, (int, float))]
    assert -5.2 in numbers and -3.0 in numbers  # numbers stay numbers


def test_xlsx_numbers_read_as_plain_decimals(tmp_path):
    # the models read only a plain decimal as a number: repr's 1e-05 would be quarantined
    from openpyxl import Workbook

    from orchestration.ingest.contracts import FIGURE_COLUMNS
    from orchestration.ingest.readers import read_table

    book = Workbook()
    sheet = book.active
    sheet.append(FIGURE_COLUMNS)
    for value in (0.00001, 1.5e16, 8.5, 150.0):
        sheet.append(["萧县", 2024, "Y", "tech_renovation_investment", value, "亿元", "official", "t", "u", ""])
    path = tmp_path / "figures.xlsx"
    book.save(path)
    table = read_table(path, {"figures": FIGURE_COLUMNS})
    assert [row["value"] for row in table.rows] == ["0.00001", "15000000000000000", "8.5", "150"]
