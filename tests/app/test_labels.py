"""The app's Chinese labels and formatting (pure functions, no warehouse)."""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

APP_DIR = Path(__file__).resolve().parents[2] / "app"
_spec = importlib.util.spec_from_file_location("kpi_app_labels", APP_DIR / "labels.py")
labels = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(labels)


@pytest.mark.parametrize(("status", "label"), [
    ("achieved", "已完成"), ("on_track", "按进度"), ("at_risk", "有风险"), ("off_track", "滞后"),
    ("missed", "未完成"), ("no_data", "暂无数据"), ("value_withheld", "数值未公开"), ("not_due", "未到期"),
])
def test_status_labels(status, label):
    assert labels.status_label(status) == label
    assert status in labels.STATUS_HELP and status in labels.STATUS_BADGE


@pytest.mark.parametrize(("quality", "label"), [
    ("official", "官方"), ("preliminary", "初步"), ("secondary", "二手"), ("extracted", "文本提取"),
    ("official;unverified", "官方·待核实"), ("preliminary;unverified", "初步·待核实"), (None, "—"),
])
def test_quality_labels(quality, label):
    assert labels.quality_label(quality) == label


@pytest.mark.parametrize(("value", "unit", "text"), [
    (2291.5, "亿元", "2,291.5亿元"), (127.0, "户", "127户"), (6.0, "%", "6.0%"), (4.4, "%", "4.4%"),
    (0.86, "%", "0.86%"), (12.17, "%", "12.17%"), (None, "%", "—"), (float("nan"), "亿元", "—"),
])
def test_values_carry_their_unit(value, unit, text):
    assert labels.fmt_value(value, unit) == text


@pytest.mark.parametrize(("period", "text"), [("Y", "全年"), ("M01-M04", "1—4月"), ("M01-M01", "1月"), ("M01-M12", "1—12月")])
def test_period_labels(period, text):
    assert labels.period_label(period) == text


def test_dates_are_written_the_chinese_way():
    assert labels.fmt_date(date(2024, 6, 30)) == "2024年6月30日"
    assert labels.fmt_date(pd.Timestamp("2023-02-08")) == "2023年2月8日"
    assert labels.fmt_date(None) == "—"
    assert labels.fmt_published("2018") == "2018年"
    assert labels.fmt_published("2023-12-25") == "2023年12月25日"
    assert labels.year_period_label(2023, "M01-M04") == "2023年1—4月"
    assert labels.fmt_datetime(pd.Timestamp("2026-11-25 15:00:19", tz="UTC")) == "2026年11月25日 23:00(北京时间)"


def test_target_wording():
    row = {"region_name": "萧县", "industry": "功能性新材料", "industry_name": "功能性新材料", "metric_name": "产业(集群)产值/营业收入",
           "comparator": ">=", "value": 200.0, "value_low": None, "value_high": None, "unit": "亿元",
           "redacted": False, "target_year": 2027, "period": "by_year"}
    assert labels.target_title(row) == "萧县 功能性新材料 产业(集群)产值/营业收入 ≥ 200亿元(到2027年)"
    assert labels.target_value_text("increase_by", 150, None, None, "户", False) == "新增 150户"
    assert labels.target_value_text("range", None, 3, 5, "家", False) == "3–5家"
    assert labels.target_value_text(">=", None, None, None, "亿元", True) == "数值未公开(*亿元)"


def test_status_explanations_are_chinese():
    row = {"status": "achieved", "unit": "%", "actual_value": 4.4, "target_value": 4.0, "actual_year": 2023,
           "actual_period": "Y", "basis": "full_year", "evidence": "statistics"}
    assert labels.status_explanation(row) == "2023年全年实际 4.4%,目标 4.0%,判定为「已完成」。"
    assert "未公开" in labels.status_explanation({"status": "value_withheld"})


def test_units_and_links():
    assert labels.split_units("责任单位:市发展改革委、市经济和信息化局") == ["市发展改革委", "市经济和信息化局"]
    assert labels.split_units("市经济和信息化局;市科技局") == ["市经济和信息化局", "市科技局"]
    assert labels.split_units("各市、县人民政府;市经信委") == ["各市、县人民政府", "市经信委"]
    assert labels.split_units(None) == []
    assert labels.md_link("宿州市[2023]公报", "http://x/a b") == "[宿州市〔2023〕公报](http://x/a%20b)"
    assert labels.md_link("公报", None) == "公报(无链接)"


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd",
                                 "/relative/path", "//evil.example/x", "java\nscript:alert(1)", "http:no-host", ""])
def test_only_http_addresses_become_links(url):
    assert labels.safe_url(url) is None
    shown = labels.md_link("公报[1]", url)
    assert "](" not in shown and shown.startswith("公报〔1〕") and "javascript" not in shown.lower()


def test_link_titles_and_addresses_are_escaped():
    assert labels.safe_url("HTTPS://tjj.ah.gov.cn/a") == "HTTPS://tjj.ah.gov.cn/a"
    assert labels.md_link("<img src=x>![i](http://h/i)", "https://h/a(1) b") == \
        "[\\<img src=x\\>\\!〔i〕(http://h/i)](https://h/a%281%29%20b)"
    assert labels.md_link("多行\n\n# 标题", "http://h/") == "[多行 # 标题](http://h/)"  # inside [...]: never a heading


@pytest.mark.parametrize(("text", "escaped"), [
    ("![x](http://127.0.0.1:9/q?a=1)", "\\!\\[x\\]\\(http\\://127\\.0\\.0\\.1\\:9/q?a=1\\)"),
    ("<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"),
    ("a\n\n# b *c* _d_ `e` | ~f~ $g$ &amp;", "a \\# b \\*c\\* \\_d\\_ \\`e\\` \\| \\~f\\~ \\$g\\$ \\&amp;"),
    ("宿州市经济和信息化局", "宿州市经济和信息化局"),
    (None, ""),
])
def test_plain_escapes_every_markdown_character(text, escaped):
    assert labels.plain(text) == escaped


def test_clause_highlight_escapes_and_marks(monkeypatch):
    monkeypatch.syspath_prepend(str(APP_DIR))  # ui imports its sibling modules as the app does
    ui = importlib.import_module("ui")

    text = "前文<b>加粗</b>。力争到2027年产值突破100亿元。后文还有很多内容"
    start = text.index("力争")
    end = text.index("。后文")
    near = ui.highlight_clause(text, start, end, context=3)
    assert ">力争到2027年产值突破100亿元</mark>" in near
    assert near.count("…") == 2  # cut on both sides
    assert "b&gt;。<mark" in near and "</mark>。后文…" in near
    whole = ui.highlight_clause(text, start, end, context=len(text))
    assert "&lt;b&gt;加粗&lt;/b&gt;" in whole and "<b>" not in whole  # document text is escaped
    assert "…" not in whole
