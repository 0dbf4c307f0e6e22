"""上传文件: files dropped in the browser are checked with the inbox's own checks before they enter
the inbox (orchestration/ingest/upload.py); each one is audited (upload / upload_rejected)."""

import streamlit as st

import auth
import labels
from data import settings
from orchestration.ingest import inbox, upload

RESULTS_KEY = "upload_results"
TEXT_KINDS = {"report": "报告、公报等(读出其中的完成值)", "policy": "政策文件(抽取数量目标,放入 policies/)"}

auth.require("upload", "上传文件")
paths = settings()

st.title("上传文件")
st.markdown(
    f"""
可以一次选择多个文件,每个不超过 **{upload.MAX_MB} MB**,类型限于:

- **`.csv`、`.xlsx`**:统计数据表(模板 `seeds/templates/figures_template.csv`)、部门月调度进度表
  (模板 `seeds/templates/progress_template.csv`)或交回的《目标进度填报表》;
- **`.txt`**:统计公报、经济运行通报、完成情况报告、政府工作报告的全文,或新的政策文件全文。

文件先在服务器上按收件箱的同一套规则检查(编码、分隔符、列名、空文件、工作簿是否损坏、公式有无计算结果等),
**不合格的不会进入收件箱**,页面写明原因和改法;合格的放入收件箱。
与已读入文件**同名**的文件是该文件的**更正**:读入后旧版本的数据作为历史保留,不再计入。

放入收件箱后,**下一次运行**会读入:`kpi serve` / `make run` 运行时,收件箱传感器在 30 秒内发现新文件并自动构建;
也可以由数据办启动一次运行(`kpi run`)。结果(入库、隔离的行及原因)见“数据质量”页。
"""
)

text_kind = st.radio("本次上传的 .txt 文件是", list(TEXT_KINDS), format_func=TEXT_KINDS.get, horizontal=True,
                     key="upload_text_kind")
with st.form("upload_form", clear_on_submit=True):
    chosen = st.file_uploader(f"选择文件(可多选,每个 ≤ {upload.MAX_MB} MB)", accept_multiple_files=True,
                              max_upload_size=upload.MAX_MB, key="upload_files")
    submitted = st.form_submit_button("检查并放入收件箱", type="primary", icon=":material/upload:")

if submitted:
    results = []
    for uploaded in chosen or []:
        result = upload.receive(uploaded.getvalue(), uploaded.name, inbox_dir=paths.inbox, uploads=paths.uploads,
                                policy=text_kind == "policy")
        if result.accepted:
            detail = f"inbox/{result.entry}" + (f"; 更正 {result.correction_of}" if result.correction_of else "")
            auth.record("upload", subject=result.name, detail=detail)
        else:
            auth.record("upload_rejected", subject=result.name or uploaded.name, detail=result.reason)
        results.append((result.accepted, result.message))
    st.session_state[RESULTS_KEY] = results
    if not results:
        st.warning("没有选择文件。")

for accepted, message in st.session_state.get(RESULTS_KEY, []):
    if accepted:
        st.success(labels.plain(message), icon=":material/check_circle:")  # it names the uploaded file
    else:
        st.error(labels.plain(message), icon=":material/block:")

waiting = sorted(inbox.waiting(paths.inbox)) if paths.inbox.is_dir() else []
st.subheader("收件箱中等待下次运行读入的文件")
if waiting:
    st.dataframe({"文件": waiting}, hide_index=True, key="upload_waiting")
else:
    st.caption("没有等待读入的文件。")
