"""总览: one region, one year — the KPI cards of the catalog's card metrics, and targets by status.

Every number here is a row of marts.fct_kpi_card or marts.fct_region_target_status, which hold
the rules (which figure a card shows, which target it is set against, what is counted); this
page only chooses the region and year and renders them."""

import pandas as pd
import streamlit as st

import labels
import queries
import ui

LATEST = "latest"

st.title("产业政策目标监测 · 总览")

tree = ui.region_tree()
cards = queries.kpi_cards()
targets = queries.targets().set_index("target_id")

left, right = st.columns([3, 1])
with left:
    region = ui.region_select("地区", key="ov_region", tree=tree)
region_name = ui.region_name(region)
here = cards[cards["region_code"] == region]
years = sorted({int(y) for y in here["card_year"].dropna()}, reverse=True)
with right:
    year = st.selectbox("年份", [LATEST, *years], key="ov_year",
                        format_func=lambda y: "最新一期" if y == LATEST else f"{y}年")

shown = here[here["card_year"].isna()] if year == LATEST else here[here["card_year"] == year]
latest = here[here["card_year"].isna()].set_index("metric_code")
missing: list[str] = []
period_text = "最新一期" if year == LATEST else f"{year}年"
st.caption(f"{region_name} · {period_text}:各指标取优选口径(官方 > 初步 > 二手 > 文本提取),全年数据优先于年内累计。")

families = list(dict.fromkeys(shown.sort_values("overview_card")["family"]))
family_columns = st.columns(max(len(families), 1))
for family_column, family in zip(family_columns, families):
    family_column.markdown(f"##### {labels.family_label(family)}")
    for card in shown[shown["family"] == family].sort_values("overview_card").itertuples():
        definition = card.definition if isinstance(card.definition, str) else None
        with family_column.container(border=True):
            if pd.isna(card.observation_id):
                st.metric(card.metric_name, "暂无数据", help=definition)
                last = latest.loc[card.metric_code] if card.metric_code in latest.index else None
                if year == LATEST or last is None or pd.isna(last["observation_id"]):
                    st.caption(f"{region_name}尚无该指标任何年份的数据" if year == LATEST else f"缺 {region_name} {year}年数据")
                else:
                    st.caption(f"缺 {region_name} {year}年数据;最近一期 {labels.plain(labels.year_period_label(last['year'], last['period']))}"
                               f" {labels.fmt_value(last['value'], labels.plain(last['unit']))}")
                missing.append(card.metric_name)
            else:
                delta = None
                if not pd.isna(card.change_from_previous):
                    change = card.change_from_previous
                    delta = f"{'+' if change > 0 else ''}{labels.fmt_number(change)}{card.unit} 较上年同期"
                st.metric(card.metric_name, labels.fmt_value(card.value, card.unit), delta=delta, help=definition)
                st.caption(f"{labels.plain(labels.year_period_label(card.year, card.period))} · "
                           f"{labels.plain(labels.quality_label(card.quality))}  \n"
                           f"来源:{labels.md_link(card.source_title, card.source_url)}")
            if isinstance(card.target_id, str) and card.target_id in targets.index:
                target = targets.loc[card.target_id]
                more = f"(共 {card.targets_matching} 项)" if card.targets_matching > 1 else ""
                value_text = labels.target_value_text(target["comparator"], target["value"], target["value_low"],
                                                      target["value_high"], labels.plain(target["unit"]), bool(target["redacted"]))
                due = f"{int(target['target_year'])}年" if pd.notna(target["target_year"]) else "未定期限"
                st.caption(f"目标 {value_text}({due}) · **{labels.status_label(target['status'])}**{more}")
                st.page_link("views/targets.py", label="目标原文与依据", icon=":material/description:",
                             query_params={"target": card.target_id})

if missing:
    when = "任何年份" if year == LATEST else f"{year}年"
    ui.empty_state(f"{region_name} 缺少以下指标{when}的数据:" + "、".join(missing) + "。")

st.divider()
st.subheader("政策目标完成情况")
include_children = st.checkbox("含下辖县区、园区", value=True, key="ov_children")
status = queries.region_target_status()
status = status[(status["region_code"] == region) & (status["scope"] == ("with_children" if include_children else "self"))]
status = status[status["due_year"].isna()] if year == LATEST else status[status["due_year"] == year]
total = int(status["targets_in_scope"].iloc[0]) if len(status) else 0
counts = dict(zip(status["status"], status["targets"]))
scope_text = f"{region_name}{'及下辖县区、园区' if include_children else '本级'}" + ("" if year == LATEST else f" · {year}年到期")
evaluation = queries.publish_info()["evaluation_date"]
st.caption(f"{scope_text}:共 {total} 项目标(评估日 {labels.fmt_date(evaluation)})")
statuses = list(labels.STATUS_LABELS)
for row_start in (0, 4):
    cols = st.columns(4)
    for col, code in zip(cols, statuses[row_start:row_start + 4]):
        col.metric(labels.status_label(code), f"{int(counts.get(code, 0))} 项", help=labels.STATUS_HELP[code])
if total == 0:
    st.info(f"{scope_text} 暂无已提取的政策目标。新的政策文件(.txt)请放入 `data/inbox/policies/`,下次 `kpi run` 会提取其中的目标。")
st.page_link("views/targets.py", label="查看目标明细、原文条款与数据来源", icon=":material/arrow_forward:")
