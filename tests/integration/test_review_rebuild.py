"""Reviews written through orchestration.reviews (as the app's review page writes them) take
effect at the next build: a correction changes the published target, an added target (a clause
the extractor missed) appears in marts.fct_policy_target with its clause and span."""

from __future__ import annotations

import shutil

import pytest

from orchestration import reviews
from orchestration.settings import PROJECT_ROOT
from pipeline_support import Pipeline

pytestmark = pytest.mark.slow

TECH_RENOVATION = "SZ-2023-2321:d77335eef8"  # 技改投资增长18% (2023), accepted in the seed reviews
CHAOHU_TEXT = PROJECT_ROOT / "seeds" / "policies" / "chaohu_manufacturing_100bn_plan.txt"
MISSED_CLAUSE = "着力打造2个产城融合特色小镇和1个特色百亿制造产业"  # 百亿 is read as neither


def test_a_correction_and_an_added_target_are_published_by_the_next_build(tmp_path, monkeypatch):
    path = tmp_path / "target_reviews.csv"
    shutil.copy(PROJECT_ROOT / "seeds" / "reviews" / "target_reviews.csv", path)
    monkeypatch.setenv("KPI_REVIEWS", str(path))

    seen = reviews.row_for(path, TECH_RENOVATION)
    reviews.decide(path, {"target_id": TECH_RENOVATION, "decision": "correct", "value": "20",
                          "note": "按市政府文件更正为20%"}, seen, reviewer="数据办 测试")
    text = CHAOHU_TEXT.read_text(encoding="utf-8")
    added = reviews.decide(path, {"decision": "add", "doc_id": "CH-2018-QYZZ", "clause_text": MISSED_CLAUSE,
                                  "metric": "industrial_output_value", "comparator": ">=", "value": "100",
                                  "unit": "亿元", "value_text": "百亿", "target_year": "2023",
                                  "note": "漏提的百亿产业目标"},
                           None, reviewer="数据办 测试", document_text=text)

    pipeline = Pipeline(tmp_path / "location")
    pipeline.run("run")

    assert pipeline.query("select value, review_status, reviewer from marts.fct_policy_target where target_id = ?",
                          TECH_RENOVATION) == [(20.0, "corrected", "数据办 测试")]
    start = text.index(MISSED_CLAUSE)
    assert pipeline.query(
        "select doc_id, sentence, span_start, span_end, metric_code, comparator, value, unit, target_year, "
        "region_code, review_status, reviewer from marts.fct_policy_target where target_id = ?", added["target_id"]
    ) == [("CH-2018-QYZZ", MISSED_CLAUSE, start, start + len(MISSED_CLAUSE), "industrial_output_value", ">=",
           100.0, "亿元", 2023, "340181", "added", "数据办 测试")]
    assert pipeline.query("select count(*) from marts.fct_target_progress where target_id = ?", added["target_id"]) == [(1,)]
    assert pipeline.query("select * from quarantine.target_review_rows") == []
