"""目标进度: every target with filters, progress and status; one target drilled down to its
clause in the policy document and the figures or progress report that judged it."""

import pandas as pd
import streamlit as st

import labels
import queries
import target_detail
import ui
from orchestration.office.safe_cells import neutralise_frame  # pure: no Streamlit

st.title("目标进度")

targets = queries.targets()
linked = st.query_params.get("target")  # ?target=<id>, from a card or a shared link
if linked and linked not in set(targets["target_id"]):
    if queries.target_exists(linked):
        ui.refuse_link("目标", linked)
        st.stop()
    st.warning("链接中的目标不存在(数据仓库可能已更新)。")
if targets.empty:
    st.info("数据仓库中还没有政策目标。新的政策文件(.txt,UTF-8)请放入 `data/inbox/policies/`,"
            "下次 `kpi run` 会提取其中的目标并与统计数据比对。")
    st.stop()

targets = targets.assign(
    title=targets.apply(labels.target_title, axis=1),
    status_zh=targets["status"].map(labels.status_label),
    units=targets["responsible_units"].map(labels.split_units),
    industry_zh=targets["industry_name"].fillna(targets["industry"]).replace({"全部工业": "全部", "all": "全部"}),
    region_zh=targets["region_name"].fillna(targets["subject_region"]),
)


def options(column: str) -> list:
    return sorted(targets[column].dropna().unique().tolist())


docs = targets.drop_duplicates("doc_id").set_index("doc_id")["doc_title"].to_dict()
all_units = sorted({u for units in targets["units"] for u in units})
statuses = list(labels.STATUS_LABELS)

with st.container(border=True):
    c1, c2, c3 = st.columns(3)
    doc_pick = c1.multiselect("政策文件", list(docs), format_func=lambda d: f"{docs[d]}({d})", key="tp_doc",
                              placeholder="全部文件")
    region_pick = c2.multiselect("地区", options("region_zh"), key="tp_region", placeholder="全部地区")
    industry_pick = c3.multiselect("产业", options("industry_zh"), key="tp_industry", placeholder="全部产业")
    c4, c5, c6, c7 = st.columns(4)
    family_pick = c4.multiselect("指标类别", options("family_zh"), key="tp_family", placeholder="全部类别")
    status_pick = c5.multiselect("状态", statuses, format_func=labels.status_label, key="tp_status", placeholder="全部状态")
    unit_pick = c6.multiselect("责任单位", all_units, key="tp_unit", placeholder="全部单位")
    year_pick = c7.multiselect("目标年份", [int(y) for y in options("target_year")], key="tp_year",
                               format_func=lambda y: f"{y}年", placeholder="全部年份")
    keyword = st.text_input("关键词(在条款原文中查找)", key="tp_keyword")

shown = targets
if doc_pick:
    shown = shown[shown["doc_id"].isin(doc_pick)]
if region_pick:
    shown = shown[shown["region_zh"].isin(region_pick)]
if industry_pick:
    shown = shown[shown["industry_zh"].isin(industry_pick)]
if family_pick:
    shown = shown[shown["family_zh"].isin(family_pick)]
if status_pick:
    shown = shown[shown["status"].isin(status_pick)]
if unit_pick:
    shown = shown[shown["units"].map(lambda units: bool(set(units) & set(unit_pick)))]
if year_pick:
    shown = shown[shown["target_year"].isin(year_pick)]
if keyword.strip():
    shown = shown[shown["sentence"].fillna("").str.contains(keyword.strip(), regex=False)]
shown = shown.reset_index(drop=True)

counts = shown["status"].value_counts()
summary = " · ".join(f"{labels.status_label(s)} {int(counts[s])}" for s in labels.STATUS_LABELS if s in counts)
st.markdown(f"**共 {len(shown)} 项目标**(全部 {len(targets)} 项)  {summary}")

if shown.empty:
    st.info("没有符合筛选条件的目标,请放宽筛选条件。")
    st.stop()

table = pd.DataFrame({
    "目标": shown["title"],
    "状态": shown["status_zh"],
    "进度": shown["progress_pct"],
    "实际": shown.apply(lambda r: "—" if labels.is_missing(r["actual_value"]) else
                        f"{labels.fmt_value(r['actual_value'], r['unit'])}({labels.year_period_label(r['actual_year'], r['actual_period']) if labels.is_missing(r['report_as_of']) else labels.fmt_date(r['report_as_of'])})",
                        axis=1),
    "目标值": shown.apply(lambda r: labels.target_value_text(r["comparator"], r["value"], r["value_low"], r["value_high"],
                                                          r["unit"], bool(r["redacted"])), axis=1),
    "目标年份": shown["target_year"].astype("Int64"),
    "地区": shown["region_zh"],
    "产业": shown["industry_zh"],
    "指标": shown["metric_name"].fillna(shown["metric_text"]),
    "责任单位": shown["units"].map("、".join),
    "文件": shown["doc_title"],
    "目标编号": shown["target_id"],
})
event = st.dataframe(
    table, hide_index=True, key="tp_table", on_select="rerun", selection_mode="single-row",
    column_config={
        "目标": st.column_config.TextColumn(width="large"),
        "进度": st.column_config.ProgressColumn("进度", help="实际值 ÷ 目标值(部门报送时为报送的完成率)",
                                              format="%.0f%%", min_value=0, max_value=100),
        "目标年份": st.column_config.NumberColumn(format="%d"),
    },
)
st.download_button("下载当前列表(CSV)", neutralise_frame(table).to_csv(index=False).encode("utf-8-sig"),
                   file_name="政策目标进度.csv", mime="text/csv")

# Pick a target: a click in the table, the picker below, or ?target=<id> in the link.
ids = list(shown["target_id"])
rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
table_pick = ids[rows[0]] if rows and rows[0] < len(ids) else None
if table_pick and table_pick != st.session_state.get("tp_last_table_pick"):
    st.session_state["tp_pick"] = table_pick
st.session_state["tp_last_table_pick"] = table_pick
if linked in ids and "tp_pick" not in st.session_state:
    st.session_state["tp_pick"] = linked
if st.session_state.get("tp_pick") not in ids:
    st.session_state.pop("tp_pick", None)

st.divider()
titles = dict(zip(shown["target_id"], shown["title"]))
pick = st.selectbox("查看目标(也可在上表中点选一行)", ids, format_func=lambda t: f"{titles[t]} · {t}", key="tp_pick")
target_detail.render(shown[shown["target_id"] == pick].iloc[0])
