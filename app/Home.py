"""安徽产业政策目标监测 — Streamlit entry point (multipage via st.navigation).

Run: `kpi app` or `streamlit run app/Home.py`; reads the published warehouse read-only
(KPI_WAREHOUSE, default data/warehouse.duckdb).
"""

import duckdb
import streamlit as st

import labels
from data import data_docs_index, warehouse_path, warehouse_version

st.set_page_config(page_title="产业政策目标监测", page_icon=":material/monitoring:", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="总览", icon=":material/dashboard:", url_path="overview", default=True),
    st.Page("views/targets.py", title="目标进度", icon=":material/flag:", url_path="targets"),
    st.Page("views/race.py", title="县区赛马", icon=":material/leaderboard:", url_path="race"),
    st.Page("views/trends.py", title="指标趋势", icon=":material/show_chart:", url_path="trends"),
    st.Page("views/dispatch.py", title="调度", icon=":material/assignment:", url_path="dispatch"),
    st.Page("views/quality.py", title="数据质量", icon=":material/verified:", url_path="quality"),
]
page = st.navigation(PAGES)

if warehouse_version() is None:
    st.title("产业政策目标监测")
    st.warning(f"尚未发布数据仓库:找不到 `{warehouse_path()}`。", icon=":material/database:")
    st.markdown(labels.BUILD_HINT)
    st.code("kpi run        # 或 make build;完成后刷新本页", language="bash")
    docs = data_docs_index()
    if docs.exists():  # a build ran but was not published: its validation results are there
        st.info(f"此前已有构建运行过。若它未通过校验而没有发布,原因见 Great Expectations Data Docs:`{docs}`"
                "(复制该路径到浏览器地址栏打开),或 Dagster 界面(`kpi ui`)中该次运行的页面。")
    st.stop()

try:
    import ui

    ui.sidebar_info()
    page.run()
except duckdb.Error as exc:  # a warehouse from an older build, or not a DuckDB file
    st.error(f"无法读取数据仓库 `{warehouse_path()}`:{exc}")
    st.markdown(labels.BUILD_HINT)
