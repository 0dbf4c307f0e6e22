"""Hostile text in the data, in a real browser: no image from data is drawn, no request leaves for
an address the data names, and no script runs (the AppTest checks are in test_hostile_data.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from served_app import streamlit_app
from test_browser import CHROMIUM, CHROMIUM_ARGS, USERS, _rendered, sign_in
from test_hostile_data import make_hostile

pytestmark = pytest.mark.browser
HOSTILE_HOST = "127.0.0.1:9"  # every hostile image and link in make_hostile points there


@pytest.fixture(scope="module")
def hostile_server(app_warehouse, tmp_path_factory):
    if not CHROMIUM.exists():
        pytest.skip(f"BROWSER TEST SKIPPED: {CHROMIUM} is missing — run `make browser-deps`")
    from orchestration import users

    location = tmp_path_factory.mktemp("hostile_app")
    target_id = make_hostile(app_warehouse, location / "warehouse.duckdb")
    name, password = USERS["office"]
    users.add(location / "users.json", name, "office", password)
    env = {**os.environ, "KPI_WAREHOUSE": str(location / "warehouse.duckdb"), "KPI_USERS": str(location / "users.json")}
    with streamlit_app(env) as url:
        yield url, target_id


@pytest.mark.parametrize("path", ["targets?target={target}", "", "quality", "dispatch", "trends"])
def test_hostile_text_stays_text_in_chromium(hostile_server, path):
    from playwright.sync_api import sync_playwright

    url, target_id = hostile_server
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
        requests: list[str] = []
        dialogs: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        sign_in(page, f"{url}/{path.format(target=target_id)}")
        if path.startswith("targets"):
            page.locator("mark").first.wait_for(state="visible", timeout=30_000)
        _rendered(page)
        images = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('src') || '')")
        links = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href') || '')")
        body = page.inner_text("body")
        browser.close()
    assert not [r for r in requests if HOSTILE_HOST in r], "a request left for an address the data names"
    assert not [src for src in images if HOSTILE_HOST in src]
    assert not [href for href in links if href.lower().startswith("javascript:")]
    assert not dialogs, dialogs
    if path.startswith("targets"):
        assert "![x](http://127.0.0.1:9/graphql" in body  # the hostile note is shown, as the text it is
