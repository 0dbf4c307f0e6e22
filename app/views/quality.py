"""数据质量: the latest validation results, quarantined rows with their reasons, rejected and
accepted input files, publish metadata, and where the Great Expectations Data Docs are."""

import pandas as pd
import streamlit as st

import auth
import labels
import queries
from data import data_docs_index

COLUMNS_ZH = {
    "suite": "校验套件", "table_name": "数据表", "rows": "行数", "expectation": "校验", "column_name": "列",
    "severity": "级别", "success": "通过", "unexpected_count": "不符合行数", "examples": "示例",
    "reason": "原因", "rule": "规则", "source_file": "来源文件", "source_line": "行号", "origin": "来源",
    "run_id": "运行编号", "published_at": "发布时间", "warehouse_path": "仓库路径", "input_files": "输入文件数",
    "input_fingerprint": "输入指纹", "critical_check_failures": "严重未通过", "warning_check_failures": "警告未通过",
    "versions": "组件版本",
}

st.title("数据质量")
st.caption("本页显示当前已发布数据仓库的校验与隔离情况。某次构建若未通过严重级校验,不会发布(仍保留上一版),"
           "其校验结果见页末的 Data Docs 或 Dagster 界面(`kpi ui`)。")

checks = queries.check_results()
log = queries.publish_log()
quarantined = {table: queries.quarantine(table) for table in queries.QUARANTINE_TABLES}
quarantine_counts = queries.quarantine_counts()
inputs = queries.input_files()

failed = checks[checks["success"].eq(False)]
critical = failed[failed["severity"] == "critical"]
c1, c2, c3, c4 = st.columns(4)
c1.metric("校验项", f"{len(checks)} 项", help="最近一次发布运行的 Great Expectations 校验")
c2.metric("未通过", f"{len(failed)} 项", help="严重(critical)未通过会阻止发布;警告(warning)只提示")
c3.metric("隔离记录", f"{sum(quarantine_counts.values())} 条", help="未进入数据仓库、附原因的记录")
c4.metric("拒收文件", f"{quarantine_counts['rejected_files']} 个")

st.subheader("最近一次校验结果")
if checks.empty:
    st.info("数据仓库中没有校验记录(meta.check_results 为空)。运行 `kpi run` 会执行全部校验并记录结果。")
else:
    if critical.empty and failed.empty:
        st.success("全部校验通过。")
    elif critical.empty:
        st.warning(f"{len(failed)} 项警告级校验未通过(不影响发布),详见下表。")
    else:
        st.error(f"{len(critical)} 项严重校验未通过。")
    flags = checks.assign(passed=checks["success"].eq(True), failed=checks["success"].eq(False))
    flags["critical_failed"] = flags["failed"] & flags["severity"].eq("critical")
    by_suite = flags.groupby(["suite", "table_name"], dropna=False).agg(
        行数=("rows", "max"), 校验项=("expectation", "size"), 通过=("passed", "sum"), 未通过=("failed", "sum"),
        严重未通过=("critical_failed", "sum"),
    ).reset_index().rename(columns={"suite": "校验套件", "table_name": "数据表"})
    st.dataframe(by_suite, hide_index=True, key="dq_suites")
    if not failed.empty:
        st.markdown("**未通过的校验**")
        st.dataframe(pd.DataFrame({
            "级别": failed["severity"].map({"critical": "严重", "warning": "警告"}).fillna(failed["severity"]),
            "校验套件": failed["suite"], "数据表": failed["table_name"], "校验": failed["expectation"],
            "列": failed["column_name"], "不符合行数": failed["unexpected_count"], "示例": failed["examples"],
        }), hide_index=True, key="dq_failed")
    with st.expander("全部校验明细"):
        st.dataframe(checks.drop(columns=["run_id"]).rename(columns=COLUMNS_ZH), hide_index=True)

st.subheader("隔离区(未入库的记录及原因)")
tabs = st.tabs([f"{label}({quarantine_counts[table]})" for table, label in queries.QUARANTINE_TABLES.items()])
for tab, (table, label) in zip(tabs, queries.QUARANTINE_TABLES.items()):
    with tab:
        frame = quarantined[table]
        if frame.empty:
            st.success(f"无{label}被隔离。")
        else:
            first = [c for c in ("reason", "rule", "source_file", "source_line") if c in frame.columns]
            st.dataframe(frame[first + [c for c in frame.columns if c not in first]].rename(columns=COLUMNS_ZH),
                         hide_index=True)
            if quarantine_counts[table] > len(frame):
                st.caption(f"共 {quarantine_counts[table]} 条,这里显示前 {len(frame)} 条;完整列表请用 SQL 查询 "
                           f"`quarantine.{table}`。")
            st.caption("修正源文件后放回 `data/inbox/`,下次 `kpi run` 重新装载;拒收文件附原因保存在 `data/inbox/rejected/`。")

st.subheader("文件识别")
documents = queries.documents()
no_targets = documents[(documents["channel"] == "policy") & (documents["target_count"] == 0)]
no_actuals = documents[(documents["channel"] == "report") & (documents["actual_count"] == 0)]
if no_targets.empty and no_actuals.empty:
    st.success(f"{len(documents)} 份文件均已识别出目标或实际值。")
for _, d in no_targets.iterrows():
    st.warning(f"未提取到目标:{labels.plain(d['source_file'])}", icon=":material/report:")
for _, d in no_actuals.iterrows():
    st.warning(f"未识别到实际值:{labels.plain(d['source_file'])}", icon=":material/report:")
if not no_targets.empty or not no_actuals.empty:
    st.caption("文件已收录,但阅读器没有从中识别出数值目标或完成值。可用 `kpi read 文件路径` 查看每个数字被判为目标、实际值"
               "或其他的原因;如确有遗漏,请在目标审核表中补录。")
st.dataframe(pd.DataFrame({
    "文件": documents["source_file"], "标题": documents["title"],
    "渠道": documents["channel"].map({"policy": "政策文件", "report": "报告文本"}).fillna(documents["channel"]),
    "目标数": documents["target_count"], "实际值数": documents["actual_count"],
}), hide_index=True, key="dq_documents")

st.subheader("更正与撤回")
changes = queries.corrections_and_retractions()
if changes.empty:
    st.info("没有被更正或撤回的文件。更正:把改好的文件用同一文件名放回收件箱;撤回:`kpi retract inbox/文件名 --reason 原因`。")
else:
    st.dataframe(pd.DataFrame({
        "状态": changes["status"].map(labels.FILE_STATUS_LABELS).fillna(changes["status"]),
        "文件": changes["path"], "被哪个文件更正": changes["superseded_by"], "原因": changes["reason"],
    }), hide_index=True, key="dq_changes")
    st.caption("被更正文件的各行作为历史保留在隔离区(规则 superseded);撤回的文件保存在 `data/inbox/retracted/`,"
               "其数据不再计入。")

st.subheader("输入文件")
if inputs.empty:
    st.info("没有输入文件记录。")
else:
    st.dataframe(pd.DataFrame({
        "文件": inputs["path"], "来源": inputs["origin"].map({"seed": "随项目发布", "inbox": "收件箱", "processed": "已处理收件箱"}).fillna(inputs["origin"]),
        "类型": inputs["kind"].map({"figures": "统计数据表", "progress": "进度报送", "bulletin_text": "报告文本", "policy_text": "政策文件", "table": "数据表"}).fillna(inputs["kind"]),
        "状态": inputs["status"].map(labels.FILE_STATUS_LABELS).fillna(inputs["status"]),
        "读取行数": inputs["rows_read"], "其中空行": inputs["rows_blank"], "原因": inputs["reason"], "说明": inputs["note"],
        "SHA-256": inputs["sha256"].str[:12],
    }), hide_index=True, key="dq_inputs")
    with st.expander("各状态的含义"):
        st.dataframe(pd.DataFrame({"状态": list(labels.FILE_STATUS_LABELS.values()),
                                   "含义": list(labels.FILE_STATUS_HELP.values())}), hide_index=True)

st.subheader("发布记录")
if log.empty:
    st.info("没有发布记录。")
else:
    last = log.iloc[0]
    st.markdown(f"最近发布:**{labels.fmt_datetime(last['published_at'])}**")
    c2, c3 = st.columns(2)
    c2.metric("输入文件", f"{int(last['input_files'])} 个")
    c3.metric("校验未通过(严重/警告)", f"{int(last['critical_check_failures'])} / {int(last['warning_check_failures'])}")
    st.caption(f"运行编号 `{str(last['run_id']).replace('`', '')}` · 输入指纹 `{str(last['input_fingerprint']).replace('`', '')}`"
               f" · 组件版本:{labels.plain(last['versions'])}")
    with st.expander(f"全部发布记录({len(log)} 次)"):
        st.dataframe(log.rename(columns=COLUMNS_ZH), hide_index=True)
with st.expander("各表行数(入 = 出 + 隔离 的核对依据)"):
    st.dataframe(queries.row_counts().rename(columns={"table_name": "数据表", "rows": "行数"}), hide_index=True)

st.subheader("Great Expectations 数据文档(Data Docs)")
docs = data_docs_index()
if docs.exists():
    # the page never shows where the server keeps its files: only the folder beside the warehouse
    st.markdown("最近一次构建的校验报告已生成,保存在服务器上数据仓库旁的 `site/data_docs/` 目录(入口 index.html)。")
    st.caption("数据办在服务器上查看:在数据仓库所在目录运行 `python -m http.server 8000 -d site/data_docs`,"
               "再在服务器的浏览器中访问 http://127.0.0.1:8000/ ;各次运行的校验结果也可在 Dagster 界面(`kpi ui`)查看。")
else:
    st.info("尚未生成 Data Docs(构建时写在服务器上数据仓库旁的 `site/data_docs/` 目录)。运行 `kpi run` 会在发布时生成。")

if auth.current_user().can("audit"):
    st.subheader("审计日志")
    events = queries.audit_events()
    if events.empty:
        st.info("还没有审计记录。登录、审核、上传、启动运行和用户变更都会记入审计日志。")
    else:
        st.dataframe(pd.DataFrame({
            "时间": events["at"], "用户": events["actor"], "角色": events["role"],
            "操作": events["action"].map(labels.AUDIT_ACTION_LABELS).fillna(events["action"]),
            "对象": events["subject"], "说明": events["detail"],
        }), hide_index=True, key="dq_audit")
        st.caption(f"最近 {len(events)} 条,最新在前;完整记录每次构建时复制到 meta.audit_log,可用 SQL 查询。")
