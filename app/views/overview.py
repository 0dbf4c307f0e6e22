import streamlit as st

from data import query, warehouse_path, warehouse_version

st.title("产业政策目标监测 · 总览")

if warehouse_version() is None:
    st.warning(f"尚未发布数据仓库:{warehouse_path()} 不存在。请数据办先运行 `kpi run`(或 `make run`)。")
    st.stop()

counts = query("""
    select
        (select count(*) from marts.dim_policy_document) as documents,
        (select count(*) from marts.fct_policy_target) as targets,
        (select count(*) from marts.fct_indicator_observation) as figures,
        (select count(*) from quarantine.figure_rows) as quarantined
""").iloc[0]

c1, c2, c3, c4 = st.columns(4)
c1.metric("政策文件", f"{int(counts.documents)} 份")
c2.metric("政策目标", f"{int(counts.targets)} 项")
c3.metric("统计数据", f"{int(counts.figures)} 条")
c4.metric("隔离待处理", f"{int(counts.quarantined)} 条")
