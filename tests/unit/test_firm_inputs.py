"""The inbox reads the three firm-level sources by their header, as it reads figures: each is
recognised by its key column, in CSV or xlsx, and a file of generated (synthetic) rows is
rejected with its reason before anything of it is loaded."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from orchestration.ingest import contracts, inbox
from orchestration.ingest.parsed_cache import ParsedCache

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "firms"


@pytest.mark.parametrize(("fixture", "kind", "rows"), [
    ("firm_register.csv", "firm_register", 14),
    ("firm_months.csv", "firm_months", 114),
    ("tech_projects.xlsx", "tech_projects", 6),
])
def test_each_source_is_recognised_by_its_header(tmp_path, fixture, kind, rows):
    shutil.copy(FIXTURES / fixture, tmp_path / fixture)
    checked = inbox.check(tmp_path / fixture, ParsedCache(tmp_path / "cache"))
    assert (checked.status, checked.kind, checked.row_count) == ("accepted", kind, rows)


def test_dates_in_a_workbook_read_as_the_office_sees_them(tmp_path):
    shutil.copy(FIXTURES / "tech_projects.xlsx", tmp_path / "p.xlsx")
    cache = ParsedCache(tmp_path / "cache")
    checked = inbox.check(tmp_path / "p.xlsx", cache)
    import pandas as pd
    frame = pd.read_parquet(checked.rows_file)
    assert frame.loc[0, "start_date"] == "2023-03-01" and frame.loc[0, "total_investment"] == "50000"


@pytest.mark.parametrize("columns", [contracts.FIRM_REGISTER_COLUMNS, contracts.FIRM_MONTH_COLUMNS,
                                     contracts.TECH_PROJECT_COLUMNS, contracts.FIGURE_COLUMNS])
def test_a_file_with_synthetic_rows_is_rejected_whatever_its_kind(tmp_path, columns):
    path = tmp_path / "generated.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerow({c: ("synthetic" if c == "quality" else "1") for c in columns})
    checked = inbox.check(path, ParsedCache(tmp_path / "cache"))
    assert checked.status == "rejected" and "synthetic" in checked.reason


def test_a_firm_header_with_a_missing_column_is_rejected_with_the_columns_named(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("credit_code,firm_name,region,entered\n91341323MA0000001L,某公司,灵璧县,2023-01\n", encoding="utf-8")
    checked = inbox.check(path, ParsedCache(tmp_path / "cache"))
    assert checked.status == "rejected" and "industry_code" in checked.reason


@pytest.mark.parametrize(("template", "kind"), [
    ("firm_register_template.csv", "firm_register"), ("firm_months_template.csv", "firm_months"),
    ("tech_projects_template.csv", "tech_projects"), ("figures_template.csv", "figures"),
    ("progress_template.csv", "progress"),
])
def test_every_template_reads_as_its_kind(tmp_path, template, kind):
    shutil.copy(Path(__file__).resolve().parents[2] / "seeds" / "templates" / template, tmp_path / template)
    checked = inbox.check(tmp_path / template, ParsedCache(tmp_path / "cache"))
    assert (checked.status, checked.kind) == ("accepted", kind)
