"""总览: one region, one year — the four metric families as KPI cards, and targets by status."""

import pandas as pd
import streamlit as st

import labels
import queries
import ui

LATEST = "latest"

st.title("产业政策目标监测 · 总览")

tree = ui.region_tree()
observations = queries.observations()
preferred = observations[observations["is_preferred"]]
targets = queries.targets()
metrics = queries.metrics().set_index("metric_code")

left, right = st.columns([3, 1])
with left:
    region = ui.region_select("地区", key="ov_region", tree=tree)
region_name = ui.region_name(region)
here = preferred[preferred["region_code"] == region]
years = sorted({int(y) for y in here["year"]} | {int(y) for y in targets.loc[targets["region_code"] == region, "target_year"].dropna()},
               reverse=True)
with right:
    year = st.selectbox("年份", [LATEST, *years], key="ov_year",
                        format_func=lambda y: "最新一期" if y == LATEST else f"{y}年")


def pick_observation(code: str) -> pd.Series | None:
    rows = here[here["metric_code"] == code]
    if year != LATEST:
        rows = rows[rows["year"] == year]
    if rows.empty:
        return None
    return rows.sort_values(["year", "period_end_month", "is_full_year"]).iloc[-1]


def previous_value(obs: pd.Series) -> float | None:
    rows = here[(here["metric_code"] == obs["metric_code"]) & (here["year"] == obs["year"] - 1)
                & (here["period"] == obs["period"])]
    return None if rows.empty else float(rows.iloc[0]["value"])


def matching_target(code: str, shown_year: int | None) -> tuple[pd.Series | None, int]:
    rows = targets[(targets["region_code"] == region) & (targets["metric_code"] == code)
                   & (targets["industry_code"].fillna("all").isin(["all", "manufacturing"]))]
    if rows.empty:
        return None, 0
    ref = year if year != LATEST else (shown_year or 0)
    rows = rows.assign(_due=rows["target_year"].fillna(9999), _later=rows["target_year"].fillna(9999) < ref)
    return rows.sort_values(["_later", "_due"]).iloc[0], len(rows)


missing: list[str] = []
period_text = "最新一期" if year == LATEST else f"{year}年"
st.caption(f"{region_name} · {period_text}:各指标取优选口径(官方 > 初步 > 二手 > 文本提取),全年数据优先于年内累计。")

family_columns = st.columns(len(labels.CORE_FAMILIES))
for family_column, (family, codes) in zip(family_columns, labels.CORE_FAMILIES.items()):
    family_column.markdown(f"##### {labels.family_label(family)}")
    for code in codes:
        name = metrics.loc[code, "name_zh"] if code in metrics.index else code
        definition = metrics.loc[code, "definition"] if code in metrics.index else None
        obs = pick_observation(code)
        with family_column.container(border=True):
            if obs is None:
                st.metric(name, "暂无数据", help=definition)
                earlier = here[here["metric_code"] == code].sort_values(["year", "period_end_month"])
                if year == LATEST:
                    st.caption(f"{region_name}尚无该指标任何年份的数据")
                elif earlier.empty:
                    st.caption(f"缺 {region_name} {year}年数据")
                else:
                    last = earlier.iloc[-1]
                    st.caption(f"缺 {region_name} {year}年数据;最近一期 {labels.year_period_label(last['year'], last['period'])}"
                               f" {labels.fmt_value(last['value'], last['unit'])}")
                missing.append(name)
                shown_year = None
            else:
                delta = None
                if obs["kind"] in ("level", "count", "flow"):
                    prev = previous_value(obs)
                    if prev is not None:
                        change = obs["value"] - prev
                        delta = f"{'+' if change > 0 else ''}{labels.fmt_number(change)}{obs['unit']} 较上年同期"
                st.metric(name, labels.fmt_value(obs["value"], obs["unit"]), delta=delta, help=definition)
                st.caption(f"{labels.year_period_label(obs['year'], obs['period'])} · {labels.quality_label(obs['quality'])}  \n"
                           f"来源:{labels.md_link(obs['source_title'], obs['source_url'])}")
                shown_year = int(obs["year"])
            target, count = matching_target(code, shown_year)
            if target is not None:
                more = f"(共 {count} 项)" if count > 1 else ""
                value_text = labels.target_value_text(target["comparator"], target["value"], target["value_low"],
                                                      target["value_high"], target["unit"], bool(target["redacted"]))
                due = f"{int(target['target_year'])}年" if pd.notna(target["target_year"]) else "未定期限"
                st.caption(f"目标 {value_text}({due}) · **{labels.status_label(target['status'])}**{more}")
                st.page_link("views/targets.py", label="目标原文与依据", icon=":material/description:",
                             query_params={"target": target["target_id"]})

if missing:
    when = "任何年份" if year == LATEST else f"{year}年"
    ui.empty_state(f"{region_name} 缺少以下指标{when}的数据:" + "、".join(missing) + "。")

st.divider()
st.subheader("政策目标完成情况")
include_children = st.checkbox("含下辖县区、园区", value=True, key="ov_children")
scope = ui.descendants(region) if include_children else {region}
in_scope = targets[targets["region_code"].isin(scope)]
if year != LATEST:
    in_scope = in_scope[in_scope["target_year"] == year]
scope_text = f"{region_name}{'及下辖县区、园区' if include_children else '本级'}" + ("" if year == LATEST else f" · {year}年到期")
evaluation = queries.publish_info()["evaluation_date"]
st.caption(f"{scope_text}:共 {len(in_scope)} 项目标(评估日 {labels.fmt_date(evaluation)})")
counts = in_scope["status"].value_counts()
statuses = list(labels.STATUS_LABELS)
for row_start in (0, 4):
    cols = st.columns(4)
    for col, status in zip(cols, statuses[row_start:row_start + 4]):
        col.metric(labels.status_label(status), f"{int(counts.get(status, 0))} 项", help=labels.STATUS_HELP[status])
if in_scope.empty:
    st.info(f"{scope_text} 暂无已提取的政策目标。新的政策文件(.txt)请放入 `data/inbox/policies/`,下次 `kpi run` 会提取其中的目标。")
st.page_link("views/targets.py", label="查看目标明细、原文条款与数据来源", icon=":material/arrow_forward:")
