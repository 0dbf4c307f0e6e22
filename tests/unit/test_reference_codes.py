"""seeds/reference is the one home of status, quality, family and metric codes: the app's labels are
read from it, GX suites take their value sets from it at run time, and every other list of codes
(dbt tests, presentation tables, the reader's lexicons) is checked against it here."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "seeds" / "reference"

_spec = importlib.util.spec_from_file_location("kpi_app_labels_codes", ROOT / "app" / "labels.py")
labels = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(labels)


def codes(name: str, column: str) -> set[str]:
    with open(REFERENCE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return {row[column] for row in csv.DictReader(f)}


CODE_COLUMNS = {  # column name wherever it stands -> the reference list of its codes
    "status": codes("statuses", "status"),
    "quality_base": codes("qualities", "quality_base"),
    "family": codes("families", "family"),
    "metric_code": codes("metrics", "metric_code"),
    "level": codes("region_levels", "level"),
    "comparator": codes("comparators", "comparator"),
    "evidence": codes("evidence_kinds", "evidence"),
    "basis": codes("progress_bases", "basis"),
    "figure_basis": codes("progress_bases", "basis"),
    "review_status": codes("review_statuses", "review_status"),
}


def is_code_column(table: str, column: str) -> bool:
    """`status` is a target's status in the progress and target tables (an input file's status is
    another list); the other names mean the same code wherever they stand."""
    if column == "status":
        return "progress" in table or "target" in table
    if column == "level":  # a region's level; an industry's level is another list
        return "industr" not in table
    return column in CODE_COLUMNS


def test_the_app_labels_every_code_and_only_those():
    assert list(labels.STATUS_LABELS) == list(labels.STATUS_HELP)
    assert set(labels.STATUS_LABELS) == set(labels.STATUS_COLORS) == set(labels.STATUS_BADGE) == CODE_COLUMNS["status"]
    assert set(labels.QUALITY_LABELS) == CODE_COLUMNS["quality_base"]
    assert set(labels.FAMILY_LABELS) == CODE_COLUMNS["family"]
    assert set(labels.LEVEL_LABELS) == CODE_COLUMNS["level"]
    assert set(labels.COMPARATOR_LABELS) == CODE_COLUMNS["comparator"]
    assert set(labels.EVIDENCE_LABELS) == CODE_COLUMNS["evidence"]
    assert set(labels.BASIS_LABELS) == CODE_COLUMNS["basis"]
    assert set(labels.REVIEW_STATUS_LABELS) == CODE_COLUMNS["review_status"]


@pytest.mark.parametrize("model,column", [("dim_region", "level"), ("fct_policy_target", "comparator"),
                                          ("fct_target_progress", "evidence"), ("fct_target_progress", "basis")])
def test_the_mart_that_owns_a_code_accepts_exactly_the_reference_list(model, column):
    [values] = [v for m, c, v in _dbt_accepted_values() if (m, c) == (model, column)]
    assert set(values) == CODE_COLUMNS[column]


def test_the_catalog_uses_only_known_families():
    assert codes("metrics", "family") <= CODE_COLUMNS["family"]


def _suite_value_sets():
    for path in sorted((ROOT / "expectations" / "suites").glob("*.json")):
        for e in json.loads(path.read_text(encoding="utf-8"))["expectations"]:
            kwargs = e.get("kwargs", {})
            if is_code_column(path.stem, kwargs.get("column", "")) and "value_set" in kwargs:
                yield path.stem, kwargs["column"], kwargs["value_set"]


def test_gx_suites_take_code_sets_from_the_reference():
    listed = [f"{suite}.{column}" for suite, column, value_set in _suite_value_sets()
              if not (isinstance(value_set, dict) and "$PARAMETER" in value_set)]
    assert listed == [], "these suites list codes; use a run-time parameter filled from seeds/reference"


def _dbt_accepted_values():
    for path in sorted((ROOT / "dbt_project" / "models").rglob("*.yml")):
        for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", []):
            for column in model.get("columns", []):
                for test in column.get("data_tests", []) or []:
                    if isinstance(test, dict) and "accepted_values" in test and is_code_column(model["name"], column["name"]):
                        yield model["name"], column["name"], test["accepted_values"]["arguments"]["values"]


@pytest.mark.parametrize("model,column,values", list(_dbt_accepted_values()))
def test_dbt_accepted_values_are_reference_codes(model, column, values):
    assert set(values) <= CODE_COLUMNS[column], f"{model}.{column}: {set(values) - CODE_COLUMNS[column]}"


def test_the_readers_metric_codes_are_catalog_codes():
    from orchestration.extract.target_metrics import COUNT_RULES, GROWTH_RULES, MONEY_RULES, SHARE_RULES

    used = {code for rules in (GROWTH_RULES, SHARE_RULES, MONEY_RULES, COUNT_RULES) for _pattern, code in rules}
    assert used and used <= CODE_COLUMNS["metric_code"], used - CODE_COLUMNS["metric_code"]


def test_inbox_entry_states_are_the_reference_list():
    from orchestration.ingest.inbox import STATUSES

    reference = codes("file_statuses", "status")
    assert set(STATUSES) == reference == set(labels.FILE_STATUS_LABELS)
    staging = yaml.safe_load((ROOT / "dbt_project/models/staging/stg_inbox__files.yml").read_text(encoding="utf-8"))
    [files] = [m for m in staging["models"] if m["name"] == "stg_inbox__files"]
    [status] = [c for c in files["columns"] if c["name"] == "status"]
    [values] = [t["accepted_values"]["arguments"]["values"] for t in status["data_tests"] if "accepted_values" in t]
    assert set(values) == reference
