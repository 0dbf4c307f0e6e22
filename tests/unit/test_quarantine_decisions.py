"""Decisions on quarantined rows (orchestration/quarantine_decisions.py): a fix is a one-row file
the inbox reads through its normal path, with the row's provenance; a dismissal needs a reason;
concurrent reviewers never lose a decision; the quarantined row itself is never touched."""

from __future__ import annotations

import csv
import multiprocessing
from pathlib import Path

import duckdb
import pytest

from orchestration import quarantine_decisions as qd
from orchestration.ingest import inbox
from orchestration.ingest.contracts import FIGURE_COLUMNS, PROGRESS_COLUMNS
from orchestration.ingest.parsed_cache import ParsedCache

FIGURE_ROW = {"source_file": "inbox/unknown_region.csv", "source_line": 2, "source_sheet": None, "origin": "inbox",
              "rule": "unknown_region", "reason": 'unknown region "火星市"', "region": "火星市", "year": "2024",
              "period": "Y", "metric": "industry_va_growth_pct", "value": "8.1", "unit": "%", "quality": "official",
              "source_title": "测试语料", "source_url": "https://tjj.ahsz.gov.cn/example", "note": None}
PROGRESS_ROW = {"source_file": "inbox/回表.xlsx", "source_line": 7.0, "source_sheet": "填报", "origin": "inbox",
                "rule": "value_not_a_number", "reason": "...", "target_id": "SZ-2024:abc", "as_of": "2024-05-31",
                "value": "三家", "reported_by": "市经济和信息化局", "note": "测试", "reporting_unit": "市经济和信息化局",
                "form_period": "2024-05"}


def _rows(file: inbox.InputFile) -> list[dict]:
    with duckdb.connect() as con:
        return con.execute(f"select * from read_parquet('{file.rows_file}')").df().to_dict("records")


@pytest.mark.parametrize("table, row, fields, kind, columns", [
    ("figure_rows", FIGURE_ROW, {"region": "宿州市"}, "figures", FIGURE_COLUMNS),
    ("progress_report_rows", PROGRESS_ROW, {"value": "3"}, "progress", PROGRESS_COLUMNS),
])
def test_a_fix_is_a_one_row_file_the_inbox_reads(tmp_path, table, row, fields, kind, columns):
    box, decisions = tmp_path / "inbox", tmp_path / "reviews" / "quarantine_decisions.csv"
    decision, placed = qd.fix(decisions, table, row, fields, by="数据办张三", inbox_dir=box, uploads=tmp_path / "up")
    assert placed.accepted and placed.kind == kind
    (entry,) = [f for f in inbox.collect([], box, ParsedCache(tmp_path / "cache")) if f.location == "inbox"]
    assert entry.status == "accepted" and entry.kind == kind and entry.row_count == 1
    (read,) = _rows(entry)
    assert {c: read[c] for c in columns if c != "note"} == {
        c: str(fields.get(c, row[c])) for c in columns if c != "note"}
    line = "7" if table == "progress_report_rows" else "2"
    assert row["source_file"] in read["note"] and f"第 {line} 行" in read["note"] and "数据办张三" in read["note"]
    assert Path(entry.path).name.endswith(".csv") and row["source_file"] != entry.display_path  # never the original's name
    assert decision.decision == "fixed" and decision.correction_file == entry.display_path
    assert qd.state(qd.latest(decisions), table, row).startswith("已修正重新提交")
    assert qd.state(qd.latest(decisions), table, {**row, "source_line": 99}) == qd.PENDING


def test_a_refused_fix_records_nothing(tmp_path):
    decisions = tmp_path / "d.csv"
    with pytest.raises(qd.DecisionError):
        qd.fix(decisions, "rejected_files", FIGURE_ROW, {}, by="x", inbox_dir=tmp_path / "i", uploads=tmp_path / "u")
    assert not decisions.exists()


def test_a_dismissal_needs_a_reason_and_the_latest_decision_counts(tmp_path):
    decisions = tmp_path / "reviews" / "quarantine_decisions.csv"
    with pytest.raises(qd.DecisionError):
        qd.dismiss(decisions, "figure_rows", FIGURE_ROW, by="张三", reason="  ")
    qd.dismiss(decisions, "figure_rows", FIGURE_ROW, by="张三", reason="测试数据,不入库")
    assert qd.state(qd.latest(decisions), "figure_rows", FIGURE_ROW) == "已驳回:测试数据,不入库"
    qd.dismiss(decisions, "figure_rows", FIGURE_ROW, by="李四", reason="重复报送")
    assert qd.state(qd.latest(decisions), "figure_rows", FIGURE_ROW) == "已驳回:重复报送"
    with decisions.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["decided_by"] for r in rows] == ["张三", "李四"]  # both kept: a diffable history
    assert rows[0]["source_file"] == "inbox/unknown_region.csv" and rows[0]["source_line"] == "2"
    assert list(rows[0]) == qd.COLUMNS


def _write_many(path: str, who: str, n: int) -> None:
    for i in range(n):
        qd.dismiss(Path(path), "figure_rows", {**FIGURE_ROW, "source_line": i}, by=who, reason=f"{who} {i} " + "x" * 300)


def test_concurrent_reviewers_keep_every_decision(tmp_path):
    path = tmp_path / "reviews" / "quarantine_decisions.csv"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_write_many, args=(str(path), f"审核{w}", 60)) for w in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
        assert w.exitcode == 0
    decisions = qd.read(path)
    assert len(decisions) == 240
    assert {(d.decided_by, d.source_line) for d in decisions} == {
        (f"审核{w}", str(i)) for w in range(4) for i in range(60)}
    assert path.read_text(encoding="utf-8").count("decided_at,") == 1  # one header
