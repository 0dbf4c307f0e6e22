"""orchestration.reviews: one decision upserted per target, under a lock, refused when stale;
added targets from a span of the document, with the id extraction gives the clause."""

from __future__ import annotations

import subprocess
import sys
import shutil
import stat

import pytest

from orchestration import reviews
from orchestration.extract import reader
from orchestration.settings import PROJECT_ROOT, SEEDS_DIR

SEED = SEEDS_DIR / "reviews" / "target_reviews.csv"
SUZHOU = SEEDS_DIR / "policies" / "suzhou_2321_action_plan_2023.txt"
ACCEPTED = "SZ-2023-2321:d77335eef8"


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "target_reviews.csv"
    shutil.copy(SEED, target)
    return target


def test_a_decision_on_a_reviewed_target_replaces_its_row_in_place(path):
    before = path.read_text(encoding="utf-8").splitlines()
    row = reviews.decide(path, {"target_id": ACCEPTED, "decision": "correct", "value": "20"},
                         reviews.row_for(path, ACCEPTED), reviewer="数据办 测试")
    after = path.read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before)
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert changed == [before.index(next(line for line in before if line.startswith(ACCEPTED)))]
    assert after[0] == before[0]
    assert row["decision"] == "correct" and row["value"] == "20" and row["reviewer"] == "数据办 测试"
    assert len(row["reviewed_on"]) == 10 and row["reviewed_at"].startswith(row["reviewed_on"])


def test_a_decision_on_a_new_target_is_appended_and_a_created_file_is_owner_only(path, tmp_path):
    before = path.read_text(encoding="utf-8")
    reviews.decide(path, {"target_id": "SZ-2023-2321:ad1ddeb19b", "decision": "accept"}, None, reviewer="甲")
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before) and after[len(before):].startswith("SZ-2023-2321:ad1ddeb19b,accept,")

    fresh = tmp_path / "new" / "reviews.csv"
    reviews.decide(fresh, {"target_id": "X:1", "decision": "reject", "note": "不是目标"}, None, reviewer="甲")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert fresh.read_text(encoding="utf-8").splitlines()[0] == ",".join(reviews.COLUMNS)


def test_a_decision_on_a_target_changed_since_it_was_loaded_is_refused(path):
    seen = reviews.row_for(path, ACCEPTED)
    reviews.decide(path, {"target_id": ACCEPTED, "decision": "reject", "note": "不是目标"}, seen, reviewer="甲")
    with pytest.raises(reviews.StaleReview, match="已由“甲”") as refused:
        reviews.decide(path, {"target_id": ACCEPTED, "decision": "accept"}, seen, reviewer="乙")
    assert refused.value.current["decision"] == "reject"
    assert reviews.row_for(path, ACCEPTED)["reviewer"] == "甲"
    with pytest.raises(reviews.StaleReview):  # someone else reviewed a target the reviewer saw unreviewed
        reviews.decide(path, {"target_id": ACCEPTED, "decision": "accept"}, None, reviewer="乙")


@pytest.mark.parametrize("review, message", [
    ({"target_id": "A:1", "decision": "approve"}, "审核结论"),
    ({"target_id": "A:1", "decision": "correct", "value": "约20"}, "必须是数字"),
    ({"target_id": "A:1", "decision": "correct", "metric": "no_such_metric"}, "指标代码"),
    ({"target_id": "A:1", "decision": "correct", "unit": "斤"}, "单位"),
    ({"target_id": "A:1", "decision": "correct", "comparator": ">>"}, "比较方式"),
    ({"target_id": "A:1", "decision": "correct", "target_year": "1990"}, "目标年份"),
    ({"target_id": "A:1", "decision": "correct"}, "至少要改一个字段"),
    ({"target_id": "A:1", "decision": "reject"}, "写明原因"),
])
def test_invalid_decisions_are_refused_in_chinese_before_anything_is_written(path, review, message):
    before = path.read_bytes()
    with pytest.raises(reviews.ReviewError, match=message):
        reviews.decide(path, review, None, reviewer="甲")
    assert path.read_bytes() == before


DECIDE_MANY = """
import sys
from orchestration import reviews
path, prefix = sys.argv[1], sys.argv[2]
for i in range(15):
    reviews.decide(path, {"target_id": f"{prefix}:{i}", "decision": "accept"}, None, reviewer=prefix)
"""


def test_two_processes_writing_different_targets_at_once_keep_every_decision(path):
    # two fresh interpreters (not forks of this one, which holds the app tests' threads)
    workers = [subprocess.Popen([sys.executable, "-c", DECIDE_MANY, str(path), name], cwd=PROJECT_ROOT,
                                stderr=subprocess.PIPE, text=True) for name in ("甲", "乙")]
    for worker in workers:
        _, errors = worker.communicate(timeout=60)
        assert worker.returncode == 0, errors
    ids = [row["target_id"] for row in reviews.rows(path)]
    assert {f"{name}:{i}" for name in ("甲", "乙") for i in range(15)} <= set(ids)
    assert len(ids) == len(set(ids)) == 7 + 30


def test_an_added_target_with_a_span_not_in_the_document_is_refused(path):
    text = SUZHOU.read_text(encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(reviews.ReviewError, match="原文中找不到"):
        reviews.decide(path, {"decision": "add", "doc_id": "SZ-2023-2321", "clause_text": "新增规上工业企业999家",
                              "metric": "above_scale_firms_new", "comparator": "increase_by", "value": "999",
                              "unit": "户"}, None, reviewer="甲", document_text=text)
    assert path.read_bytes() == before


def test_an_added_target_gets_the_id_extraction_gives_the_same_clause(tmp_path):
    path = tmp_path / "target_reviews.csv"  # the seed reviews accept this very target
    text = SUZHOU.read_text(encoding="utf-8")
    extracted = next(t for t in reader.read(text, doc_id="SZ-2023-2321").targets if t["target_id"] == "SZ-2023-2321:7789662d33")
    spans = extracted["_spans"]
    clause = text[spans["clause_start"]:spans["clause_end"]]
    row = reviews.decide(path, {"decision": "add", "doc_id": "SZ-2023-2321", "clause_text": clause,
                                "metric": extracted["metric"], "comparator": extracted["comparator"],
                                "value": str(extracted["value"]), "unit": extracted["unit"]},
                         None, reviewer="甲", document_text=text)
    assert row["target_id"] == extracted["target_id"]
    assert row["value_text"] == text[spans["value_start"]:spans["value_end"]]


def test_correcting_an_added_target_keeps_it_added_with_its_clause(path):
    text = SUZHOU.read_text(encoding="utf-8")
    clause = "组织开展5G专网建设和应用创新"
    added = reviews.decide(path, {"decision": "add", "doc_id": "SZ-2023-2321", "clause_text": clause,
                                  "metric": "event_count", "comparator": ">=", "value": "5", "unit": "个",
                                  "value_text": "5"}, None, reviewer="甲", document_text=text)
    row = reviews.decide(path, {"target_id": added["target_id"], "decision": "correct", "target_year": "2023"},
                         added, reviewer="乙")
    assert (row["decision"], row["clause_text"], row["value"], row["target_year"]) == ("add", clause, "5", "2023")
