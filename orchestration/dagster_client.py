"""Start and follow warehouse builds through the Dagster webserver's GraphQL API, server-side.

The app (office role) calls this from its own process; the browser never talks to Dagster, so
the Dagster UI can stay on 127.0.0.1 (see docs/operations.md, "Dagster UI (operators only)").

    client = DagsterClient()                      # 127.0.0.1:3000, what `kpi serve` starts
    run_id = client.launch_build(started_by="张三")
    progress = client.run_progress(run_id)        # status, steps done/total, running steps
    progress.is_terminal, progress.succeeded, progress.status_zh

Names, as `dagster dev -m orchestration.defs.definitions` (kpi serve / kpi ui) serves them in
Dagster 1.13: code location "orchestration.defs.definitions" (the module), repository
"__repository__" (one `Definitions` object), job "build_warehouse".

Runs go through Dagster's default QueuedRunCoordinator: a launched run is QUEUED until the daemon
(which `dagster dev` runs) dequeues it, one at a time (dagster.yaml: max_concurrent_runs 1).

Errors: `DagsterUnavailable` (nothing answers, or a proxy says the upstream is down) and
`DagsterRequestFailed` (Dagster answered and refused); both carry a Chinese message for the page.
No Streamlit here, and no Dagster core import of ours (dagster_graphql imports it itself).
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from typing import Any

import requests
from dagster_graphql import DagsterGraphQLClient, DagsterGraphQLClientError
from gql import Client, gql
from gql.transport.exceptions import TransportServerError
from gql.transport.requests import RequestsHTTPTransport
from requests.auth import AuthBase

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 3000
JOB_NAME = "build_warehouse"
LOCATION_NAME = "orchestration.defs.definitions"
REPOSITORY_NAME = "__repository__"
STARTED_BY_TAG = "kpi/started_by"
TRIGGER_TAG = "trigger"  # the inbox sensor tags its runs trigger=inbox; the app's are trigger=app

TERMINAL_STATUSES = frozenset({"SUCCESS", "FAILURE", "CANCELED"})
ACTIVE_STATUSES = ("QUEUED", "NOT_STARTED", "STARTING", "STARTED", "CANCELING")
STATUS_ZH = {
    "QUEUED": "排队中", "NOT_STARTED": "待启动", "STARTING": "启动中", "STARTED": "构建中",
    "SUCCESS": "构建成功", "FAILURE": "构建失败", "CANCELING": "正在取消", "CANCELED": "已取消",
    "MANAGED": "外部管理",
}


class DagsterUnavailable(Exception):
    """Dagster does not answer (not started, wrong address, timed out, proxy upstream down)."""


class DagsterRequestFailed(Exception):
    """Dagster answered but did not do it (job or run not found, refused, an error inside Dagster)."""


@dataclasses.dataclass(frozen=True)
class RunProgress:
    run_id: str
    status: str  # Dagster's DagsterRunStatus value: QUEUED, STARTED, SUCCESS, FAILURE, ...
    steps_total: int
    steps_succeeded: int
    steps_failed: int
    running_steps: tuple[str, ...]
    started_by: str | None
    start_time: float | None  # Unix seconds
    end_time: float | None

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def succeeded(self) -> bool:
        return self.status == "SUCCESS"

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)

    @property
    def fraction(self) -> float:
        """0..1 for a progress bar: finished steps over planned steps (1.0 once terminal)."""
        if self.is_terminal:
            return 1.0
        return (self.steps_succeeded + self.steps_failed) / self.steps_total if self.steps_total else 0.0


_RUN_PROGRESS_QUERY = """
query KpiRunProgress($runId: ID!) {
  runOrError(runId: $runId) {
    __typename
    ... on Run {
      runId status startTime endTime
      tags { key value }
      executionPlan { steps { key } }
      stepStats { stepKey status }
    }
    ... on RunNotFoundError { message }
    ... on PythonError { message }
  }
}
"""

_ACTIVE_RUNS_QUERY = """
query KpiActiveRuns($filter: RunsFilter!) {
  runsOrError(filter: $filter, limit: 10) {
    __typename
    ... on Runs { results { runId } }
    ... on InvalidPipelineRunsFilterError { message }
    ... on PythonError { message }
  }
}
"""


class DagsterClient:
    """The few calls the app needs, against one Dagster webserver (default 127.0.0.1:3000).

    `auth` (a (user, password) tuple or a requests AuthBase) and `use_https` are for reaching
    Dagster through the authenticating proxy of deploy/nginx; on the same machine, call it directly.
    """

    def __init__(self, host: str = DEFAULT_HOST, port: int | None = DEFAULT_PORT, *,
                 use_https: bool = False, path_prefix: str = "",
                 auth: AuthBase | tuple[str, str] | None = None, timeout: int = 30,
                 location_name: str = LOCATION_NAME, repository_name: str = REPOSITORY_NAME,
                 job_name: str = JOB_NAME) -> None:
        self.url = (f"{'https' if use_https else 'http'}://{host}{f':{port}' if port else ''}"
                    f"{path_prefix.rstrip('/')}/graphql")
        self.location_name, self.repository_name, self.job_name = location_name, repository_name, job_name
        transport = RequestsHTTPTransport(url=self.url, use_json=True, timeout=timeout, auth=auth)
        # one transport for both: dagster_graphql's calls (launch) and our queries (progress);
        # neither connects before the first request
        self._client = DagsterGraphQLClient(host, port_number=port, transport=transport)
        self._gql = Client(transport=transport)

    # --- calls ---------------------------------------------------------------------------------

    def launch_build(self, started_by: str, tags: Mapping[str, str] | None = None) -> str:
        """Start the build_warehouse job, tagged with who started it; returns the run id.

        The run is QUEUED first; Dagster's daemon starts it when no other build runs."""
        if not started_by.strip():
            raise ValueError("started_by: who starts the build must be named")
        all_tags = {TRIGGER_TAG: "app", **(tags or {}), STARTED_BY_TAG: started_by}
        try:
            return self._client.submit_job_execution(
                self.job_name, repository_location_name=self.location_name,
                repository_name=self.repository_name, tags=all_tags)
        except DagsterGraphQLClientError as exc:
            raise self._translate(exc, f"启动构建任务 {self.job_name}") from exc

    def run_progress(self, run_id: str) -> RunProgress:
        """Where a run is: its status and how many of its steps have finished."""
        result = self._query(_RUN_PROGRESS_QUERY, {"runId": run_id}, "查询构建进度")["runOrError"]
        if result["__typename"] != "Run":
            if result["__typename"] == "RunNotFoundError":
                raise DagsterRequestFailed(f"Dagster 中没有编号为 {run_id} 的构建任务(可能已被删除)。")
            raise DagsterRequestFailed(f"Dagster 查询构建进度时出错:{result.get('message', result['__typename'])}")
        stats = {s["stepKey"]: s["status"] for s in result.get("stepStats") or []}
        steps = [s["key"] for s in (result.get("executionPlan") or {}).get("steps") or []] or list(stats)
        tags = {t["key"]: t["value"] for t in result.get("tags") or []}
        return RunProgress(
            run_id=result["runId"], status=result["status"], steps_total=len(steps),
            steps_succeeded=sum(1 for s in stats.values() if s == "SUCCESS"),
            steps_failed=sum(1 for s in stats.values() if s == "FAILURE"),
            running_steps=tuple(k for k, s in stats.items() if s == "IN_PROGRESS"),
            started_by=tags.get(STARTED_BY_TAG), start_time=result.get("startTime"),
            end_time=result.get("endTime"))

    def run_status(self, run_id: str) -> str:
        """Just the status (a DagsterRunStatus value such as "STARTED" or "SUCCESS")."""
        return self.run_progress(run_id).status

    def active_builds(self) -> list[str]:
        """Run ids of build_warehouse runs queued or running now (newest first): the page can say
        "a build is already running" instead of queueing another."""
        variables = {"filter": {"pipelineName": self.job_name, "statuses": list(ACTIVE_STATUSES)}}
        result = self._query(_ACTIVE_RUNS_QUERY, variables, "查询正在进行的构建")["runsOrError"]
        if result["__typename"] != "Runs":
            raise DagsterRequestFailed(f"Dagster 查询正在进行的构建时出错:{result.get('message', result['__typename'])}")
        return [r["runId"] for r in result["results"]]

    def wait_for_run(self, run_id: str, timeout: float = 600.0, poll_seconds: float = 1.0,
                     on_progress: Callable[[RunProgress], None] | None = None) -> RunProgress:
        """Poll until the run is terminal (SUCCESS, FAILURE, CANCELED); TimeoutError after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            progress = self.run_progress(run_id)
            if on_progress is not None:
                on_progress(progress)
            if progress.is_terminal:
                return progress
            if time.monotonic() >= deadline:
                raise TimeoutError(f"构建任务 {run_id} 在 {timeout:.0f} 秒内没有结束(当前状态:{progress.status_zh})")
            time.sleep(poll_seconds)

    # --- plumbing ------------------------------------------------------------------------------

    def _query(self, query: str, variables: dict[str, Any], doing: str) -> dict[str, Any]:
        try:
            return self._gql.execute(gql(query), variable_values=variables)
        except Exception as exc:  # gql raises transport, HTTP and GraphQL errors of several types
            raise self._translate(exc, doing) from exc

    def _translate(self, exc: BaseException, doing: str) -> Exception:
        """One Chinese sentence for the page: unreachable, refused, or failed inside Dagster."""
        causes = [exc]
        while causes[-1].__cause__ is not None and len(causes) < 5:
            causes.append(causes[-1].__cause__)
        for cause in causes:
            if isinstance(cause, (requests.exceptions.ConnectionError, requests.exceptions.Timeout)):
                return DagsterUnavailable(
                    f"无法连接 Dagster({self.url}),{doing}失败。请确认数据管道服务已启动"
                    f"(`kpi serve` 或 `kpi ui`),稍后再试;如仍不行,请联系运维人员。")
            if isinstance(cause, TransportServerError):
                if cause.code in (502, 503, 504):
                    return DagsterUnavailable(
                        f"Dagster 暂时不可用(代理返回 {cause.code}),{doing}失败。请确认数据管道服务已启动。")
                if cause.code in (401, 403):
                    return DagsterRequestFailed(
                        f"Dagster 拒绝了请求(HTTP {cause.code}),{doing}失败:请检查访问 Dagster 的账号或地址。")
                return DagsterRequestFailed(f"Dagster 返回错误(HTTP {cause.code}),{doing}失败。")
        if isinstance(exc, DagsterGraphQLClientError) and len(exc.args) >= 2:
            kind, detail = exc.args[0], exc.args[1]
            if kind in ("JobNotFoundError", "PipelineNotFoundError", "RepositoryLocationNotFound"):
                return DagsterRequestFailed(
                    f"Dagster 中找不到构建任务 {self.job_name}(代码位置 {self.location_name}),{doing}失败。"
                    f"可能是代码加载出错,请让运维人员在 Dagster 界面查看“Deployment”页:{detail}")
            return DagsterRequestFailed(f"Dagster {doing}失败({kind}):{detail}")
        return DagsterRequestFailed(f"Dagster {doing}失败:{exc}")
