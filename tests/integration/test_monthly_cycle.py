"""月调度 round trip on the real pipeline: forms go out (`kpi forms`), two units fill theirs in
(programmatically, with openpyxl, as Excel would save them), one never reports; the filled
workbooks come back through the inbox under names of their own, and the statuses, the quarantine
and its reasons follow.

The filled forms are test data made here (tests/fixtures rule: nothing invented goes to seeds/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from orchestration.office import form_layout as layout
from tests.pipeline_support import Pipeline

PERIOD = "2024-05"
COMPLETE = "宿州市经济和信息化局"   # fills every row
WITH_ERRORS = "宿州市农业农村局"      # fills its rows, five of them wrongly
SILENT = "巢湖市经信委"               # never reports


def _column(name: str) -> int:
    return layout.HEADER.index(name) + 1


def _fill(form: Path, out: Path, values: dict[int, dict[str, object]], default: dict[str, object] | None) -> Path:
    """Fill a form as a unit would: `values` by sheet row (2 = first target), `default` for the rest."""
    book = load_workbook(form)
    sheet = book[layout.SHEET]
    for row in range(2, sheet.max_row + 1):
        cells = values.get(row, default)
        for name, value in (cells or {}).items():
            sheet.cell(row, _column(name)).value = value
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _reaches(sheet, row: int):
    """A value that meets the row's target (its value, or the low end of a range)."""
    value = sheet.cell(row, _column("目标值")).value
    if isinstance(value, str) and "–" in value:
        value = float(value.split("–")[0])
    return value


@pytest.fixture(scope="module")
def cycle(seed_pipeline, tmp_path_factory):
    import datetime as dt

    pipeline = Pipeline.copy_of(seed_pipeline, tmp_path_factory.mktemp("monthly_cycle"))  # the month begins from a publish
    forms_dir = pipeline.root / "forms"
    pipeline.run("forms", "--period", PERIOD, "--out", str(forms_dir))
    forms = {p.name: p for p in forms_dir.glob("*.xlsx")}
    complete = forms[layout.file_name(PERIOD, COMPLETE)]
    with_errors = forms[layout.file_name(PERIOD, WITH_ERRORS)]
    silent = load_workbook(forms[layout.file_name(PERIOD, SILENT)])[layout.SHEET]
    foreign_target = [silent.cell(2, _column(layout.TARGET_ID)).value, silent.cell(2, _column(layout.DIGEST)).value]

    sheet = load_workbook(complete)[layout.SHEET]
    reach = {row: {layout.FILL_VALUE: _reaches(sheet, row), layout.FILL_AS_OF: dt.datetime(2024, 5, 31),
                   layout.FILL_NOTE: "已完成", layout.FILL_BY: "张工 0557-1234567"}
             for row in range(2, sheet.max_row + 1) if _reaches(sheet, row) is not None}
    _fill(complete, pipeline.inbox / "经信局5月回执.xlsx", reach, None)  # recognised by content, not by name

    good = {layout.FILL_VALUE: 1, layout.FILL_AS_OF: dt.datetime(2024, 5, 31), layout.FILL_BY: "李工 0551-7654321"}
    errors = {
        2: {**good, layout.FILL_VALUE: "两个"},                     # not a number
        3: {**good, layout.FILL_AS_OF: dt.datetime(2024, 4, 30)},   # outside the period
        4: {**good, layout.FILL_VALUE: -1},                         # negative
        5: {**good, layout.MEASURE: "家"},                           # the unit of measure was changed
        6: {**good, layout.DIGEST: "0" * 32},                       # the target changed since the form was issued
    }
    sheet = load_workbook(with_errors)[layout.SHEET]
    growth_rows = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, _column(layout.MEASURE)).value == "%"]
    errors[growth_rows[-1]] = {**good, layout.FILL_VALUE: -2.5}     # a growth rate may fall below zero
    returned = _fill(with_errors, pipeline.inbox / "农业农村局.xlsx", errors, good)
    book = load_workbook(returned)  # a target the unit does not answer for, typed into its form
    extra = book[layout.SHEET].max_row + 1
    book[layout.SHEET].cell(extra, _column(layout.TARGET_ID)).value = foreign_target[0]
    book[layout.SHEET].cell(extra, _column(layout.DIGEST)).value = foreign_target[1]
    for name, value in {**good, layout.UNIT: WITH_ERRORS, layout.PERIOD: PERIOD, layout.MEASURE: silent.cell(2, _column("单位")).value}.items():
        book[layout.SHEET].cell(extra, _column(name)).value = value
    book.save(returned)
    # the same report sent again in another workbook (one note differs, so the file is not a byte copy)
    again = _fill(returned, pipeline.inbox / "农业农村局_重发.xlsx", {}, None)
    book = load_workbook(again)
    book[layout.SHEET].cell(2, _column(layout.FILL_NOTE)).value = "重发"
    book.save(again)
    shutil.copy(pipeline.inbox / "经信局5月回执.xlsx", pipeline.inbox / "经信局5月回执 - 副本.xlsx")
    pipeline.run("run")
    return pipeline, forms


def test_one_form_per_unit_with_its_targets_and_only_fill_cells_open(cycle):
    pipeline, forms = cycle
    units = {u for (u,) in pipeline.query("select distinct unit_name from marts.fct_target_unit")}
    assert {layout.file_name(PERIOD, u) for u in units} == set(forms)
    book = load_workbook(forms[layout.file_name(PERIOD, WITH_ERRORS)])
    assert book.sheetnames == [layout.SHEET, layout.GUIDE_SHEET]
    sheet = book[layout.SHEET]
    assert [c.value for c in sheet[1]] == layout.HEADER
    owned = {t for (t,) in pipeline.query("select target_id from marts.fct_target_unit where unit_name = ?", WITH_ERRORS)}
    assert {sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)} == owned
    assert sheet.protection.sheet
    fill = {_column(name) for name in layout.FILL}
    for cell in sheet[2]:
        assert cell.protection.locked == (cell.column not in fill), layout.HEADER[cell.column - 1]
    assert sheet.column_dimensions["Q"].hidden and layout.HEADER[16] == layout.DIGEST
    kinds = {v.type: str(v.sqref) for v in sheet.data_validations.dataValidation}
    assert kinds == {"decimal": f"K2:K{sheet.max_row}", "date": f"L2:L{sheet.max_row}"}
    assert "填报方法" in [row[0] for row in book[layout.GUIDE_SHEET].iter_rows(values_only=True)]


def test_a_lead_and_co_units_each_get_the_target(cycle):
    pipeline, _ = cycle
    shared = pipeline.query("""
        select target_id, count(*), count(*) filter (where is_lead) from marts.fct_target_unit
        group by target_id having count(*) > 1""")
    assert shared and all(leads == 1 for _, _, leads in shared)


def test_filled_forms_move_targets_from_no_data_to_what_their_values_imply(cycle):
    pipeline, _ = cycle
    rows = pipeline.query("""
        select p.status, p.evidence, p.evidence_used
        from marts.fct_target_unit u join marts.fct_target_progress p using (target_id)
        join marts.fct_policy_target t using (target_id)
        where u.unit_name = ? and u.is_lead and p.method = 'report' and t.value is not null""", COMPLETE)
    achieved = [r for r in rows if r[0] == "achieved"]
    assert len(achieved) >= 20, rows[:5]
    assert {r[0] for r in rows} <= {"achieved", "not_due"}
    for _, evidence, used in achieved:
        assert evidence == "department_report"
        assert COMPLETE in used and "张工" in used and "经信局5月回执" in used and "2024-05-31" in used
    silent = pipeline.query("""
        select distinct p.status from marts.fct_target_unit u join marts.fct_target_progress p using (target_id)
        where u.unit_name = ? and u.is_lead""", SILENT)
    assert silent == [("no_data",)]


def test_the_unit_that_never_reported_is_on_the_overdue_list(cycle):
    pipeline, _ = cycle
    rows = {u: (expected, reported, overdue) for u, expected, reported, overdue, period in pipeline.query(
        "select unit_name, reports_expected, targets_reported, targets_overdue, period from marts.fct_unit_dispatch")}
    assert {p for (p,) in pipeline.query("select distinct period from marts.fct_unit_dispatch")} == {PERIOD}
    expected, reported, overdue = rows[SILENT]
    assert expected > 0 and reported == 0 and overdue == expected
    expected, reported, overdue = rows[COMPLETE]
    assert reported >= 20 and overdue == 0


def test_each_bad_row_is_quarantined_with_its_own_reason(cycle):
    pipeline, _ = cycle
    rows = pipeline.query("""
        select rule, reason from quarantine.progress_report_rows
        where source_file = 'inbox/农业农村局.xlsx' order by source_line""")
    rules = [rule for rule, _ in rows]
    assert rules == ["value_not_a_number", "outside_period", "negative_value", "unit_mismatch", "target_changed",
                     "not_responsible_unit"], rows
    assert len({reason for _, reason in rows}) == len(rows)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in reason) for _, reason in rows)  # written in Chinese
    landed = pipeline.scalar("select count(*) from marts.fct_progress_report where source_file = 'inbox/农业农村局.xlsx'")
    form_rows = pipeline.scalar("select count(*) from marts.fct_target_unit where unit_name = ?", WITH_ERRORS)
    assert landed == form_rows - 5  # the good rows of the same file still land
    negative = pipeline.query("""select t.unit from marts.fct_progress_report r join marts.fct_policy_target t using (target_id)
                                 where r.source_file = 'inbox/农业农村局.xlsx' and r.value < 0""")
    assert negative == [("%",)]


def test_a_report_sent_twice_counts_once(cycle):
    pipeline, _ = cycle
    again = pipeline.query("select distinct rule from quarantine.progress_report_rows where source_file like 'inbox/农业农村局_重发%'")
    assert ("duplicate_row",) in again
    # a byte copy of a workbook is one submission: one file is read, the other is its duplicate
    copies = pipeline.query("select status from meta.input_files where path like 'inbox/经信局5月回执%' order by status")
    assert copies == [("accepted",), ("duplicate",)]
    assert pipeline.scalar("""select count(*) from quarantine.progress_report_rows
                              where source_file like 'inbox/经信局5月回执%'""") == 0


def test_returned_forms_are_filed_and_accounted_for(cycle):
    pipeline, _ = cycle
    processed = {p.name for p in (pipeline.inbox / "processed").iterdir()}
    assert {"经信局5月回执.xlsx", "农业农村局.xlsx", "农业农村局_重发.xlsx"} <= processed
    assert not [p for p in pipeline.inbox.glob("*.xlsx")]
    notes = pipeline.query("select note, rows_read, rows_blank from meta.input_files where path = 'inbox/农业农村局.xlsx'")
    assert "目标进度填报表" in notes[0][0] and notes[0][1] == pipeline.scalar(
        "select count(*) from marts.fct_target_unit where unit_name = ?", WITH_ERRORS) + 1


@pytest.fixture(scope="module")
def pack(cycle):
    pipeline, _ = cycle
    out = pipeline.root / "pack"
    pipeline.run("pack", "--period", PERIOD, "--out", str(out))
    return pipeline, out / f"月调度会议材料_{PERIOD}.xlsx", out / f"月调度会议材料_{PERIOD}.pdf"


def test_the_pack_workbook_has_the_summary_every_unit_the_race_and_the_lagging(pack):
    pipeline, xlsx, _ = pack
    book = load_workbook(xlsx)
    units = [u for (u,) in pipeline.query("select unit_name from marts.fct_unit_dispatch order by targets_overdue desc, unit_name")]
    assert book.sheetnames[0] == "汇总" and book.sheetnames[-2:] == ["县区赛马", "滞后目标"]
    assert len(book.sheetnames) == len(units) + 3
    summary = [row for row in book["汇总"].iter_rows(min_row=5, values_only=True)]
    assert [row[0] for row in summary] == units
    lagging = pipeline.scalar("""select count(*) from marts.fct_target_progress where status in ('at_risk', 'off_track', 'missed')""")
    assert lagging >= 1  # the unit with errors reported 1 against its targets
    assert book["滞后目标"].max_row - 1 >= lagging


def test_the_pack_pdf_renders_its_pages_in_chinese(pack):
    import subprocess

    pipeline, _, pdf = pack
    for tool in ("pdftoppm", "pdffonts", "pdftotext"):
        assert shutil.which(tool), f"{tool} is missing: run `make browser-deps` (apt-get install poppler-utils)"
    pages = pdf.parent / "pages"
    pages.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(pages / "p")], check=True)
    images = sorted(pages.glob("p-*.png"))
    assert len(images) >= 5 and all(p.stat().st_size > 5_000 for p in images)  # drawn pages, not blank ones
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "CJK" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:] if line.strip())  # embedded
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    for expected in ("月调度会议材料", "各责任单位报送与完成情况", "各县区目标完成情况", "四类重点指标的目标状态",
                     "滞后与逾期未报的目标", COMPLETE, SILENT, "逾期未报"):
        assert expected in text, expected
    clause = pipeline.scalar("""select t.sentence from marts.fct_target_progress p join marts.fct_policy_target t using (target_id)
                                where p.status = 'off_track' limit 1""")
    assert clause and clause[:20] in text.replace("\n", "")
