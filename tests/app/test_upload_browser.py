"""The 上传文件 page in headless Chromium (Playwright), served by the command `kpi app` runs
(`cli._streamlit_cmd`, with its upload cap): sign in through the login form, drop files on the
uploader, and see the inbox's reason for a bad file and the good file in the inbox.
Needs /usr/bin/chromium and fonts-noto-cjk (`make browser-deps`); never `playwright install`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from served_app import streamlit_app

from orchestration.settings import Settings

PROJECT_ROOT = Path(__file__).resolve().parents[2]
BAD = PROJECT_ROOT / "tests" / "fixtures" / "bad_inputs"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
OFFICE = ("数据办上传", "upload-password-1")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(app_warehouse, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"BROWSER TEST SKIPPED: {CHROMIUM} is missing — run `make browser-deps`")
    pytest.importorskip("playwright.sync_api", reason="BROWSER TEST SKIPPED: the playwright Python package is missing")
    from orchestration import cli, users

    location = tmp_path_factory.mktemp("upload_app")
    shutil.copy2(app_warehouse, location / "warehouse.duckdb")
    users.add(location / "users.json", OFFICE[0], "office", OFFICE[1])
    settings = Settings.from_env({"KPI_WAREHOUSE": str(location / "warehouse.duckdb"),
                                  "KPI_INBOX": str(location / "inbox"), "KPI_USERS": str(location / "users.json"),
                                  "DAGSTER_HOME": str(location / "dagster")})
    with streamlit_app(settings.subprocess_env()) as url:
        yield url, settings


@pytest.fixture(scope="module")
def page(served):
    from playwright.sync_api import sync_playwright

    url, _ = served
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        tab = chromium.new_page(viewport={"width": 1400, "height": 1000})
        tab.goto(f"{url}/upload", wait_until="domcontentloaded")
        tab.get_by_label("用户名").fill(OFFICE[0])
        tab.get_by_label("密码").fill(OFFICE[1])
        tab.get_by_role("button", name="登录").click()
        tab.wait_for_selector('[data-testid="stFileUploader"]', timeout=30_000)
        yield tab
        chromium.close()


def test_dropped_files_are_checked_before_the_inbox(page, served, tmp_path):
    from playwright.sync_api import expect

    _, settings = served
    expect(page.get_by_text("20MB", exact=False).first).to_be_visible()  # the server's cap, shown by the uploader
    bad = tmp_path / "分号.csv"
    bad.write_bytes((BAD / "semicolon_delimiter.csv").read_bytes())
    good = tmp_path / "宿州上传.csv"
    good.write_bytes((BAD / "utf8_bom.csv").read_bytes())
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files([str(bad), str(good)])
    expect(page.locator('[data-testid="stFileChip"]')).to_have_count(2, timeout=30_000)
    page.get_by_role("button", name="检查并放入收件箱").click()
    expect(page.get_by_text("分号.csv:列之间用 ';' 分隔", exact=False)).to_be_visible(timeout=30_000)
    expect(page.get_by_text("宿州上传.csv:检查通过", exact=False)).to_be_visible(timeout=30_000)
    assert (settings.inbox / "宿州上传.csv").read_bytes() == good.read_bytes()
    assert not (settings.inbox / "分号.csv").exists() and not (settings.inbox / "rejected").exists()
