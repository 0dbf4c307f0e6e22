"""Hostile text in the data (issue 14, hardening): pages render it inert, downloads never hand out
formulas, and no page shows a server path.

A copy of the test warehouse is given Markdown images, HTML, `javascript:` links and spreadsheet
formulas wherever the data carries text (a figure's note and source, a report's reporter and file,
a policy's sentence and text, a unit's name, a document's file name); each page that shows them is
rendered headless and every Markdown-rendered element is checked.
"""

from __future__ import annotations

import csv
import io
import re
import shutil

import duckdb
import pytest
from openpyxl import load_workbook
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

NOTE = "![x](http://127.0.0.1:9/graphql?query=mutation{stopSensor})"
TITLE = "来源![t](http://127.0.0.1:9/t)<img src=http://127.0.0.1:9/t2>"
URL = "javascript:alert(1)"
REPORTER = "<img src=http://127.0.0.1:9/x onerror=alert(1)>"
REPORT_FILE = "inbox/![f](http://127.0.0.1:9/f)_**粗体**.csv"
DOC_FILE = "policies/![d](http://127.0.0.1:9/d)[链接](javascript:alert(2)).txt"
SENTENCE = '=HYPERLINK("http://evil","x")'
PARAGRAPH = "\n\n![](http://127.0.0.1:9/p)\n\n<img src=http://127.0.0.1:9/q>"
UNIT = '=HYPERLINK("http://evil","u")'

# elements whose text Streamlit renders as Markdown
MARKDOWN_ELEMENTS = ("markdown", "caption", "info", "warning", "error", "success", "title", "header", "subheader")


def make_hostile(source, copy) -> str:
    """A copy of the warehouse with hostile text wherever the data carries text; the target id
    whose sentence, report and document were made hostile."""
    shutil.copy(source, copy)
    with duckdb.connect(str(copy)) as con:
        target_id, doc_id, span_end = con.execute(
            "select target_id, doc_id, span_end from marts.fct_policy_target order by target_id limit 1").fetchone()
        obs = con.execute("""select observation_id, value from marts.fct_indicator_observation
                             where is_preferred order by observation_id limit 1""").fetchone()
        con.execute("update marts.fct_indicator_observation set note = ?, source_title = ?, source_url = ?",
                    [NOTE, TITLE, URL])
        con.execute("update marts.fct_kpi_card set source_title = ?, source_url = ?", [TITLE, URL])
        con.execute("update marts.fct_county_race set source_title = ?, source_url = ?", [TITLE, URL])
        con.execute("""insert into marts.fct_progress_report (report_id, target_id, as_of, value, reported_by, note, origin,
                           source_file, source_line)
                       values ('r1', ?, date '2024-05-31', 12, ?, ?, 'inbox', ?, 2)""", [target_id, REPORTER, NOTE, REPORT_FILE])
        con.execute("""update marts.fct_target_progress set status = 'on_track', evidence = 'department_report',
                           report_id = 'r1', observation_id = ?, actual_value = ?, actual_year = 2023, actual_period = 'Y',
                           report_as_of = date '2024-05-31', progress_pct = 60, status_reason = ?, evidence_used = ?
                       where target_id = ?""", [obs[0], obs[1], NOTE, REPORTER, target_id])
        con.execute("update marts.fct_policy_target set sentence = ? where target_id = ?", [SENTENCE, target_id])
        # a blank line right after the clause, then an image and HTML (inside the highlighted context)
        con.execute("update marts.dim_policy_document set text = substr(text, 1, ?) || ? || substr(text, ? + 1) where doc_id = ?",
                    [span_end, PARAGRAPH, span_end, doc_id])
        empty = con.execute("""select doc_id from marts.dim_policy_document where channel = 'policy' and target_count = 0
                               order by doc_id limit 1""").fetchone()
        assert empty, "the seeds hold a policy document with no target (the quality page lists it)"
        con.execute("update marts.dim_policy_document set source_file = ? where doc_id = ?", [DOC_FILE, empty[0]])
        unit = con.execute("select unit_name from marts.fct_unit_dispatch order by targets_overdue desc, unit_name limit 1").fetchone()[0]
        for table in ("fct_unit_dispatch", "fct_unit_dispatch_target", "fct_target_unit"):
            con.execute(f"update marts.{table} set unit_name = ? where unit_name = ?", [UNIT, unit])
        con.execute("update marts.fct_unit_dispatch_target set last_reported_by = ?", [REPORTER])
    return target_id


@pytest.fixture
def hostile(app, app_warehouse, tmp_path, monkeypatch):
    """The app on a hostile copy of the warehouse; returns (open_page, target_id)."""
    target_id = make_hostile(app_warehouse, tmp_path / "warehouse.duckdb")
    monkeypatch.setenv("KPI_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    return app, target_id


def rendered_markdown(at) -> list[str]:
    out = []
    for kind in MARKDOWN_ELEMENTS:
        out += [e.value for e in at.get(kind)]
    out += [e.label for e in at.get("expander")]
    return out


def assert_inert(at) -> list[str]:
    assert not at.exception, [e.value for e in at.exception]
    shown = rendered_markdown(at)
    assert shown
    for value in shown:
        assert not re.search(r"(?<!\\)!\[", value), value  # no image
        assert not re.search(r"(?<!\\)<img", value, re.I), value  # no HTML image
        assert "javascript:" not in value.lower(), value  # no javascript: link (nor its text unescaped)
        assert not re.search(r"\]\(\s*(?!https?://)", value), value  # a link only to http(s)
        assert not re.search(r"\]\(\s*https?://127\.0\.0\.1:9", value), value  # hostile addresses are never links
    return shown


def links(at) -> list:
    return [v for d in at.dataframe if "链接" in d.value.columns for v in d.value["链接"]]


def test_overview_renders_hostile_sources_inert(hostile):
    open_page, _ = hostile
    shown = assert_inert(open_page("overview"))
    assert any("来源\\!" in v and "链接无效" in v for v in shown), "the source title is shown, escaped, without its link"


def test_target_page_renders_hostile_notes_reporters_and_policy_text_inert(hostile, monkeypatch):
    open_page, target_id = hostile
    saved: list[tuple[bytes, str]] = []
    load = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, mimetype, kind, filename=None):
        saved.append((path_or_data, mimetype))
        return load(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    at = open_page("targets")
    at.selectbox(key="tp_pick").set_value(target_id).run()
    shown = assert_inert(at)
    everything = "\n".join(shown)
    assert "判定所用数据" in everything and "判定所用部门报送" in everything
    assert "备注:\\!\\[x\\]" in everything  # the figure's note, escaped
    assert "报送单位:\\<img src=http\\:" in everything  # the reporter, escaped
    texts = "\n".join(t.value for t in at.text)
    assert REPORT_FILE in texts and REPORTER in texts  # file name and reasons as plain text
    # the clause is our HTML with the text escaped: the blank line does not end it, nothing is an image
    clauses = [m.value for m in at.markdown if "<mark" in m.value]  # the clause, and the full text
    assert len(clauses) == 2
    for clause in clauses:
        assert not re.search(r"\n[ \t]*\n", clause) and "&lt;img" in clause and "&#33;&#91;&#93;" in clause
    # links in tables: a javascript: address is no link
    assert all(v is None or str(v).startswith(("http://", "https://")) for v in links(at))
    # the CSV download: a cell from the data that starts like a formula carries a leading quote
    data = [d for d, m in saved if m == "text/csv"][-1]  # the list offered by the last run
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    progress = rows[0].index("进度")
    assert any(row[progress] == "60.0" for row in rows[1:]), "the progress column stays a number"


def test_trends_and_race_link_only_http(hostile):
    open_page, _ = hostile
    for page in ("trends", "race"):
        at = open_page(page)
        assert_inert(at)
        shown = links(at)
        assert shown, f"{page} shows a table of sources"
        assert all(v is None for v in shown), f"{page}: a javascript: source became a link"


def test_quality_page_shows_file_names_escaped_and_no_server_path(hostile, app_warehouse):
    open_page, _ = hostile
    at = open_page("quality")
    shown = assert_inert(at)
    assert any(v.startswith("未提取到目标:policies/\\!\\[d\\]") for v in shown)
    everything = "\n".join(shown + [e.value for e in at.text] + [e.value for e in at.code])
    assert str(app_warehouse.parent) not in everything and "file://" not in everything
    assert "site/data_docs" in everything  # a relative folder name is enough


def test_dispatch_renders_hostile_units_inert_and_its_form_holds_no_formula(hostile, monkeypatch):
    open_page, _ = hostile
    saved: list[bytes] = []
    load = MemoryMediaFileStorage.load_and_get_id

    def capture(self, path_or_data, mimetype, kind, filename=None):
        saved.append(path_or_data)
        return load(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", capture)
    at = open_page("dispatch")
    assert_inert(at)
    at.selectbox(key="dispatch_unit").set_value(UNIT).run()
    assert_inert(at)
    at.button(key="dispatch_pack").click().run()
    assert_inert(at)
    books = [load_workbook(io.BytesIO(d)) for d in saved if isinstance(d, bytes) and d[:2] == b"PK"]
    assert len({tuple(b.sheetnames) for b in books}) >= 2, "the unit's form and the meeting pack were offered"
    for book in books:
        cells = [c for s in book.worksheets for r in s.iter_rows() for c in r if c.value is not None]
        assert not any(c.data_type == "f" for c in cells)
        assert any(c.value in (UNIT, "'" + UNIT) for c in cells)
