"""The 上传文件 and 隔离数据处理 pages (AppTest, whose file_uploader takes files directly): a bad
upload shows the inbox's Chinese reason and writes nothing to the inbox, a good one lands there,
both are audited; a leader is refused; a quarantined row is fixed into the inbox or dismissed."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from orchestration import audit
from orchestration import quarantine_decisions as qd
from orchestration.ingest import inbox
from orchestration.settings import Settings
from streamlit.testing.v1 import AppTest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SESSION_KEY = "kpi_user"  # app/auth.py

BAD = PROJECT_ROOT / "tests" / "fixtures" / "bad_inputs"


@pytest.fixture
def place(app_warehouse, tmp_path, monkeypatch) -> Settings:
    """A copy of the test warehouse with its own inbox, staging folder, audit trail and decisions."""
    warehouse = tmp_path / "data" / app_warehouse.name
    warehouse.parent.mkdir()
    shutil.copy(app_warehouse, warehouse)
    monkeypatch.setenv("KPI_WAREHOUSE", str(warehouse))
    monkeypatch.setenv("KPI_INBOX", str(tmp_path / "data" / "inbox"))
    return Settings.from_env({"KPI_WAREHOUSE": str(warehouse), "KPI_INBOX": str(tmp_path / "data" / "inbox")})


def _submit(at, files):
    at.file_uploader(key="upload_files").set_value(files)
    at.button[0].click() if not at.get("form_submit_button") else at.get("form_submit_button")[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_bad_upload_shows_its_reason_and_writes_nothing(app, place):
    at = app("upload")
    assert at.title[0].value == "上传文件" and "20 MB" in at.markdown[0].value
    _submit(at, [("semicolon.csv", (BAD / "semicolon_delimiter.csv").read_bytes(), "text/csv"),
                 ("figures.json", b"{}", "application/json"),
                 ("empty.csv", b"", "text/csv")])
    errors = [e.value.replace("\\", "") for e in at.error]  # shown escaped (a file name is data)
    assert any("semicolon.csv:列之间用 ';' 分隔" in e for e in errors)
    assert any("figures.json:不支持的文件类型 .json" in e for e in errors)
    assert any("empty.csv:文件是空的" in e for e in errors)
    assert not at.success
    assert not place.inbox.exists() or not any(place.inbox.rglob("*"))
    events = audit.read(place.audit_log)
    assert [(e["action"], e["subject"]) for e in events if e["action"].startswith("upload")] == [
        ("upload_rejected", "semicolon.csv"), ("upload_rejected", "figures.json"), ("upload_rejected", "empty.csv")]


def test_good_uploads_land_in_the_inbox_and_a_same_name_is_a_correction(app, place):
    (place.inbox / "processed").mkdir(parents=True)
    (place.inbox / "processed" / "宿州.csv").write_bytes((BAD / "gbk_encoded.csv").read_bytes())
    at = app("upload")
    at.radio(key="upload_text_kind").set_value("policy")
    _submit(at, [("宿州.csv", (BAD / "utf8_bom.csv").read_bytes(), "text/csv"),
                 ("../新政策.txt", (BAD / "policies" / "gbk_policy.txt").read_bytes(), "text/plain")])
    assert not at.error, [e.value for e in at.error]
    messages = [s.value.replace("\\", "") for s in at.success]
    assert any("宿州.csv:检查通过" in m and "更正" in m for m in messages)
    assert sorted(inbox.waiting(place.inbox)) == ["policies/新政策.txt", "宿州.csv"]
    assert (place.inbox / "宿州.csv").read_bytes() == (BAD / "utf8_bom.csv").read_bytes()
    assert not any(place.uploads.rglob("*"))
    assert {e["subject"] for e in audit.read(place.audit_log) if e["action"] == "upload"} == {"宿州.csv", "新政策.txt"}
    assert list(at.dataframe[0].value["文件"]) == ["policies/新政策.txt", "宿州.csv"]


@pytest.mark.parametrize("page, what", [("upload", "上传文件"), ("quarantine", "隔离数据处理")])
def test_a_leader_is_refused(app, place, page, what):
    # the page's URL answers a leader with Home's refusal page (AppTest cannot switch to it; see
    # test_browser); the page itself refuses whoever reaches it without the permission (auth.require)
    app("overview", user=("领导测试", "leader"))
    view = AppTest.from_file(str(PROJECT_ROOT / "app" / "views" / f"{page}.py"), default_timeout=30)
    view.session_state[SESSION_KEY] = {"name": "领导测试", "role": "leader"}
    view.run()
    assert [e.value for e in view.error] == [f"无权访问:{what}仅限数据办使用。"]
    assert not view.get("file_uploader") and not view.get("form_submit_button")
    assert [e["action"] for e in audit.read(place.audit_log)][-1:] == ["access_denied"]


ROW = ("inbox/unknown_region.csv", 2, None, "inbox", "unknown_region", 'unknown region "火星市"', "火星市", "2024", "Y",
       "industry_va_growth_pct", "8.1", "%", "official", "测试语料", "https://tjj.ahsz.gov.cn/example", None)


def test_a_quarantined_row_is_fixed_into_the_inbox_then_shown_as_such(app, place):
    with duckdb.connect(str(place.warehouse)) as con:
        con.execute(f"insert into quarantine.figure_rows values ({', '.join('?' * len(ROW))})", list(ROW))
    at = app("quarantine")
    table = at.dataframe[0].value
    assert list(table["处理状态"]) == ["待处理"]
    at.text_input(key="qd_figure_rows_region").input("宿州市")
    at.get("form_submit_button")[0].click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    (written,) = [p for p in place.inbox.iterdir() if p.is_file()]
    text = written.read_text(encoding="utf-8")
    assert "宿州市,2024,Y,industry_va_growth_pct,8.1" in text and "inbox/unknown_region.csv 第 2 行" in text
    assert "数据办测试" in text
    (decision,) = qd.read(place.quarantine_decisions)
    assert (decision.decision, decision.decided_by, decision.source_line) == ("fixed", "数据办测试", "2")
    at.run()
    assert list(at.dataframe[0].value["处理状态"])[0].startswith("已修正重新提交")
    assert [e["action"] for e in audit.read(place.audit_log)][-1] == "quarantine_decision"


def test_a_quarantined_row_is_dismissed_with_a_reason(app, place):
    with duckdb.connect(str(place.warehouse)) as con:
        con.execute(f"insert into quarantine.figure_rows values ({', '.join('?' * len(ROW))})", list(ROW))
    at = app("quarantine")
    at.text_area(key="qd_figure_rows_why").input("测试数据")
    at.get("form_submit_button")[1].click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    assert list(at.dataframe[0].value["处理状态"]) == ["已驳回:测试数据"]
    assert not place.inbox.exists() or not any(place.inbox.iterdir())
    with duckdb.connect(str(place.warehouse), read_only=True) as con:
        assert con.execute("select count(*) from quarantine.figure_rows").fetchone() == (1,)  # nothing deleted
