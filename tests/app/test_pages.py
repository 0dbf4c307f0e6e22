"""Every page of the Streamlit app rendered headless (AppTest) on the seed warehouse.

What a page must show is derived from the warehouse itself, so the tests hold whatever targets
the extractor finds; where the seed data has nothing to show, the page's empty state is checked.
"""

from __future__ import annotations

import html
import importlib.util
import urllib.parse
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The app's pure formatting module, loaded by path under its own name (the app dir stays off sys.path).
_spec = importlib.util.spec_from_file_location("kpi_app_labels", PROJECT_ROOT / "app" / "labels.py")
labels = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(labels)


def all_text(at) -> str:
    """Every label, value and message the page rendered, one per line."""
    out: list[str] = []

    def walk(node) -> None:
        for attr in ("label", "value", "body", "help"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                out.append(value)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    walk(at.sidebar)
    return "\n".join(out)


def metric(at, label: str):
    hits = [m for m in at.metric if m.label == label]
    assert hits, f"no st.metric labelled {label}: {[m.label for m in at.metric]}"
    return hits[0]


TABLES = {  # a column only that table has (plain st.dataframe elements carry no key in AppTest)
    "tp_table": "目标编号", "race_table": "时期", "race_targets": "达标或按进度占比", "tr_table": "优选",
    "dispatch_units": "牵头目标", "dispatch_targets": "责任分工",
}


def table(at, name: str):
    """The DataFrame a page shows as `name`, or None when the page shows no such table."""
    hits = [d.value for d in at.dataframe if TABLES[name] in d.value.columns]
    return hits[0] if hits else None


# --- every page ----------------------------------------------------------------------------

PAGE_LABELS = {
    "overview": ["产业政策目标监测 · 总览", "地区", "年份", "产值与增加值", "规上工业企业", "技改投资", "研发投入",
                 "规模以上工业增加值增速", "R&D经费投入强度", "政策目标完成情况", *labels.STATUS_LABELS.values()],
    "targets": ["目标进度", "政策文件", "地区", "产业", "指标类别", "状态", "责任单位", "目标年份", "项目标"],
    "race": ["县区赛马", "城市", "目标完成情况"],
    "trends": ["指标趋势", "地区", "指标"],
    "quality": ["数据质量", "最近一次校验结果", "隔离区", "输入文件", "发布记录", "Data Docs"],
    "dispatch": ["调度", "调度期", "各单位报送情况", "催报清单", "单位明细", "责任单位", "逾期未报"],
}


PAGES = list(PAGE_LABELS)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_in_chinese(app, page):
    at = app(page)
    text = all_text(at)
    for label in PAGE_LABELS[page]:
        assert label in text, f"{page}: missing {label!r}"
    assert "进度评估日" in text  # the sidebar says when progress was judged
    assert "Traceback" not in text


# --- 总览 -----------------------------------------------------------------------------------

def test_overview_latest_industry_growth_of_suzhou_with_source(app, sql):
    """A leader asks: what is 宿州's latest 规上工业增加值增速, and from which source?"""
    at = app("overview")
    at.selectbox(key="ov_region").set_value("341300").run()
    at.selectbox(key="ov_year").set_value("latest").run()
    card = metric(at, "规模以上工业增加值增速")
    (value, unit, year, period, quality, source), = sql("""
        select value, unit, year, period, quality, source_title from marts.fct_kpi_card
        where region_code = '341300' and metric_code = 'industry_va_growth_pct' and card_year is null""")
    assert value is not None, "the seeds publish 宿州's 规上工业增加值增速"
    assert card.value == labels.fmt_value(value, unit)
    text = all_text(at)
    assert f"{labels.year_period_label(year, period)} · {labels.quality_label(quality)}" in text
    assert source.replace("[", "〔").replace("]", "〕") in text


@pytest.mark.parametrize("region", ["340000", "341300", "341322"])
def test_overview_cards_are_the_kpi_card_rows(app, sql, region):
    """Each card shows its fct_kpi_card row, for the latest and for a year: value, change, target."""
    at = app("overview")
    at.selectbox(key="ov_region").set_value(region).run()
    years = [y for (y,) in sql("select distinct card_year from marts.fct_kpi_card where region_code = ? "
                               "and card_year is not null order by 1 desc", region)]
    assert years, f"{region} has figures or targets in the seeds"
    for year in ("latest", years[0]):
        at.selectbox(key="ov_year").set_value(year).run()
        rows = sql("""select m.name_zh, c.value, c.unit, c.change_from_previous, c.target_id
                      from marts.fct_kpi_card c join marts.dim_metric m using (metric_code)
                      where c.region_code = ? and c.card_year is not distinct from ?
                      order by c.overview_card""", region, None if year == "latest" else year)
        shown = [m for m in at.metric if m.label not in labels.STATUS_LABELS.values()]
        assert [m.label for m in shown] == [name for name, *_ in rows]
        for card, (name, value, unit, change, target_id) in zip(shown, rows):
            assert card.value == ("暂无数据" if value is None else labels.fmt_value(value, unit)), name
            if change is not None:
                assert labels.fmt_number(change) in card.proto.delta, name
        linked = {urllib.parse.parse_qs(link.proto.query_string).get("target", [None])[0] for link in at.get("page_link")}
        assert {t for *_, t in rows if t} <= linked


def test_overview_status_counts_are_the_marts(app, sql):
    at = app("overview")
    seen = {}
    for children in (False, True):
        at.checkbox(key="ov_children").check().run() if children else at.checkbox(key="ov_children").uncheck().run()
        scope = "with_children" if children else "self"
        for code in ("340000", "341300", "341322", "340181"):
            at.selectbox(key="ov_region").set_value(code).run()
            at.selectbox(key="ov_year").set_value("latest").run()
            counts = dict(sql("""select status, targets from marts.fct_region_target_status
                                 where region_code = ? and scope = ? and due_year is null""", code, scope))
            assert f"共 {sum(counts.values())} 项目标" in all_text(at), (code, scope)
            for status, label in labels.STATUS_LABELS.items():
                assert metric(at, label).value == f"{counts.get(status, 0)} 项"
            seen[(code, scope)] = sum(counts.values())
    assert len(set(seen.values())) > 1, f"the seed warehouse should give regions different target counts: {seen}"


def test_overview_missing_figures_say_what_and_how(app, sql):
    at = app("overview")
    at.selectbox(key="ov_region").set_value("341322").run()  # 萧县: a county with few figures
    missing = [name for (name,) in sql("""select m.name_zh from marts.fct_kpi_card c join marts.dim_metric m using (metric_code)
                                          where c.region_code = '341322' and c.card_year is null and c.observation_id is null""")]
    assert missing, "expected 萧县 to lack some core metric in the seeds"
    text = all_text(at)
    assert "萧县 缺少以下指标任何年份的数据" in text
    for name in missing:
        assert name in text
    assert "region,year,period,metric,value,unit,quality,source_title,source_url,note" in text
    assert "data/inbox/" in text


# --- 目标进度 -------------------------------------------------------------------------------

def test_targets_table_lists_every_target_and_filters_by_status(app, sql):
    at = app("targets")
    total = sql("select count(*) from marts.fct_policy_target")[0][0]
    assert len(table(at, "tp_table")) == total
    status, count = sql("""select status, count(*) from marts.fct_target_progress group by 1 order by 2 desc, 1 limit 1""")[0]
    at.multiselect(key="tp_status").select(status).run()
    assert len(table(at, "tp_table")) == count
    assert set(table(at, "tp_table")["状态"]) == {labels.status_label(status)}
    absent = [s for s in labels.STATUS_LABELS if not sql("select 1 from marts.fct_target_progress where status = ?", s)]
    if absent:
        at.multiselect(key="tp_status").unselect(status).select(absent[0]).run()
        assert table(at, "tp_table") is None
        assert "没有符合筛选条件的目标" in all_text(at)


def test_targets_region_filter_changes_rows(app, sql):
    at = app("targets")
    region, count = sql("""select coalesce(r.region_name, t.subject_region), count(*) from marts.fct_policy_target t
                           left join marts.dim_region r using (region_code) group by 1 order by 2, 1 limit 1""")[0]
    at.multiselect(key="tp_region").select(region).run()
    assert len(table(at, "tp_table")) == count
    assert set(table(at, "tp_table")["地区"]) == {region}


def test_targets_2027_targets_of_xiaoxian(app, sql):
    """A leader asks: which 2027 targets of 萧县 exist, and what are they?"""
    at = app("targets")
    expected = sql("""select target_id from marts.fct_policy_target where region_code = '341322' and target_year = 2027""")
    assert expected, "the seed 宿州 opinion sets 萧县 targets for 2027"
    at.multiselect(key="tp_region").select("萧县").run()
    at.multiselect(key="tp_year").select(2027).run()
    shown = table(at, "tp_table")
    assert sorted(shown["目标编号"]) == sorted(t for (t,) in expected)
    assert all("萧县" in title for title in shown["目标"])


def test_targets_of_2023_work_plan_without_data(app, sql):
    """A leader asks: which targets of the 2023 work plan (SZ-2023-2321) have no data yet?"""
    at = app("targets")
    expected = sql("""select target_id from marts.fct_policy_target join marts.fct_target_progress using (target_id)
                      where doc_id = 'SZ-2023-2321' and status = 'no_data'""")
    assert any("SZ-2023-2321" in option for option in at.multiselect(key="tp_doc").options)
    at.multiselect(key="tp_doc").select("SZ-2023-2321").run()
    at.multiselect(key="tp_status").select("no_data").run()
    shown = table(at, "tp_table")
    assert expected, "the seeds report on none of the 2023 work plan's counts"
    assert sorted(shown["目标编号"]) == sorted(t for (t,) in expected)
    assert set(shown["状态"]) == {"暂无数据"}


def test_target_detail_marks_the_clause_in_its_document(app, sql):
    at = app("targets")
    target_id = at.selectbox(key="tp_pick").value
    doc_text, start, end = sql("""select d.text, t.span_start, t.span_end from marts.fct_policy_target t
                                  join marts.dim_policy_document d using (doc_id) where target_id = ?""", target_id)[0]
    marked = [m.value for m in at.markdown if "<mark" in m.value]
    assert marked, "the clause is not highlighted"
    assert f">{html.escape(doc_text[start:end])}</mark>" in marked[0]
    assert html.escape(doc_text[max(0, start - 20):start]) in marked[0]  # with context around it


def _judged_copy(app_warehouse, tmp_path):
    """A copy of the warehouse where one target is judged by a figure: the shipped seeds judge none
    at the evaluation date (every 2023 figure a target needs is missing), so fabricate the link."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        target_id = con.execute("select target_id from marts.fct_target_progress order by target_id limit 1").fetchone()[0]
        obs = con.execute("""select observation_id, source_title, value, unit from marts.fct_indicator_observation
                             where is_preferred and source_url is not null order by observation_id limit 1""").fetchone()
        con.execute("""update marts.fct_target_progress set status = 'achieved', evidence = 'statistics',
                       observation_id = ?, actual_value = ?, actual_year = 2023, actual_period = 'Y'
                       where target_id = ?""", [obs[0], obs[2], target_id])
    return copy, target_id, obs


def test_target_detail_shows_the_figure_and_source_used(app, sql, app_warehouse, tmp_path, monkeypatch):
    judged = sql("""select p.target_id, o.observation_id, o.source_title, o.value, o.unit from marts.fct_target_progress p
                    join marts.fct_indicator_observation o on o.observation_id = p.observation_id
                    order by p.target_id limit 1""")
    if judged:
        target_id, _, source, value, unit = judged[0]
    else:
        copy, target_id, (_, source, value, unit) = _judged_copy(app_warehouse, tmp_path)
        monkeypatch.setenv("KPI_WAREHOUSE", str(copy))
    at = app("targets")
    at.selectbox(key="tp_pick").set_value(target_id).run()
    text = all_text(at)
    assert "判定所用数据" in text
    assert labels.fmt_value(value, unit) in text
    assert source.replace("[", "〔").replace("]", "〕") in text


def test_target_detail_shows_a_department_report(app, app_warehouse, tmp_path, monkeypatch):
    """Targets without a statistical series are judged by the responsible unit's report (月调度)."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        target_id = con.execute("select target_id from marts.fct_target_progress order by target_id desc limit 1").fetchone()[0]
        con.execute("""insert into marts.fct_progress_report (report_id, target_id, as_of, value, reported_by, note, origin, source_file, source_line)
                       values ('r1', ?, date '2024-05-31', 12, '市经济和信息化局', '5月调度', 'inbox', 'inbox/progress_2024_05.csv', 2)""",
                    [target_id])
        con.execute("""update marts.fct_target_progress set status = 'on_track', evidence = 'department_report', report_id = 'r1',
                       actual_value = 12, report_as_of = date '2024-05-31', progress_pct = 60 where target_id = ?""", [target_id])
    monkeypatch.setenv("KPI_WAREHOUSE", str(copy))
    at = app("targets")
    at.selectbox(key="tp_pick").set_value(target_id).run()
    text = all_text(at)
    assert "判定所用部门报送" in text and "截至 2024年5月31日" in text and "市经济和信息化局" in text
    assert "inbox/progress_2024_05.csv 第 2 行" in text
    assert "据部门报送(2024年5月31日)" in text


def test_target_detail_shows_the_progress_document_clause(app, app_warehouse, tmp_path, monkeypatch):
    """A count read from a progress document and linked to the target is shown with its clause."""
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        target_id, doc_id = con.execute("select target_id, doc_id from marts.fct_policy_target order by target_id limit 1").fetchone()
        text = con.execute("select text from marts.dim_policy_document where doc_id = ?", [doc_id]).fetchone()[0]
        con.execute("""insert into marts.fct_document_actual (document_actual_id, doc_id, document_title, channel, year, period,
                           metric_code, value, unit, basis, reason, target_id, is_observation, sentence, span_start, span_end,
                           source_file, source_line, origin)
                       values ('d1', ?, '上半年推进情况![](http://127.0.0.1:3000/x)', 'report', 2023, 'M01-M06', 'enterprise_count',
                               3, '家', 'level', 'cue: 上半年', ?, false, ?, 0, 10, 'inbox/h1.txt', 2, 'inbox')""",
                    [doc_id, target_id, text[:10]])
        con.execute("""update marts.fct_target_progress set status = 'on_track', evidence = 'document', document_actual_id = 'd1',
                       actual_value = 3, report_as_of = date '2023-06-30', progress_pct = 60 where target_id = ?""", [target_id])
    monkeypatch.setenv("KPI_WAREHOUSE", str(copy))
    at = app("targets")
    at.selectbox(key="tp_pick").set_value(target_id).run()
    shown = all_text(at)
    assert "判定所用进展文件摘录" in shown and "inbox/h1.txt 第 2 行" in shown
    assert "据进展文件(2023年6月30日)" in shown
    # a title from the data is shown as plain text, never rendered as Markdown (no image is fetched)
    assert any("上半年推进情况![](http://127.0.0.1:3000/x)" in t.value for t in at.text)
    assert not any("127.0.0.1:3000" in m.value for m in at.markdown)


def test_quality_page_lists_documents_with_no_targets(app, sql):
    empty = [r[0] for r in sql("select source_file from marts.dim_policy_document "
                               "where channel = 'policy' and target_count = 0")]
    assert empty, "the seeds hold a mechanism document with no numeric target (淮南)"
    text = all_text(app("quality"))
    assert all(f"未提取到目标:{labels.plain(f)}" in text for f in empty)


def test_target_without_data_says_what_is_missing(app, sql):
    rows = sql("""select target_id from marts.fct_target_progress where status = 'no_data' order by target_id limit 1""")
    assert rows, "most seed targets have no data"
    at = app("targets")
    at.selectbox(key="tp_pick").set_value(rows[0][0]).run()
    text = all_text(at)
    assert "data/inbox/" in text
    assert "缺少" in text or "尚未报送" in text


# --- 县区赛马 -------------------------------------------------------------------------------

def test_race_shows_the_county_race_mart(app, sql):
    """Every ranking the page offers for 宿州 is fct_county_race's, rank for rank."""
    at = app("race")
    at.selectbox(key="race_city").set_value("341300").run()
    offered = sql("""select metric_code, year, count(*) from marts.fct_county_race where city_code = '341300'
                     group by 1, 2 order by 3 desc, 1, 2 desc""")
    assert offered, "the seeds rank some of 宿州's counties"
    members = sql("select count(*) from marts.dim_region where city_code = '341300' and in_county_race")[0][0]
    for metric_code, year, _n in offered[:3]:
        at.selectbox(key="race_metric").set_value(metric_code).run()
        at.selectbox(key="race_year").set_value(year).run()
        expected = sql("""select rank_in_city, region_name, observation_id, periods_mixed from marts.fct_county_race
                          where city_code = '341300' and metric_code = ? and year = ?
                          order by rank_in_city, region_code""", metric_code, year)
        ranking = table(at, "race_table")
        assert list(zip(ranking["名次"], ranking["地区"], ranking["观测编号"])) == [r[:3] for r in expected]
        assert len(at.get("vega_lite_chart")) >= 1
        assert ("口径不一" in all_text(at)) == expected[0][3]
        assert ("未参与排名" in all_text(at)) == (len(expected) < members)


def test_race_target_board_is_the_mart(app, sql):
    at = app("race")
    at.selectbox(key="race_city").set_value("341300").run()
    expected = sql("""select rank_in_city, region_name, targets_total, targets_judged, target_share_pct
                      from marts.fct_county_target_board where city_code = '341300' order by rank_in_city""")
    board = table(at, "race_targets")
    assert expected, "the seeds give 宿州's counties targets of their own"
    got = [(r, n, t, j, None if pd.isna(s) else s) for r, n, t, j, s in
           zip(board["名次"], board["地区"], board["目标数"], board["可判断"], board["达标或按进度占比"])]
    assert got == [tuple(row) for row in expected]


# --- 指标趋势 -------------------------------------------------------------------------------

def test_trends_chart_and_table_of_preferred_vintages(app, sql):
    at = app("trends")
    at.selectbox(key="tr_region").set_value("341300").run()
    metric_code = at.selectbox(key="tr_metric").value
    preferred = sql("""select count(*) from marts.fct_indicator_observation
                       where region_code = '341300' and metric_code = ? and is_preferred""", metric_code)[0][0]
    every = sql("""select count(*) from marts.fct_indicator_observation
                   where region_code = '341300' and metric_code = ?""", metric_code)[0][0]
    assert preferred > 0
    assert len(at.get("vega_lite_chart")) == 1
    assert len(table(at, "tr_table")) == preferred
    at.checkbox(key="tr_all").check().run()
    assert len(table(at, "tr_table")) == every


def test_trends_empty_state_names_region_and_metric(app, sql):
    at = app("trends")
    region = sql("""select region_code, region_name from marts.dim_region r
                    where level in ('county', 'park')
                      and not exists (select 1 from marts.fct_indicator_observation o where o.region_code = r.region_code)
                      and not exists (select 1 from marts.fct_policy_target t where t.region_code = r.region_code)
                    order by region_code limit 1""")
    assert region, "some county or park of the reference has neither a figure nor a target in the seeds"
    at.selectbox(key="tr_region").set_value(region[0][0]).run()
    text = all_text(at)
    assert f"{region[0][1]} 暂无任何统计数据" in text and "data/inbox/" in text
    assert not at.get("vega_lite_chart")


# --- 数据质量 -------------------------------------------------------------------------------

def test_quality_counts_match_the_warehouse(app, sql, app_warehouse):
    at = app("quality")
    checks = sql("""select count(*), count(*) filter (where not try_cast(success as boolean)) from meta.check_results
                    where run_id = (select run_id from meta.publish_log order by published_at desc limit 1)""")[0]
    assert metric(at, "校验项").value == f"{checks[0]} 项"
    assert metric(at, "未通过").value == f"{checks[1]} 项"
    tab_labels = [t.label for t in at.tabs]
    for table_name, label in (("figure_rows", "统计数据行"), ("rejected_files", "拒收文件")):
        n = sql(f"select count(*) from quarantine.{table_name}")[0][0]
        assert f"{label}({n})" in tab_labels
    text = all_text(at)
    docs = app_warehouse.parent / "site" / "data_docs" / "index.html"
    assert str(docs) not in text and str(app_warehouse.parent) not in text  # pages never show server paths
    assert ("http.server" in text) if docs.exists() else ("尚未生成 Data Docs" in text)


# --- no warehouse, a new publish ---------------------------------------------------------

@pytest.mark.parametrize("page", PAGES)
def test_missing_warehouse_says_how_to_build_it(app, monkeypatch, tmp_path, page):
    monkeypatch.setenv("KPI_WAREHOUSE", str(tmp_path / "absent" / "warehouse.duckdb"))
    at = app(page)
    text = all_text(at)
    assert "尚未发布数据仓库" in text and "kpi run" in text and "KPI_WAREHOUSE" in text
    assert not at.metric and not at.dataframe


def test_a_new_publish_shows_without_restart_and_no_connection_is_held(app, monkeypatch, tmp_path, app_warehouse):
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_warehouse, copy)
    monkeypatch.setenv("KPI_WAREHOUSE", str(copy))
    at = app("quality")
    before = metric(at, "校验项").value
    for page in PAGES:  # render every page: none may keep the file open
        app(page)
    with duckdb.connect(str(copy)) as con:  # read-write: fails if the app still held a connection
        con.execute("""delete from meta.check_results where rowid in (select min(rowid) from meta.check_results
                       where run_id = (select run_id from meta.publish_log order by published_at desc limit 1))""")
    at.run()
    after = metric(at, "校验项").value
    assert int(after.split()[0]) == int(before.split()[0]) - 1


def test_a_link_opens_one_target(app, sql):  # `app` points KPI_WAREHOUSE at the test warehouse
    """The overview's card links to 目标进度?target=<id>: the page opens on that target."""
    from streamlit.testing.v1 import AppTest

    ids = [t for (t,) in sql("select target_id from marts.fct_policy_target order by target_id desc limit 1")]
    assert ids, "the seeds hold targets"
    at = AppTest.from_file(str(PROJECT_ROOT / "app" / "Home.py"), default_timeout=30)
    at.session_state["kpi_user"] = {"name": "领导测试", "role": "leader"}
    at.query_params["target"] = ids[0]
    at.switch_page("views/targets.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="tp_pick").value == ids[0]


def test_missing_warehouse_points_at_the_validation_report_of_an_unpublished_build(app, monkeypatch, tmp_path):
    docs = tmp_path / "site" / "data_docs" / "index.html"
    docs.parent.mkdir(parents=True)
    docs.write_text("<html></html>", encoding="utf-8")
    monkeypatch.setenv("KPI_WAREHOUSE", str(tmp_path / "warehouse.duckdb"))
    at = app("overview")
    assert any("site/data_docs" in info.value for info in at.info)
    assert str(tmp_path) not in all_text(at)  # pages never show server paths


def test_quarantined_rows_and_rejected_files_are_listed_with_reasons(app, monkeypatch, tmp_path, app_warehouse):
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        before = {t: con.execute(f"select count(*) from quarantine.{t}").fetchone()[0] for t in ("figure_rows", "rejected_files")}
        con.execute("""insert into quarantine.figure_rows (source_file, source_line, rule, reason, region, year, metric, value)
                       values ('inbox/bad.csv', 3, 'unknown_region', '地区“宿州开发区”无法识别', '宿州开发区', '2023', 'gdp', '1')""")
        con.execute("""insert into quarantine.rejected_files (source_file, origin, kind, reason)
                       values ('inbox/gbk.csv', 'inbox', 'figures', '文件不是 UTF-8 编码')""")
    monkeypatch.setenv("KPI_WAREHOUSE", str(copy))
    at = app("quality")
    labels_ = [t.label for t in at.tabs]
    assert f"统计数据行({before['figure_rows'] + 1})" in labels_ and f"拒收文件({before['rejected_files'] + 1})" in labels_
    shown = [d.value for d in at.dataframe if "原因" in d.value.columns]
    reasons = {r for frame in shown for r in frame["原因"]}
    assert "地区“宿州开发区”无法识别" in reasons and "文件不是 UTF-8 编码" in reasons
    assert metric(at, "拒收文件").value == f"{before['rejected_files'] + 1} 个"


def test_quality_page_shows_corrections_and_retractions(app, monkeypatch, tmp_path, app_warehouse):
    copy = tmp_path / "warehouse.duckdb"
    shutil.copy(app_warehouse, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("""insert into meta.input_files (path, origin, location, kind, sha256, status, reason, superseded_by)
                       values ('inbox/a.csv', 'inbox', 'processed', 'figures', 'x', 'superseded',
                               '已被同名文件的新版本 inbox/a~v2.csv 更正', 'inbox/a~v2.csv'),
                              ('inbox/b.csv', 'inbox', 'retracted', 'figures', 'y', 'retracted',
                               '已撤回:口径有误(撤回人 数据办,2026-12-02 10:00)', null)""")
    monkeypatch.setenv("KPI_WAREHOUSE", str(copy))
    at = app("quality")
    [changes] = [d.value for d in at.dataframe if "被哪个文件更正" in d.value.columns]
    assert list(changes["状态"]) == ["已撤回", "已更正"]
    assert list(changes["文件"]) == ["inbox/b.csv", "inbox/a.csv"]
    assert "口径有误" in changes["原因"].iloc[0] and changes["被哪个文件更正"].iloc[1] == "inbox/a~v2.csv"


# --- 调度 ------------------------------------------------------------------------------------

def test_dispatch_shows_the_unit_marts(app, sql):
    """The units table, the 催报 list and a unit's targets are fct_unit_dispatch(_target) rows."""
    at = app("dispatch")
    expected = sql("""select unit_name, targets_owned, targets_led, reports_expected, targets_reported, targets_overdue
                      from marts.fct_unit_dispatch order by targets_overdue desc, unit_name""")
    assert len(expected) >= 10, "the seeds name responsible units"
    units = table(at, "dispatch_units")
    assert list(zip(units["责任单位"], units["承担目标"], units["牵头目标"], units["应报送"], units["本期已报送"],
                    units["逾期未报"])) == expected
    [chase] = [c.value for c in at.code]
    assert chase.splitlines() == [f"{u}:逾期未报 {n} 项(最近报送:—)" for u, *_, n in expected if n > 0]
    unit = expected[3][0]
    at.selectbox(key="dispatch_unit").set_value(unit).run()
    rows = sql("""select target_id, is_lead, report_expected, reported_in_period from marts.fct_unit_dispatch_target
                  where unit_name = ? order by report_expected and not reported_in_period desc, is_lead desc, target_id""", unit)
    shown = table(at, "dispatch_targets")
    assert list(shown["目标编号"]) == [r[0] for r in rows]
    assert list(shown["责任分工"]) == ["牵头" if r[1] else "配合" for r in rows]
    assert list(shown["本期"]) == ["已报送" if r[3] else ("逾期未报" if r[2] else "—") for r in rows]
    [button] = at.get("download_button")
    assert unit in button.proto.label or "填报表" in button.proto.label


def test_dispatch_makes_the_meeting_pack(app):
    at = app("dispatch")
    at.button(key="dispatch_pack").click().run()
    assert not at.exception, [e.value for e in at.exception]
    labels_shown = [b.proto.label for b in at.get("download_button")]
    assert "下载会议材料(xlsx)" in labels_shown and "下载会议材料(PDF)" in labels_shown
