"""县区赛马: the counties and parks of a city ranked on a metric and year, and on the share of their
judged targets achieved or on track. Both rankings are the marts' (fct_county_race,
fct_county_target_board); this page only chooses what to show and renders it."""

import altair as alt
import pandas as pd
import streamlit as st

import labels
import queries
import ui

st.title("县区赛马")

regions = queries.regions()
members_all = regions[regions["in_county_race"]]  # who races is dim_region's rule
cities = regions[(regions["level"] == "city") & regions["region_code"].isin(set(members_all["city_code"]))]
if cities.empty:
    st.info("参考数据中没有下辖县区、园区的城市。")
    st.stop()
city_codes = list(cities["region_code"])
city_names = dict(zip(cities["region_code"], cities["region_name"]))
default_city = ui.default_region()
metric_names = ui.metric_names()

c1, c2, c3 = st.columns([1, 2, 1])
city = c1.selectbox("城市", city_codes, index=city_codes.index(default_city) if default_city in city_codes else 0,
                    format_func=city_names.get, key="race_city")
members = members_all[members_all["city_code"] == city]
member_codes = set(members["region_code"])
level_of = dict(zip(members["region_code"], members["level"]))
name_of = dict(zip(members["region_code"], members["region_name"]))
race = queries.county_race()
race = race[race["city_code"] == city]

metrics = queries.metrics().set_index("metric_code")
counted = race["metric_code"].value_counts()   # how many rankings' rows each option offers
metric_options = sorted(counted.index, key=lambda m: (not metrics.loc[m, "is_core_family"] if m in metrics.index else True,
                                                     -counted[m], m))
if not metric_options:
    ui.empty_state(f"{city_names[city]}下辖县区、园区还没有任何统计数据,无法排名。")
else:
    default_metric = "industry_va_growth_pct" if "industry_va_growth_pct" in metric_options else metric_options[0]
    metric = c2.selectbox("指标", metric_options, index=metric_options.index(default_metric),
                          format_func=lambda m: f"{metric_names.get(m, m)}({counted[m]} 条数据)", key="race_metric")
    years = sorted({int(y) for y in race.loc[race["metric_code"] == metric, "year"]}, reverse=True)
    year = c3.selectbox("年份", years, format_func=lambda y: f"{y}年", key="race_year")
    rows = race[(race["metric_code"] == metric) & (race["year"] == year)].reset_index(drop=True)
    unit = metrics.loc[metric, "unit"] if metric in metrics.index else ""
    st.subheader(f"{city_names[city]}各县区、园区 {metric_names.get(metric, metric)}({year}年)")
    periods = rows["period"].map(labels.period_label)
    if rows["periods_mixed"].any():
        st.warning("口径不一:" + ";".join(f"{labels.plain(p)}:{'、'.join(rows.loc[periods == p, 'region_name'].map(labels.plain))}"
                                         for p in periods.unique())
                   + "。全年与年内累计数据不可直接比较,排名仅供参考。")
    chart_data = pd.DataFrame({
        "地区": rows["region_name"], "数值": rows["value"], "口径": periods,
        "显示": [labels.fmt_value(v, unit) for v in rows["value"]],
        "质量": rows["quality"].map(labels.quality_label),
    })
    bars = alt.Chart(chart_data).mark_bar().encode(
        y=alt.Y("地区:N", sort="-x", title=None),
        x=alt.X("数值:Q", title=f"{metric_names.get(metric, metric)}({unit})", axis=alt.Axis(tickCount=6)),
        color=alt.Color("口径:N", legend=alt.Legend(orient="top")),
        tooltip=["地区", "显示", "口径", "质量"],
    )
    text = bars.mark_text(align="left", dx=4).encode(text="显示:N", color=alt.value("#333"))
    ui.show_chart((bars + text).properties(height=120 + 40 * len(rows)))  # the height includes axes and legend
    st.dataframe(pd.DataFrame({
        "名次": rows["rank_in_city"],
        "地区": rows["region_name"],
        "类型": rows["level"].map(labels.level_label),
        "数值": [labels.fmt_value(v, unit) for v in rows["value"]],
        "时期": [labels.year_period_label(y, p) for y, p in zip(rows["year"], rows["period"])],
        "口径": rows["figure_basis"].map(labels.BASIS_LABELS),
        "质量": rows["quality"].map(labels.quality_label),
        "来源": rows["source_title"],
        "链接": rows["source_url"].map(labels.safe_url),  # http(s) only
        "观测编号": rows["observation_id"],
    }), hide_index=True, column_config={"链接": st.column_config.LinkColumn(display_text="打开")}, key="race_table")
    absent = [name_of[c] for c in sorted(member_codes - set(rows["region_code"]))]
    if absent:
        ui.empty_state(f"以下县区、园区暂无「{metric_names.get(metric, metric)}」{year}年数据,未参与排名:{'、'.join(absent)}。")

st.divider()
st.subheader(f"{city_names[city]}各县区、园区目标完成情况")
board = queries.county_target_board()
board = board[board["city_code"] == city]
if board.empty:
    st.info(f"{city_names[city]}下辖县区、园区暂无已提取的政策目标。")
else:
    st.dataframe(pd.DataFrame({
        "名次": board["rank_in_city"],
        "地区": board["region_name"],
        "类型": board["level"].map(labels.level_label),
        "目标数": board["targets_total"],
        "可判断": board["targets_judged"],
        "已完成": board["targets_achieved"],
        "按进度": board["targets_on_track"],
        "有风险或滞后": board["targets_at_risk_or_off_track"],
        "未完成": board["targets_missed"],
        "达标或按进度占比": board["target_share_pct"],
    }), hide_index=True, key="race_targets", column_config={
        "达标或按进度占比": st.column_config.ProgressColumn(
            "达标或按进度占比", help="(已完成 + 按进度)÷ 可判断的目标数;没有可判断的目标时为空",
            format="%.0f%%", min_value=0, max_value=100),
        "可判断": st.column_config.NumberColumn(help="有数据可判断进度的目标(不含暂无数据、数值未公开、未到期)"),
    })
    if board["targets_judged"].eq(0).all():
        st.caption("各县区、园区的目标均暂无可判断的数据,占比为空;名次按目标数排列。")
    without = sorted(member_codes - set(board["region_code"]))
    if without:
        st.caption("暂无政策目标:" + "、".join(name_of[c] for c in without))
