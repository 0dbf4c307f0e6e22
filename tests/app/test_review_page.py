"""The 目标审核 page (AppTest): a correction submitted through its form lands in the reviews
file (KPI_REVIEWS) with the reviewer's name and is audited; leaders and county users are refused."""

from __future__ import annotations

import shutil

import pytest
from served_app import free_port

from orchestration import audit, reviews
from orchestration.settings import SEEDS_DIR, Settings

TECH_RENOVATION = "SZ-2023-2321:d77335eef8"  # 技改投资增长18% (2023)


@pytest.fixture
def place(app, app_warehouse, tmp_path, monkeypatch) -> Settings:
    """A copy of the test warehouse (its own audit trail) and a copy of the shipped reviews file."""
    warehouse = tmp_path / "data" / app_warehouse.name
    warehouse.parent.mkdir()
    shutil.copy(app_warehouse, warehouse)
    review_file = tmp_path / "target_reviews.csv"
    shutil.copy(SEEDS_DIR / "reviews" / "target_reviews.csv", review_file)
    # no Dagster answers there: the decision is kept and the page says the rebuild could not start
    # (tests/integration/test_serve.py makes the round trip with Dagster running)
    env = {"KPI_WAREHOUSE": str(warehouse), "KPI_REVIEWS": str(review_file), "KPI_DAGSTER_PORT": str(free_port())}
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return Settings.from_env(env)


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_a_correction_through_the_form_lands_in_the_reviews_file_with_the_reviewer(app, place):
    at = app("review")
    assert at.title[0].value == "目标审核"
    at.selectbox(key="rv_pick").set_value(TECH_RENOVATION).run()
    assert not at.exception, [e.value for e in at.exception]
    prefix = f"rv_correct_{TECH_RENOVATION}"
    assert at.text_input(key=f"{prefix}_value").value == "18"  # prefilled with the current value
    at.text_input(key=f"{prefix}_value").set_value("20")
    at.text_input(key=f"rv_correct_note_{TECH_RENOVATION}").set_value("按文件更正")
    _button(at, "提交更正").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error if "无法连接 Dagster" not in e.value] == []
    assert any("无法连接 Dagster" in e.value for e in at.error)
    assert any("下次构建后生效" in s.value for s in at.success)

    row = reviews.row_for(place.reviews, TECH_RENOVATION)
    assert (row["decision"], row["value"], row["reviewer"], row["note"]) == ("correct", "20", "数据办测试", "按文件更正")
    assert row["metric"] == row["unit"] == row["target_year"] == ""  # only the changed field is written
    assert [(e["action"], e["subject"], e["actor"]) for e in audit.read(place.audit_log) if e["action"] == "review"] == [
        ("review", TECH_RENOVATION, "数据办测试")]


def test_an_added_span_not_in_the_document_is_refused_on_the_page(app, place):
    at = app("review")
    at.selectbox(key="rv_add_doc").set_value("SZ-2023-2321").run()
    at.text_area(key="rv_add_clause_SZ-2023-2321").set_value("新增规上工业企业999家")
    at.selectbox(key="rv_add_SZ-2023-2321_metric").set_value("above_scale_firms_new")
    at.selectbox(key="rv_add_SZ-2023-2321_comparator").set_value("increase_by")
    at.selectbox(key="rv_add_SZ-2023-2321_unit").set_value("户")
    at.text_input(key="rv_add_SZ-2023-2321_value").set_value("999")
    before = place.reviews.read_bytes()
    _button(at, "补录").click().run()
    assert any("原文中找不到" in e.value for e in at.error)
    assert place.reviews.read_bytes() == before


@pytest.mark.parametrize("user", [("领导测试", "leader"), ("萧县测试", "county:341322")])
def test_leaders_and_county_users_are_refused(app, place, user):
    from streamlit.testing.v1 import AppTest

    from conftest import PROJECT_ROOT, SESSION_KEY

    before = place.reviews.read_bytes()
    # Home answers the page's URL with its refusal page (AppTest cannot switch to a callable page;
    # see test_upload_page); the page itself refuses whoever reaches it without the permission
    app("overview", user=user)
    at = AppTest.from_file(str(PROJECT_ROOT / "app" / "views" / "review.py"), default_timeout=30)
    at.session_state[SESSION_KEY] = {"name": user[0], "role": user[1]}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == ["无权访问:目标审核仅限数据办使用。"]
    assert not at.get("form_submit_button") and not at.selectbox
    assert place.reviews.read_bytes() == before
    assert [(e["action"], e["subject"]) for e in audit.read(place.audit_log)][-1:] == [("access_denied", "目标审核")]
