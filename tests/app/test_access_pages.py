"""Roles on every page (AppTest): signed out nothing, a county its regions, hostile URL parameters inert."""

from __future__ import annotations

import pytest

from orchestration.access import Role, visible_regions

HOSTILE = {
    "target": "' or '1'='1' --",
    "region": "340000' or 1=1; drop table marts.dim_region; --",
    "metric": "x'); delete from marts.fct_policy_target; --",
}
COUNTY = ("萧县测试", "county:341322")


def _visible(sql) -> frozenset[str]:
    rows = sql("select region_code, parent_code, level from marts.dim_region")
    return visible_regions(Role("county", "341322"), {r[0]: r[1] for r in rows}, {r[0]: r[2] for r in rows})


@pytest.mark.parametrize("page", ["overview"])
def test_signed_out_the_app_is_a_login_form(app, page):
    at = app(page, user=None)
    assert [t.label for t in at.text_input] == ["用户名", "密码"]
    assert not at.dataframe and not at.metric and not at.selectbox
    at.text_input[0].input("领导测试")
    at.text_input[1].input("wrong password")
    (at.get("form_submit_button")[0] if at.get("form_submit_button") else at.button[0]).click()
    at.run()
    assert "用户名或密码错误。" in [e.value for e in at.error]
    at.text_input[1].input("领导测试-password")
    (at.get("form_submit_button")[0] if at.get("form_submit_button") else at.button[0]).click()
    at.run()
    assert at.metric, "signed in, the overview shows its cards"


def test_a_county_user_gets_its_targets_only(app, sql):
    visible = _visible(sql)
    expected = sum(1 for (code,) in sql("select region_code from marts.fct_policy_target") if code in visible)
    at = app("targets", user=COUNTY)
    shown = at.dataframe[0].value
    assert len(shown) == expected > 0
    names = {name for (code, name) in sql("select region_code, region_name from marts.dim_region") if code in visible}
    assert set(shown["地区"]) <= names
    region_options = set(at.selectbox(key="tr_region").options) if "tr_region" in at.session_state else set()
    assert not region_options - names


def test_a_county_user_picks_only_its_regions_on_trends(app, sql):
    visible = _visible(sql)
    at = app("trends", user=COUNTY)
    options = at.selectbox(key="tr_region").options
    names = {name.strip("　").split("(")[0] for name in options}
    allowed = {name for (code, name) in sql("select region_code, region_name from marts.dim_region") if code in visible}
    assert names <= allowed and "砀山县" not in names


@pytest.mark.parametrize("user", [("数据办测试", "office"), COUNTY])
@pytest.mark.parametrize("page", ["targets", "trends", "overview"])
def test_hostile_url_parameters_are_inert(app, sql, page, user):
    before = sql("select (select count(*) from marts.dim_region), (select count(*) from marts.fct_policy_target)")
    from streamlit.testing.v1 import AppTest

    from conftest import APP, PAGES, SESSION_KEY

    at = AppTest.from_file(str(APP), default_timeout=30)
    at.session_state[SESSION_KEY] = {"name": user[0], "role": user[1]}
    for key, value in HOSTILE.items():
        at.query_params[key] = value
    if page != "overview":
        at.switch_page(PAGES[page])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    text = " ".join(str(e.value) for e in [*at.markdown, *at.caption, *at.error, *at.warning, *at.info])
    assert "drop table" not in text and "delete from" not in text
    assert sql("select (select count(*) from marts.dim_region), (select count(*) from marts.fct_policy_target)") == before


def test_the_office_reads_the_audit_trail_on_the_quality_page_and_a_leader_does_not(app, app_warehouse):
    from orchestration import audit

    audit.record(app_warehouse.parent / "audit" / "audit_log.jsonl", "数据办测试", "review",
                 role="office", subject="TEST:audit-shown", detail="accept")
    office = app("quality")
    assert "审计日志" in [h.value for h in office.subheader]
    shown = next(d.value for d in office.dataframe if "操作" in d.value.columns)
    assert "TEST:audit-shown" in set(shown["对象"]) and "目标审核" in set(shown["操作"])
    leader = app("quality", user=("领导测试", "leader"))
    assert "审计日志" not in [h.value for h in leader.subheader]


def test_a_county_user_opens_on_its_own_region(app):
    at = app("overview", user=COUNTY)
    picker = next(s for s in at.selectbox if s.label == "地区")
    assert picker.value == "341322"
