"""隔离数据处理: the office fixes a quarantined row (a one-row correction file goes into the inbox and
the next build checks it like any other) or dismisses it with a reason. Nothing is deleted: the
original row stays in the quarantine; each row shows its decision (orchestration/quarantine_decisions.py)."""

import pandas as pd
import streamlit as st

import auth
import labels
import queries
from data import settings
from orchestration import quarantine_decisions as qd

FIELD_LABELS = {
    "region": "地区", "year": "年份", "period": "期间", "metric": "指标代码", "value": "数值", "unit": "单位",
    "quality": "质量", "source_title": "来源标题", "source_url": "来源链接", "note": "备注",
    "target_id": "目标编号", "as_of": "截至日期", "reported_by": "填报单位",
}
SHOWN = {"source_file": "来源文件", "source_line": "行号", "source_sheet": "工作表", "rule": "规则", "reason": "原因"}

user = auth.require("review", "隔离数据处理")
paths = settings()

st.title("隔离数据处理")
st.caption("隔离区里的行不会被删除或改动。**修正**:改好字段后,系统把这一行写成单行更正文件放入收件箱"
           "(备注中注明原文件、行号和修正人),下次运行经过同样的检查后入库;**驳回**:写明原因,不再处理。"
           "每个决定记入处理记录(可比对的 CSV)和审计日志。")

decisions = qd.latest(paths.quarantine_decisions)
FLASH_KEY = "qd_flash"
if FLASH_KEY in st.session_state:  # the decision just made (the tables below already show it)
    st.success(labels.plain(st.session_state.pop(FLASH_KEY)), icon=":material/check_circle:")


def _label(row: pd.Series) -> str:
    sheet = f" 「{row['source_sheet']}」" if qd._text(row.get("source_sheet")) else ""
    return f"{row['source_file']}{sheet} 第 {qd._line(row['source_line'])} 行 · {row['rule']}"


for table in qd.TABLES:
    title = queries.QUARANTINE_TABLES[table]
    st.subheader(f"隔离的{title}")
    rows = queries.quarantine(table)
    if rows.empty:
        st.success(f"没有隔离的{title}。", icon=":material/check_circle:")
        continue
    states = [qd.state(decisions, table, row) for _, row in rows.iterrows()]
    shown = rows[[c for c in SHOWN if c in rows.columns]].rename(columns=SHOWN).assign(处理状态=states)
    fields = [c for c in qd.TABLES[table] if c in rows.columns]
    shown = pd.concat([shown, rows[fields].rename(columns=FIELD_LABELS)], axis=1)
    st.dataframe(shown, hide_index=True, key=f"qd_rows_{table}")

    choices = {_label(r): i for i, (_, r) in enumerate(rows.iterrows())}
    pick = st.selectbox("选择要处理的行", list(choices), key=f"qd_pick_{table}")
    row = rows.iloc[choices[pick]].to_dict()
    st.markdown(f"**处理状态:** {labels.plain(states[choices[pick]])}")
    st.markdown(f"**隔离原因:** {labels.plain(row.get('reason', ''))}")
    fix_tab, dismiss_tab = st.tabs(["修正并重新提交", "驳回"])
    with fix_tab, st.form(f"qd_fix_{table}"):
        edited = {c: st.text_input(FIELD_LABELS.get(c, c), value=qd._text(row.get(c)), key=f"qd_{table}_{c}")
                  for c in fields}
        if st.form_submit_button("写入更正文件并提交", type="primary"):
            try:
                decision, placed = qd.fix(paths.quarantine_decisions, table, row, edited, by=user.name,
                                          inbox_dir=paths.inbox, uploads=paths.uploads)
            except qd.DecisionError as exc:
                auth.record("quarantine_decision", subject=_label(pd.Series(row)), detail=f"refused: {exc}")
                st.error(f"更正文件未通过收件箱检查,没有提交:{labels.plain(exc)}")
            else:
                auth.record("quarantine_decision", subject=_label(pd.Series(row)),
                            detail=f"fixed → {decision.correction_file}; {decision.reason}")
                st.session_state[FLASH_KEY] = (f"已写入 {decision.correction_file},下次运行时读入"
                                               "(收件箱传感器 30 秒内,或由数据办启动运行)。")
                st.rerun()
    with dismiss_tab, st.form(f"qd_dismiss_{table}"):
        why = st.text_area("驳回原因(必填)", key=f"qd_{table}_why")
        if st.form_submit_button("驳回"):
            try:
                decision = qd.dismiss(paths.quarantine_decisions, table, row, by=user.name, reason=why)
            except qd.DecisionError as exc:
                st.error(labels.plain(exc))
            else:
                auth.record("quarantine_decision", subject=_label(pd.Series(row)), detail=f"dismissed: {decision.reason}")
                st.session_state[FLASH_KEY] = f"已驳回:{decision.reason}"
                st.rerun()


st.subheader("隔离的企业级数据(仅数据办)")
firm_rows = queries.firm_quarantine()
if firm_rows.empty:
    st.success("没有隔离的企业名录、联网直报或技改项目行。", icon=":material/check_circle:")
else:
    st.caption("企业级数据只保存在数据办专用的企业库中。请按原因改好原文件,以同样的文件名重新放入收件箱(旧版本作为历史保留)。")
    firm_rows = firm_rows.assign(source=firm_rows["source"].map(lambda c: labels.FIRM_SOURCE_LABELS.get(c, c)))
    st.dataframe(firm_rows.rename(columns={"source": "数据源", "credit_code": "统一社会信用代码", "name": "名称/期间",
                                           **SHOWN}), hide_index=True, key="qd_firm_rows")
