"""构建: the office starts a rebuild (load the inbox, dbt build, checks, publish) and follows it."""

import streamlit as st

import auth
import builds
import labels
import queries

auth.require("run", "启动构建")
st.title("构建")
info = queries.publish_info()
st.caption(f"当前数据仓库发布于 {labels.fmt_datetime(info['published_at'])}。构建会装载收件箱中的新文件、"
           "应用审核决定、运行全部校验,全部通过才发布新版本;未通过时保留上一版。")
if st.button("立即构建并发布", type="primary", key="runs_start"):
    builds.start("数据办在看板中启动")
builds.progress()
