"""指标趋势: a region's metric over the years (preferred figures; part-year periods marked
apart), with each target's line to its target year and the path required from the baseline."""

import altair as alt
import pandas as pd
import streamlit as st

import labels
import queries
import ui

st.title("指标趋势")

targets = queries.targets()
metrics = queries.metrics().set_index("metric_code")
names = ui.metric_names()

c1, c2 = st.columns([1, 1])
linked_region, linked_metric = st.query_params.get("region"), st.query_params.get("metric")  # from a target's page
if linked_region and not queries.may_read(linked_region) and queries.region_exists(linked_region):
    ui.refuse_link("地区", linked_region)
    st.stop()
with c1:
    region = ui.region_select("地区", key="tr_region", default=linked_region)
region_name = ui.region_name(region)
region_targets = targets[(targets["region_code"] == region) & targets["industry_code"].fillna("all").isin(["all", "manufacturing"])
                         & ~targets["redacted"].fillna(False).astype(bool)]
available = queries.metric_counts(region).set_index("metric_code")["observations"]
candidates = sorted(set(available.index) | set(region_targets["metric_code"].dropna()),
                    key=lambda m: (not metrics.loc[m, "is_core_family"] if m in metrics.index else True, -available.get(m, 0), m))
if not candidates:
    ui.empty_state(f"{region_name} 暂无任何统计数据或可比对的政策目标。")
    st.stop()
default = next((m for m in (linked_metric, "industry_va_growth_pct") if m in candidates), candidates[0])
with c2:
    metric = st.selectbox("指标", candidates, index=candidates.index(default), key="tr_metric",
                          format_func=lambda m: f"{names.get(m, m)}({available.get(m, 0)} 条)")
show_all = st.checkbox("同时显示非优选版本(其他来源、修订前数据)", key="tr_all")

unit = metrics.loc[metric, "unit"] if metric in metrics.index else ""
series = queries.series(region, metric)
series["时期"] = [labels.year_period_label(y, p) for y, p in zip(series["year"], series["period"])]
series["口径"] = ["全年" if full else f"年内累计({labels.period_label(p)})" for full, p in zip(series["is_full_year"], series["period"])]
series["显示"] = [labels.fmt_value(v, u) for v, u in zip(series["value"], series["unit"])]
series["质量"] = series["quality"].map(labels.quality_label)
series["来源"] = series["source_title"].fillna("未注明来源")
preferred = series[series["is_preferred"]]
metric_targets = region_targets[region_targets["metric_code"] == metric]

st.subheader(f"{region_name} · {names.get(metric, metric)}({unit})")
if preferred.empty:
    ui.empty_state(f"{region_name}「{names.get(metric, metric)}」暂无任何年份的统计数据,无法绘制趋势。")
else:
    tooltip = ["时期", "显示", "质量", "来源"]
    x = alt.X("year:Q", title="年份", axis=alt.Axis(format="d", tickMinStep=1))
    y = alt.Y("value:Q", title=f"{names.get(metric, metric)}({unit})", scale=alt.Scale(zero=False))
    plot = series[["year", "value", "is_full_year", "is_preferred", "口径", *tooltip]]
    full = preferred[preferred["is_full_year"]]
    part = plot[plot["is_preferred"] & ~plot["is_full_year"]]
    layers = [alt.Chart(plot[plot["is_preferred"] & plot["is_full_year"]]).mark_line(
        point=alt.OverlayMarkDef(size=70, filled=True), color="#1f77b4").encode(x=x, y=y, tooltip=tooltip)]
    if not part.empty:
        layers.append(alt.Chart(part).mark_point(size=110, filled=True, shape="triangle-up").encode(
            x=x, y=y, tooltip=tooltip, color=alt.Color("口径:N", legend=alt.Legend(title="年内累计", orient="bottom"))))
    if show_all and (~series["is_preferred"]).any():
        layers.append(alt.Chart(plot[~plot["is_preferred"]]).mark_point(size=60, color="#999", shape="circle").encode(
            x=x, y=y, tooltip=tooltip))
    lines = []
    for t in metric_targets.itertuples():
        if labels.is_missing(t.target_value) or labels.is_missing(t.target_year):
            continue
        due = int(t.target_year)
        issued = int(str(t.doc_published)[:4]) if str(t.doc_published)[:4].isdigit() else due
        start, end = (issued, due) if issued < due else (due - 0.45, due + 0.45)  # an annual target spans its year
        lines += [{"target_id": t.target_id, "线": "目标线", "year": start, "value": t.target_value},
                  {"target_id": t.target_id, "线": "目标线", "year": end, "value": t.target_value}]
        if not labels.is_missing(t.baseline_value) and not labels.is_missing(t.baseline_year):
            lines += [{"target_id": t.target_id, "线": "所需路径(自基期)", "year": int(t.baseline_year), "value": t.baseline_value},
                      {"target_id": t.target_id, "线": "所需路径(自基期)", "year": int(t.target_year), "value": t.target_value}]
    if lines:
        frame = pd.DataFrame(lines)
        dash = alt.StrokeDash("线:N", scale=alt.Scale(domain=["目标线", "所需路径(自基期)"], range=[[6, 4], [2, 3]]),
                              legend=alt.Legend(title="目标", orient="bottom"))
        layers.append(alt.Chart(frame).mark_line(color="#d62728", strokeWidth=2).encode(
            x=x, y=y, detail="target_id:N", strokeDash=dash))
        marks = pd.DataFrame([{"year": int(t.target_year), "value": t.target_value, "标注": f"{int(t.target_year)}年"
                               f"目标 {labels.target_value_text(t.comparator, t.value, t.value_low, t.value_high, t.unit, False)}"}
                              for t in metric_targets.itertuples()
                              if not labels.is_missing(t.target_value) and not labels.is_missing(t.target_year)])
        layers.append(alt.Chart(marks).mark_point(shape="diamond", size=120, color="#d62728", filled=True)
                      .encode(x=x, y=y, tooltip=["标注"]))
        layers.append(alt.Chart(marks).mark_text(align="right", dx=-8, dy=-10, color="#d62728").encode(x=x, y=y, text="标注:N"))
    ui.show_chart(alt.layer(*layers).properties(height=380))
    st.caption("实线圆点:全年数据;三角:年内累计数据(与全年口径不同);红色虚线:政策目标线(发文年份至目标年份),"
               "红色点线:从基期到目标所需的路径。")
    table = series if show_all else preferred
    st.dataframe(pd.DataFrame({
        "时期": table["时期"], "数值": table["显示"], "质量": table["质量"],
        "优选": table["is_preferred"].map({True: "是", False: "否"}),
        "来源": table["来源"], "链接": table["source_url"].map(labels.safe_url),  # http(s) only
        "发布日期": table["published_on"].map(labels.fmt_date),
    }).iloc[::-1], hide_index=True, key="tr_table", column_config={"链接": st.column_config.LinkColumn(display_text="打开")})
    missing_years = sorted(set(range(int(preferred["year"].min()), int(preferred["year"].max()) + 1)) - set(full["year"].astype(int)))
    if missing_years:
        ui.empty_state(f"{region_name}「{names.get(metric, metric)}」缺少以下年份的全年数据:"
                       + "、".join(f"{y}年" for y in missing_years) + "。")

if not metric_targets.empty:
    st.subheader("相关政策目标")
    st.dataframe(pd.DataFrame({
        "目标": metric_targets.apply(labels.target_title, axis=1),
        "状态": metric_targets["status"].map(labels.status_label),
        "基期": [labels.fmt_value(v, metric_targets["unit"].iloc[0]) + (f"({int(y)}年)" if not labels.is_missing(y) else "")
                for v, y in zip(metric_targets["baseline_value"], metric_targets["baseline_year"])],
        "需年均增长": metric_targets["required_annual_growth_pct"].map(lambda v: "—" if labels.is_missing(v) else f"{v:.2f}%"),
        "推算到期值": [labels.fmt_value(v, u) for v, u in zip(metric_targets["projected_value"], metric_targets["unit"])],
        "文件": metric_targets["doc_title"],
    }), hide_index=True, key="tr_targets")
