"""安徽产业政策目标监测 — Streamlit entry point (multipage via st.navigation)."""

import streamlit as st

st.set_page_config(page_title="产业政策目标监测", page_icon="📊", layout="wide")

pages = [
    st.Page("views/overview.py", title="总览", icon="📊", default=True),
]
st.navigation(pages).run()
