"""调度: per responsible unit, what it answers for, what it reported on the period due, what is
overdue, and the 催报 list; each unit drills down to its targets and its form. Every number is a
row of marts.fct_unit_dispatch or fct_unit_dispatch_target; this page only renders them."""

import datetime as dt
import io

import pandas as pd
import streamlit as st

import labels
import queries
import ui
from orchestration.office.form_layout import file_name  # the office modules are pure: no Streamlit
from orchestration.office.forms import FormError, period_bounds, write_form
from orchestration.office.pack import PackData, period_state, write_pdf, write_xlsx

st.title("调度")

units = queries.unit_dispatch()
if units.empty:
    ui.empty_state("还没有写明责任单位的目标:政策文件中的“责任单位”被读出后,这里按单位列出调度情况。")
    st.stop()

first = units.iloc[0]
st.caption(f"调度期 {labels.plain(first['period'])}(报送截止 {labels.fmt_date(first['due_date'])});"
           f"评估日期 {labels.fmt_date(first['evaluation_date'])}。牵头单位对按报送判定、仍在进行中的目标应当报送。")
c1, c2, c3, c4 = st.columns(4)
c1.metric("责任单位", f"{len(units)}")
c2.metric("应报送目标", f"{int(units['reports_expected'].sum())}")
c3.metric("本期已报送", f"{int(units['targets_reported'].sum())}")
c4.metric("逾期未报", f"{int(units['targets_overdue'].sum())}")

st.subheader("各单位报送情况")
st.dataframe(pd.DataFrame({
    "责任单位": units["unit_name"],
    "承担目标": units["targets_owned"],
    "牵头目标": units["targets_led"],
    "应报送": units["reports_expected"],
    "本期已报送": units["targets_reported"],
    "逾期未报": units["targets_overdue"],
    "达成或正常占比": [labels.fmt_value(v, "%") for v in units["led_on_track_pct"]],
    "最近报送": [labels.fmt_date(v) for v in units["last_report_as_of"]],
}), hide_index=True, width="stretch")

late = units[units["targets_overdue"] > 0]
st.subheader("催报清单")
if late.empty:
    st.success("本期应报送的目标均已报送。")
else:
    lines = [f"{row.unit_name}:逾期未报 {row.targets_overdue} 项(最近报送:{labels.fmt_date(row.last_report_as_of)})"
             for row in late.itertuples()]
    st.caption(f"{len(late)} 个单位有逾期未报的目标,可复制:")
    st.code("\n".join(lines), language=None)

st.subheader("单位明细")
unit = st.selectbox("责任单位", list(units["unit_name"]), key="dispatch_unit")
targets = queries.unit_dispatch_targets(unit)
st.dataframe(pd.DataFrame({
    "目标编号": targets["target_id"],
    "目标": targets["metric_text"],
    "目标年份": ["—" if labels.is_missing(v) else f"{int(v)}年" for v in targets["target_year"]],
    "责任分工": ["牵头" if v else "配合" for v in targets["is_lead"]],
    "状态": targets["status"].map(labels.status_label),
    "本期": [period_state(r, e) for r, e in zip(targets["reported_in_period"], targets["report_expected"])],
    "最近截至日期": [labels.fmt_date(v) for v in targets["last_report_as_of"]],
    "最近报送值": [labels.fmt_number(v) for v in targets["last_report_value"]],
    "填报人": targets["last_reported_by"].fillna("—"),
    "来源文件": targets["last_report_file"].fillna("—"),
}), hide_index=True, width="stretch")

period = st.text_input("填报期(YYYY-MM)", value=str(first["period"]), key="dispatch_period")

try:
    buffer = write_form(io.BytesIO(), unit, period, queries.form_rows(unit), dt.date.today())
    st.download_button("下载该单位的目标进度填报表(xlsx)", buffer.getvalue(), file_name=file_name(period, unit),
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       icon=":material/download:")
except FormError as exc:
    st.error(str(exc))

st.subheader("会议材料")
st.caption("汇总、各单位明细、县区赛马和滞后目标(xlsx),以及含封面、图表和原文条款的 PDF;与 `kpi pack` 相同。")
if st.button("生成本期会议材料", key="dispatch_pack", icon=":material/picture_as_pdf:"):
    try:
        period_bounds(period)
        data = PackData(period, dt.datetime.now(), queries.pack_tables())
        st.session_state["dispatch_pack_files"] = (period, write_xlsx(data, io.BytesIO()).getvalue(),
                                                   write_pdf(data, io.BytesIO()).getvalue())
    except FormError as exc:
        st.error(str(exc))
if "dispatch_pack_files" in st.session_state:
    made_for, xlsx, pdf = st.session_state["dispatch_pack_files"]
    left, right = st.columns(2)
    left.download_button("下载会议材料(xlsx)", xlsx, file_name=f"月调度会议材料_{made_for}.xlsx",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="pack_xlsx")
    right.download_button("下载会议材料(PDF)", pdf, file_name=f"月调度会议材料_{made_for}.pdf",
                          mime="application/pdf", key="pack_pdf")
