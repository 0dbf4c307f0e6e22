"""The app served by `streamlit run`, driven in headless Debian Chromium through Playwright.

Loads every page at its st.navigation URL, waits for it to finish rendering, checks the Chinese
text and saves a full-page screenshot to tests/artifacts/screenshots/<page>.png (gitignored).
Needs /usr/bin/chromium and fonts-noto-cjk (`make browser-deps`); never `playwright install`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from served_app import streamlit_app

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = PROJECT_ROOT / "tests" / "artifacts" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# page -> (URL path per st.navigation, selector that shows the page rendered, texts it must show)
PAGES = {
    "overview": ("", '[data-testid="stMetric"]', ["产业政策目标监测 · 总览", "产值与增加值", "规模以上工业增加值增速",
                                                   "政策目标完成情况", "已完成", "暂无数据"]),
    "targets": ("targets", "text=项目标", ["目标进度", "政策文件", "责任单位", "政策原文", "数据依据"]),
    "race": ("race", "text=目标完成情况", ["县区赛马", "城市", "指标"]),
    "trends": ("trends", "text=指标趋势", ["指标趋势", "地区"]),
    "dispatch": ("dispatch", "text=各单位报送情况", ["调度", "催报清单", "单位明细", "下载该单位的目标进度填报表"]),
    "quality": ("quality", "text=Data Docs", ["数据质量", "最近一次校验结果", "隔离区", "输入文件", "发布记录"]),
}

pytestmark = pytest.mark.browser


class Server(str):
    """The app's URL, and the folder of its warehouse copy, users file and audit trail."""
    location: Path


# who signs in through the login form (written to the server's own users file)
USERS = {"office": ("数据办浏览器", "office-password-1"), "leader": ("领导浏览器", "leader-password-1"),
         "county:341322": ("萧县浏览器", "county-password-1")}


@pytest.fixture(scope="module")
def server(app_warehouse, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"BROWSER TEST SKIPPED: {CHROMIUM} is missing — run `make browser-deps` "
                    "(apt-get install chromium fonts-noto-cjk); never `playwright install`")
    pytest.importorskip("playwright.sync_api", reason="BROWSER TEST SKIPPED: the playwright Python package is missing")
    from orchestration import users

    location = tmp_path_factory.mktemp("browser_app")  # its own audit trail and users file
    shutil.copy2(app_warehouse, location / "warehouse.duckdb")
    for role, (name, password) in USERS.items():
        users.add(location / "users.json", name, role, password)
    env = {**os.environ, "KPI_WAREHOUSE": str(location / "warehouse.duckdb"), "KPI_USERS": str(location / "users.json")}
    with streamlit_app(env) as url:
        served = Server(url)
        served.location = location
        yield served


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


CHART = '[data-testid="stVegaLiteChart"]'
NAV = '[data-testid="stSidebarNav"]'


def sign_in(page, url: str, role: str = "office") -> None:
    """Open `url` (the login form answers every page) and sign in as the role's user."""
    name, password = USERS[role]
    page.goto(url, wait_until="domcontentloaded")
    page.get_by_label("用户名").fill(name)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_selector(NAV, timeout=30_000)


def _rendered(page) -> None:
    """Wait until the script run is over (no running indicator, nothing stale) and every chart on
    the page has drawn (vega-embed adds its canvas or svg after the element appears)."""
    page.wait_for_function(
        """chart => !document.querySelector('[data-testid="stStatusWidget"]')
                 && document.querySelectorAll('[data-stale="true"]').length === 0
                 && [...document.querySelectorAll(chart)].every(c => c.querySelector('canvas, svg'))""",
        arg=CHART, timeout=30_000,
    )


def _chart_drawn(page) -> None:
    """Wait for a chart element that vega-embed has drawn into (its canvas or svg)."""
    page.wait_for_selector(f"{CHART} canvas, {CHART} svg", timeout=30_000)


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_chinese_in_chromium(server, browser, name):
    path, ready, texts = PAGES[name]
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        sign_in(page, f"{server}/{path}")
        page.wait_for_selector(ready, timeout=30_000)
        _rendered(page)
        try:  # a loaded machine can still be streaming the page's elements: give the texts time to arrive
            page.wait_for_function("texts => texts.every(t => document.body.innerText.includes(t))", arg=texts,
                                   timeout=20_000)
        except Exception:  # noqa: BLE001 (the assertion below names the missing text)
            pass
        body = page.inner_text("body")
        for text in texts:
            assert text in body, f"{name}: {text!r} not rendered"
        assert page.locator('[data-testid="stException"]').count() == 0, body[:2000]
        if name == "targets":  # the clause is highlighted in its document: wait for the mark itself
            page.locator("mark").first.wait_for(state="visible", timeout=30_000)
        if name in ("race", "trends"):
            _chart_drawn(page)   # the seeds give 宿州, the default city, figures to chart on both pages
        # Streamlit scrolls inside its main container: grow the viewport to the content first
        height = page.evaluate("""() => Math.max(...[...document.querySelectorAll('[data-testid="stMain"], section')]
                                  .map(e => e.scrollHeight), document.body.scrollHeight)""")
        page.set_viewport_size({"width": 1400, "height": min(int(height) + 80, 16000)})
        _rendered(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        assert not errors, errors
    finally:
        page.close()


def test_fonts_for_chinese_are_installed():
    """Without a CJK font Chromium draws boxes: say so loudly rather than pass silently."""
    if not CHROMIUM.exists():
        pytest.skip("BROWSER TEST SKIPPED: /usr/bin/chromium is missing")
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        pytest.skip("fc-list is missing; cannot check fonts")
    fonts = subprocess.run([fc_list, ":lang=zh"], capture_output=True, text=True).stdout
    assert fonts.strip(), "no Chinese font installed: apt-get install fonts-noto-cjk"


def test_clicking_a_target_row_opens_its_clause(server, browser, app_warehouse):
    """目标进度: a click on a row of the table shows that target's clause and evidence below."""
    import duckdb

    with duckdb.connect(str(app_warehouse), read_only=True) as con:
        if con.execute("select count(*) from marts.fct_policy_target").fetchone()[0] < 3:
            pytest.skip("fewer than 3 targets in the warehouse")
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    try:
        sign_in(page, f"{server}/targets", "leader")
        page.wait_for_selector("mark", timeout=30_000)
        _rendered(page)
        first = page.locator("h3").first.inner_text()
        grid = page.locator('[data-testid="stDataFrame"]').first.bounding_box()
        page.mouse.click(grid["x"] + 18, grid["y"] + 35 + 35 * 2 + 17)  # the row-marker cell of the 3rd row
        page.wait_for_function("old => document.querySelector('h3') && document.querySelector('h3').innerText !== old",
                               arg=first, timeout=20_000)
        _rendered(page)
        assert page.locator("h3").first.inner_text() != first
        assert page.locator("mark").first.is_visible()
    finally:
        page.close()


# --- who sees what -------------------------------------------------------------------------

ALL_PATHS = ["", "targets", "race", "trends", "dispatch", "quality"]


def _audit(server) -> list[dict]:
    from orchestration import audit

    return audit.read(server.location / "audit" / "audit_log.jsonl")


@pytest.mark.parametrize("path", ALL_PATHS)
def test_signed_out_no_page_shows_data(server, browser, path):
    page = browser.new_page(locale="zh-CN")
    try:
        page.goto(f"{server}/{path}?target=x&region=341300", wait_until="domcontentloaded")
        page.get_by_role("button", name="登录").wait_for(timeout=30_000)
        _rendered(page)
        body = page.inner_text("body")
        assert "登录" in body
        for data in ('[data-testid="stDataFrame"]', '[data-testid="stMetric"]', CHART, "mark", NAV):
            assert page.locator(data).count() == 0, f"/{path} shows {data} before a login"
        assert "宿州" not in body and "项目标" not in body
    finally:
        page.close()


def test_a_wrong_password_is_refused_and_audited(server, browser):
    page = browser.new_page(locale="zh-CN")
    try:
        page.goto(server, wait_until="domcontentloaded")
        page.get_by_label("用户名").fill(USERS["leader"][0])
        page.get_by_label("密码").fill("not the password")
        page.get_by_role("button", name="登录").click()
        page.get_by_text("用户名或密码错误").wait_for(timeout=30_000)
        assert page.locator(NAV).count() == 0
    finally:
        page.close()
    assert any(e["action"] == "login_failure" and e["actor"] == USERS["leader"][0] for e in _audit(server))


def _visible_to_county(app_warehouse) -> tuple[set[str], int, str]:
    """Region names 萧县's user may read, its number of targets, and a sibling county's target id."""
    import duckdb

    from orchestration.access import Role, visible_regions

    with duckdb.connect(str(app_warehouse), read_only=True) as con:
        rows = con.execute("select region_code, parent_code, level, region_name from marts.dim_region").fetchall()
        visible = visible_regions(Role("county", "341322"), {r[0]: r[1] for r in rows}, {r[0]: r[2] for r in rows})
        targets = con.execute("select region_code, target_id from marts.fct_policy_target").fetchall()
    names = {r[3] for r in rows if r[0] in visible}
    sibling = next(t for code, t in targets if code not in visible)
    return names, sum(code in visible for code, _ in targets), sibling


def test_a_county_user_sees_its_regions_on_pages_and_in_downloads(server, browser, app_warehouse):
    import csv
    import io

    names, count, _ = _visible_to_county(app_warehouse)
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True)
    try:
        sign_in(page, f"{server}/targets", "county:341322")
        page.get_by_text(f"共 {count} 项目标").wait_for(timeout=30_000)
        nav = page.inner_text(NAV)
        assert "目标进度" in nav and "县区赛马" not in nav and "数据质量" not in nav and "调度" not in nav
        with page.expect_download() as download:
            page.get_by_role("button", name="下载当前列表(CSV)").click()
        rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        assert len(rows) == count
        assert {r["地区"] for r in rows} <= names, {r["地区"] for r in rows} - names
    finally:
        page.close()


@pytest.mark.parametrize("link, refusal", [("targets?target={sibling}", "无权查看"), ("trends?region=341321", "无权查看"),
                                           ("race", "无权访问"), ("quality", "无权访问")])
def test_a_county_user_asking_by_url_gets_a_refusal(server, browser, app_warehouse, link, refusal):
    _, _, sibling = _visible_to_county(app_warehouse)
    page = browser.new_page(locale="zh-CN")
    try:
        sign_in(page, f"{server}/{link.format(sibling=sibling)}", "county:341322")
        page.get_by_text(refusal).first.wait_for(timeout=30_000)
        _rendered(page)
        body = page.inner_text("body")
        assert sibling not in body and "砀山" not in body
        assert page.locator('[data-testid="stDataFrame"]').count() == 0
    finally:
        page.close()
    assert any(e["action"] == "access_denied" and e["actor"] == USERS["county:341322"][0] for e in _audit(server))
