"""Start a rebuild from the app (office) through Dagster's API, and follow it until it publishes.

The app's server process calls the Dagster webserver on 127.0.0.1 (orchestration.dagster_client);
the browser never talks to Dagster. The run goes through the same job, queue and checks as any
other build: the warehouse is published only when every check passes.
"""

from __future__ import annotations

import streamlit as st

import auth
import labels
import queries
from data import settings

RUN_KEY = "kpi_build_run"
ERROR_KEY = "kpi_build_error"
NOT_YET_READING = ("QUEUED", "NOT_STARTED")


def _client():
    from orchestration.dagster_client import DagsterClient  # imports Dagster: only when a run is asked for

    return DagsterClient(port=settings().dagster_port, timeout=10)


def start(reason: str) -> str | None:
    """Queue a build for the signed-in office user (audited); its run id, or None with the error shown."""
    from orchestration.dagster_client import DagsterRequestFailed, DagsterUnavailable

    user = auth.require("run", "启动构建")
    client = _client()
    try:
        # a queued build has not read its inputs yet, so it will include what was just decided;
        # a build already running has, so another one is queued behind it
        waiting = [run for run in client.active_builds() if client.run_status(run) in NOT_YET_READING]
        run_id = waiting[0] if waiting else client.launch_build(started_by=user.name, tags={"kpi/reason": reason[:200]})
    except (DagsterUnavailable, DagsterRequestFailed) as exc:
        st.session_state[ERROR_KEY] = str(exc)  # shown by progress(), also after a rerun
        return None
    if not waiting:
        auth.record("run_started", subject=run_id, detail=reason[:200])
    st.session_state[RUN_KEY] = run_id
    return run_id


@st.fragment(run_every=2)
def progress() -> None:
    """The build this session started: its status and steps, then when the new warehouse is live."""
    from orchestration.dagster_client import DagsterRequestFailed, DagsterUnavailable

    if ERROR_KEY in st.session_state:
        st.error(st.session_state[ERROR_KEY], icon=":material/error:")
        if st.button("知道了", key="build_error_seen"):
            st.session_state.pop(ERROR_KEY, None)
            st.rerun()
    run_id = st.session_state.get(RUN_KEY)
    if not run_id:
        return
    try:
        state = _client().run_progress(run_id)
    except (DagsterUnavailable, DagsterRequestFailed) as exc:
        st.error(str(exc))
        return
    st.progress(state.fraction, text=f"构建 {run_id[:8]}:{state.status_zh}"
                f"({state.steps_succeeded}/{state.steps_total} 步)")
    if not state.is_terminal:
        return
    if state.succeeded:
        info = queries.publish_info()
        st.success(f"新的数据仓库已发布:{labels.fmt_datetime(info['published_at'])}。刷新页面即可看到更新后的数据。",
                   icon=":material/check_circle:")
    else:
        st.error(f"构建{state.status_zh}:数据仓库未更新(仍为上一版)。原因见“数据质量”页,或在服务器上打开 Dagster 界面查看该次运行。")
    if st.button("知道了", key="build_done"):
        st.session_state.pop(RUN_KEY, None)
        st.rerun()
