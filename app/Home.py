"""安徽产业政策目标监测 — Streamlit entry point (multipage via st.navigation).

Run: `kpi app`, `kpi serve` or `streamlit run app/Home.py`; reads the published warehouse
read-only (KPI_WAREHOUSE, default data/warehouse.duckdb). Nothing but the login page is served
before a login; each page is listed only for the roles that may open it (orchestration/access.py).
"""

import duckdb
import streamlit as st

import auth
import labels
from data import data_docs_index, warehouse_version

st.set_page_config(page_title="产业政策目标监测", page_icon=":material/monitoring:", layout="wide")

# url path -> (file, title, icon, permission needed; None: every signed-in user)
PAGES = {
    "overview": ("views/overview.py", "总览", ":material/dashboard:", None),
    "targets": ("views/targets.py", "目标进度", ":material/flag:", None),
    "race": ("views/race.py", "县区赛马", ":material/leaderboard:", "race"),
    "trends": ("views/trends.py", "指标趋势", ":material/show_chart:", None),
    "dispatch": ("views/dispatch.py", "调度", ":material/assignment:", "dispatch"),
    "quality": ("views/quality.py", "数据质量", ":material/verified:", "quality"),
    "upload": ("views/upload.py", "上传文件", ":material/upload_file:", "upload"),
    "quarantine": ("views/quarantine.py", "隔离数据处理", ":material/rule:", "review"),
    "review": ("views/review.py", "目标审核", ":material/rule:", "review"),
    "runs": ("views/runs.py", "构建", ":material/play_circle:", "run"),
}

user = auth.current_user()
if user is None:
    # every page's URL answers with the login form (a page's identity is its URL path), so after
    # the login the page that was asked for opens; nothing else is served
    st.navigation([st.Page(auth.login_page, title="登录", icon=":material/login:", url_path=path, default=path == "overview")
                   for path in PAGES], position="hidden").run()
    st.stop()

def refusal(title: str):
    """A page the role may not open: its URL answers with a refusal (audited), never the page."""
    def page() -> None:
        auth.record("access_denied", subject=title, detail="page")
        st.error(f"无权访问:{title}不在您的权限范围内。", icon=":material/block:")
    return page


page = st.navigation([
    st.Page(file, title=title, icon=icon, url_path=path, default=path == "overview")
    if permission is None or user.can(permission) else
    st.Page(refusal(title), title=title, url_path=path, visibility="hidden")
    for path, (file, title, icon, permission) in PAGES.items()
])
auth.sidebar_user(labels.ROLE_LABELS)

if warehouse_version() is None:
    st.title("产业政策目标监测")
    st.warning("尚未发布数据仓库。", icon=":material/database:")
    st.markdown(labels.BUILD_HINT)
    st.code("kpi run        # 或 make build;完成后刷新本页", language="bash")
    if data_docs_index().exists():  # a build ran but was not published: its validation results are there
        st.info("此前已有构建运行过。若它未通过校验而没有发布,原因见 Great Expectations Data Docs"
                "(服务器上数据仓库旁的 site/data_docs/),或 Dagster 界面中该次运行的页面。")
    st.stop()

try:
    import ui

    ui.sidebar_info()
    page.run()
except duckdb.Error:  # a warehouse from an older build, or not a DuckDB file
    st.error("无法读取已发布的数据仓库(可能来自旧版本的构建,或文件已损坏)。")
    st.markdown(labels.BUILD_HINT)
