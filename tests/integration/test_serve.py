"""`kpi serve` as the office runs it: the first admin's password printed once, a review made in the
browser, a rebuild started from the app through Dagster's API, the correction published, and
both servers stopped by SIGTERM. One real build, Streamlit, Dagster and Chromium together."""

from __future__ import annotations

import csv
import dataclasses
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import requests

from orchestration import audit
from orchestration.settings import PROJECT_ROOT, SEEDS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = Path("/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)  # polling a condition, not waiting for a time
    raise AssertionError(f"timed out waiting for {what}")


@dataclasses.dataclass
class Served:
    root: Path
    app: str
    ui_port: int
    password: str
    process: subprocess.Popen
    output: list[str]

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def reviews(self) -> Path:
        return self.root / "target_reviews.csv"


def _dagster_ready(port: int) -> bool:
    try:
        data = requests.post(f"http://127.0.0.1:{port}/graphql", timeout=5, json={
            "query": "{ repositoriesOrError { ... on RepositoryConnection { nodes { pipelines { name } } } } }"}).json()
    except (requests.RequestException, ValueError):
        return False
    nodes = (data.get("data") or {}).get("repositoriesOrError", {}).get("nodes") or []
    return any("build_warehouse" in {p["name"] for p in n["pipelines"]} for n in nodes)


def _app_ready(url: str) -> bool:
    try:
        return requests.get(f"{url}/_stcore/health", timeout=2).text.strip() == "ok"
    except requests.RequestException:
        return False


@pytest.fixture(scope="module")
def served(seed_pipeline, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip("BROWSER TEST SKIPPED: /usr/bin/chromium is missing — run `make browser-deps`")
    root = tmp_path_factory.mktemp("served")
    shutil.copy2(seed_pipeline.warehouse, root / "warehouse.duckdb")  # as published by an earlier build
    shutil.copy2(SEEDS_DIR / "reviews" / "target_reviews.csv", root / "target_reviews.csv")
    app_port, ui_port = _free_port(), _free_port()
    env = {**os.environ, "KPI_WAREHOUSE": str(root / "warehouse.duckdb"), "KPI_INBOX": str(root / "inbox"),
           "DAGSTER_HOME": str(root / "dagster"), "KPI_USERS": str(root / "users.json"),
           "KPI_REVIEWS": str(root / "target_reviews.csv"), "KPI_EVALUATION_DATE": "2024-06-30"}
    log = root / "serve.log"  # a file, not a pipe: nobody reads Dagster's chatter, and a full pipe would block it
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "orchestration.cli", "serve", "--app-port", str(app_port), "--ui-port", str(ui_port)],
            cwd=PROJECT_ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    # the first lines: the admin's password, then both addresses
    _wait(lambda: "Ctrl-C" in log.read_text(encoding="utf-8") or process.poll() is not None, 60, "kpi serve to start")
    output = log.read_text(encoding="utf-8").splitlines()
    password = next((line.split("初始密码 ", 1)[1].strip() for line in output if "初始密码" in line), "")
    served = Served(root, f"http://127.0.0.1:{app_port}", ui_port, password, process, output)
    try:
        _wait(lambda: _app_ready(served.app), 60, "the app")
        _wait(lambda: _dagster_ready(ui_port), 120, "Dagster to load the definitions")
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def test_the_first_serve_creates_the_admin_and_prints_its_password_once(served):
    assert served.password, "\n".join(served.output)
    from orchestration import users

    entries = users.load(served.root / "users.json")
    assert entries["admin"]["role"] == "office" and served.password not in (served.root / "users.json").read_text()
    assert users.ensure_admin(served.root / "users.json") is None  # never a second time


TECH_RENOVATION = "SZ-2023-2321:d77335eef8"  # 技改投资增长18% (宿州 2023): corrected to 20 in the browser


def _settled(page) -> None:
    """Wait until the script run is over: no running indicator, no stale element."""
    page.wait_for_function("""() => !document.querySelector('[data-testid="stStatusWidget"]')
                                 && document.querySelectorAll('[data-stale="true"]').length === 0""", timeout=60_000)


def _sign_in(page, url: str, password: str) -> None:
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_a_review_in_the_browser_is_rebuilt_and_published(served):
    """Correct a target in the browser → the page starts a rebuild through Dagster → the published
    warehouse shows the correction; the reviews file has the row and the audit trail the entries."""
    from playwright.sync_api import sync_playwright

    before = served.warehouse.stat().st_mtime
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        _sign_in(page, f"{served.app}/review", served.password)
        picker = page.get_by_label("选择目标")  # a searchable select: type the id, take the option
        picker.click()
        picker.fill(TECH_RENOVATION)
        page.get_by_role("option", name=TECH_RENOVATION).first.click()
        # the page reruns for the picked target: its correction field (keyed by the id) appears
        suffix = TECH_RENOVATION.split(":")[1]  # Streamlit classes a keyed element st-key-<key>
        value = page.locator(f'[class*="st-key-rv_correct_"][class*="{suffix}_value"] input[aria-label="目标值"]')
        value.wait_for(state="attached", timeout=60_000)
        _settled(page)
        page.get_by_role("tab", name="更正").click()
        value.wait_for(timeout=30_000)
        form = page.locator('[data-testid="stForm"]').filter(has=page.get_by_role("button", name="提交更正"))
        assert value.input_value() == "18"  # the picked target's current value, prefilled
        value.fill("20")
        form.get_by_label("更正说明").fill("按文件更正(浏览器)")
        form.get_by_role("button", name="提交更正").click()
        page.get_by_text("已启动重新构建").wait_for(timeout=60_000)
        # the build's end, either way: a failed build says so at once; a slow machine gets ten minutes
        ended = page.get_by_text(re.compile("新的数据仓库已发布|数据仓库未更新"))
        ended.wait_for(timeout=600_000)
        assert "新的数据仓库已发布" in ended.inner_text(), ended.inner_text()
        browser.close()

    assert served.warehouse.stat().st_mtime > before
    with duckdb.connect(str(served.warehouse), read_only=True) as con:
        assert con.execute("select value, review_status, reviewer from marts.fct_policy_target where target_id = ?",
                           [TECH_RENOVATION]).fetchone() == (20, "corrected", "admin")
        logged = con.execute("select actor, action, subject from meta.audit_log").fetchall()
    with served.reviews.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["target_id"] == TECH_RENOVATION)
    assert (row["decision"], row["value"], row["reviewer"]) == ("correct", "20", "admin")
    assert ("admin", "review", TECH_RENOVATION) in logged
    events = audit.read(served.root / "audit" / "audit_log.jsonl")
    started = [e for e in events if e["action"] == "run_started" and e["actor"] == "admin"]
    assert started and ("admin", "run_started", started[-1]["subject"]) in logged
    from orchestration.dagster_client import DagsterClient

    progress = DagsterClient(port=served.ui_port).run_progress(started[-1]["subject"])
    assert progress.succeeded and progress.started_by == "admin" and progress.steps_succeeded == progress.steps_total


def test_sigterm_stops_both_servers(served):
    served.process.send_signal(signal.SIGTERM)
    served.process.wait(timeout=40)
    assert not _app_ready(served.app) and not _dagster_ready(served.ui_port)
