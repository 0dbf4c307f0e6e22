"""Target progress end to end: reviews applied, a new figure, a unit's report or a progress
document dropped in the inbox changes a status."""

from __future__ import annotations

import pytest

from pipeline_support import Pipeline

pytestmark = pytest.mark.slow

TECH_RENOVATION = "SZ-2023-2321:d77335eef8"  # 技改投资增长18% (2023)
TECH_CENTRES = "SZ-2023-2321:5d4359207f"       # 新认定市级企业技术中心15家 (2023)
PROVINCIAL_CENTRES = "SZ-2023-2321:110bb2fb59"  # 培育省级企业技术中心3-5家 (2023)
LITTLE_GIANTS = "SZ-2023-2321:ad1ddeb19b"       # 力争新培育国家级专精特新“小巨人”企业2家 (2023)

# A progress report as a department writes it: dropped in the inbox as text, no target id in it.
PROGRESS_TEXT = """宿州市2023年制造业提质扩量增效工作上半年推进情况
上半年,全市新培育国家级专精特新“小巨人”企业1家,规上工业增加值同比增长7.6%。
"""


def status(pipeline: Pipeline, target_id: str) -> tuple:
    return pipeline.query(
        "select status, evidence, basis, actual_value, observation_id is not null or report_id is not null, evidence_used "
        "from marts.fct_target_progress where target_id = ?", target_id)[0]


def test_every_seed_target_has_a_status_and_judged_ones_name_their_evidence(seed_pipeline):
    assert seed_pipeline.scalar(
        "select count(*) from marts.fct_policy_target t left join marts.fct_target_progress p using (target_id) "
        "where p.status is null") == 0
    assert seed_pipeline.scalar(
        "select count(*) from marts.fct_target_progress where status not in ('no_data', 'value_withheld', 'not_due') "
        "and evidence_used is null") == 0
    assert seed_pipeline.scalar("select count(*) from marts.fct_target_progress where status = 'value_withheld'") == 5


def test_reviews_are_applied_on_every_re_extraction(seed_pipeline):
    reviews = dict(seed_pipeline.query(
        "select target_id, review_status from marts.fct_policy_target where review_status <> 'unreviewed'"))
    assert reviews["SZ-2023-2321:d77335eef8"] == "accepted"
    assert reviews["CH-2018-QYZZ:562e50906d"] == "corrected"
    assert seed_pipeline.scalar("select target_year from marts.fct_policy_target where target_id = 'CH-2018-QYZZ:562e50906d'") == 2023
    rejected = {r[0] for r in seed_pipeline.query("select target_id from quarantine.rejected_targets")}
    assert rejected == {"CH-2018-QYZZ:5ad623bb46", "CH-2018-QYZZ:1a2364ff8d"}
    assert not rejected & {r[0] for r in seed_pipeline.query("select target_id from marts.fct_policy_target")}
    assert seed_pipeline.query("select * from quarantine.target_review_rows") == []


def test_a_public_outcome_judges_suzhou_2023_tech_renovation(seed_pipeline):
    """The seeds carry the public outcome 技改投资增长48.9% (secondary, seeds/bulletins/public_outcomes.csv)."""
    state, evidence, basis, value, cited, used = status(seed_pipeline, TECH_RENOVATION)
    assert (state, evidence, basis, value, cited) == ("achieved", "statistics", "full_year", 48.9, True)
    assert "secondary" in used


def test_linked_public_outcomes_project_the_county_cluster_targets(seed_pipeline):
    """集群营业收入 7275.6 (2022) → 7916.1 亿元 (2023), compound: 7916.1 × (7916.1 / 7275.6)^2 = 9,371 in 2025,
    short of 1万亿元 by 6.3 % (within the 10 % gap) → at_risk; by 2027 11,094 vs 1.4万亿 → off_track."""
    rows = dict((t, (s, e, p, c)) for t, s, e, p, c in seed_pipeline.query(
        "select target_id, status, evidence, projected_value, public_outcome_id from marts.fct_target_progress "
        "where target_id in ('AH-2024-56:8d9e98aefc', 'AH-2024-56:fbe7974b50')"))
    assert rows["AH-2024-56:8d9e98aefc"][:2] == ("at_risk", "public_outcome")
    assert rows["AH-2024-56:8d9e98aefc"][2] == pytest.approx(7916.1 * (7916.1 / 7275.6) ** 2, rel=1e-6)
    assert rows["AH-2024-56:fbe7974b50"][:2] == ("off_track", "public_outcome")
    assert rows["AH-2024-56:8d9e98aefc"][3] == "PO-26"
    outcomes = seed_pipeline.scalar("select count(*) from marts.fct_public_outcome")
    figures = seed_pipeline.scalar("select count(*) from marts.fct_indicator_observation where source_file = 'seeds/bulletins/public_outcomes.csv'")
    duplicate = seed_pipeline.scalar("select count(*) from quarantine.figure_rows where source_file = 'seeds/bulletins/public_outcomes.csv'")
    assert outcomes + figures + duplicate + 1 == 56  # every shared outcome is somewhere (PO-24 is a bulletin row already)


def test_a_new_figure_and_department_reports_change_statuses(fresh_pipeline):
    fresh_pipeline.inbox.mkdir(parents=True)
    (fresh_pipeline.inbox / "suzhou_2023_figures.csv").write_text(
        "region,year,period,metric,value,unit,quality,source_title,source_url,note\n"
        "宿州市,2023,Y,tech_renovation_investment_growth_pct,19.5,%,official,"
        "宿州市2023年国民经济和社会发展统计公报(测试),https://tjj.ahsz.gov.cn/,test figure\n",
        encoding="utf-8")
    (fresh_pipeline.inbox / "monthly_dispatch.csv").write_text(
        "target_id,as_of,value,reported_by,note\n"
        f"{TECH_CENTRES},2023-06-30,9,市经济和信息化局,6月调度\n"
        f"{TECH_CENTRES},2023-12-31,16,市经济和信息化局,年终\n"
        f"{PROVINCIAL_CENTRES},2023-12-31,2,市经济和信息化局,年终\n",
        encoding="utf-8")
    (fresh_pipeline.inbox / "suzhou_2023_h1_progress.txt").write_text(PROGRESS_TEXT, encoding="utf-8")
    fresh_pipeline.run("run")  # judged at 2024-06-30

    state, evidence, basis, value, cited, used = status(fresh_pipeline, TECH_RENOVATION)
    assert (state, evidence, basis, value, cited) == ("achieved", "statistics", "full_year", 19.5, True)
    assert "19.5" in used and "official" in used
    assert status(fresh_pipeline, TECH_CENTRES)[:4] == ("achieved", "department_report", "department_report", 16.0)
    assert status(fresh_pipeline, PROVINCIAL_CENTRES)[0] == "missed"  # 2 of 3-5, the year is over
    # the progress text: its count is linked to the target and judges it; its growth is a figure
    linked = fresh_pipeline.query(
        "select value, period, reason from marts.fct_document_actual where target_id = ?", LITTLE_GIANTS)
    assert [(v, p) for v, p, _ in linked] == [(1.0, "M01-M06")] and linked[0][2]
    state, evidence, basis, value, cited, used = status(fresh_pipeline, LITTLE_GIANTS)
    assert (state, evidence, basis, value) == ("missed", "document", "document", 1.0)
    assert "suzhou_2023_h1_progress.txt" in used
    assert fresh_pipeline.query(
        "select value, quality, period from marts.fct_indicator_observation "
        "where source_file = 'inbox/suzhou_2023_h1_progress.txt'") == [(7.6, "extracted", "M01-M06")]

    fresh_pipeline.run("run", "--evaluation-date", "2023-07-15")  # mid-year: the June report decides
    state, evidence, _, value, cited, _ = status(fresh_pipeline, TECH_CENTRES)
    assert (state, evidence, value, cited) == ("on_track", "department_report", 9.0, True)
    elapsed = fresh_pipeline.scalar("select time_elapsed_pct from marts.fct_target_progress where target_id = ?", TECH_CENTRES)
    assert elapsed == pytest.approx(49.5, abs=0.1)  # 2023-01-01 → 2023-06-30 is 180 of 364 days; 9/15 = 60 % done
    assert status(fresh_pipeline, LITTLE_GIANTS)[:2] == ("on_track", "document")  # 1 of 2 at 49.5 % of the year
