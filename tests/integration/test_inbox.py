"""The inbox end to end: the bad-input corpus, re-delivery, and rejected files.

Every file in tests/fixtures/bad_inputs has its expected outcome in EXPECTED.csv: loaded,
quarantined (with the rule) or rejected (with a message). All of them go through one real
`kpi run`, as if the data office dropped them in the inbox together.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from pipeline_support import Pipeline

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "bad_inputs"
EXPECTED = list(csv.DictReader(open(CORPUS / "EXPECTED.csv", encoding="utf-8")))


def drop_corpus(pipeline: Pipeline, target_id: str, only: set[str] | None = None) -> None:
    for case in EXPECTED:
        if only is not None and case["file"] not in only:
            continue
        source, target = CORPUS / case["file"], pipeline.inbox / case["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if b"{target_id}" in source.read_bytes():
            target.write_bytes(source.read_bytes().replace(b"{target_id}", target_id.encode()))
        else:
            shutil.copyfile(source, target)


@pytest.fixture(scope="module")
def corpus_pipeline(seed_pipeline, tmp_path_factory) -> Pipeline:
    pipeline = Pipeline(tmp_path_factory.mktemp("corpus"))
    target_id = seed_pipeline.scalar("select min(target_id) from marts.fct_policy_target")
    drop_corpus(pipeline, target_id)
    pipeline.run("run")
    return pipeline


def test_corpus_has_at_least_25_failure_modes():
    assert len([c for c in EXPECTED if c["outcome"] != "loaded"]) >= 25
    assert {c["file"] for c in EXPECTED} == {
        p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file() and p.name != "EXPECTED.csv"
    }


@pytest.mark.parametrize("case", [c for c in EXPECTED if c["outcome"] == "rejected"], ids=lambda c: c["file"])
def test_rejected_files_move_to_rejected_with_a_reason(corpus_pipeline, case):
    moved = corpus_pipeline.inbox / "rejected" / Path(case["file"]).name
    assert moved.exists()
    reason = moved.with_name(moved.name + ".reason.txt").read_text(encoding="utf-8")
    assert case["detail"] in reason
    listed = corpus_pipeline.query("select reason from quarantine.rejected_files where source_file like ?",
                                   f"%/{Path(case['file']).name}")
    assert listed and case["detail"] in listed[0][0]


@pytest.mark.parametrize("case", [c for c in EXPECTED if c["outcome"] == "quarantined"], ids=lambda c: c["file"])
def test_bad_rows_are_quarantined_with_their_rule(corpus_pipeline, case):
    table = "progress_report_rows" if case["file"].startswith("progress_") else "figure_rows"
    rules = corpus_pipeline.query(
        f"select rule, reason from quarantine.{table} where source_file = ?", f"inbox/{case['file']}"
    )
    assert rules, f"nothing quarantined from {case['file']}"
    assert case["detail"] in {rule for rule, _ in rules}
    assert all(reason for _, reason in rules)


def test_every_row_of_every_file_is_loaded_or_quarantined(corpus_pipeline):
    # tables: the rows the loader read; text: the catalog figures the reader found in it
    per_file = corpus_pipeline.query("""
        select f.source_file, f.rows_in,
               (select count(*) from marts.fct_indicator_observation o where o.source_file = f.source_file)
             + (select count(*) from marts.fct_progress_report r where r.source_file = f.source_file)
             + (select count(*) from quarantine.figure_rows q where q.source_file = f.source_file)
             + (select count(*) from quarantine.progress_report_rows q where q.source_file = f.source_file)
        from (select path as source_file,
                     case when kind = 'bulletin_text'
                          then (select count(*) from marts.fct_document_actual a where a.source_file = path and a.is_observation)
                          else cast(rows_read as integer) end as rows_in
              from meta.input_files
              where status = 'accepted' and kind in ('figures', 'progress', 'bulletin_text')) f
    """)
    assert len(per_file) >= 20
    assert [(f, n) for f, n, out in per_file if n != out] == []
    text_files = [n for f, n, _ in per_file if f.endswith(".txt")]
    assert text_files and all(n > 0 for n in text_files)


def test_loaded_files_land_with_converted_values_and_provenance(corpus_pipeline):
    q = corpus_pipeline.query
    assert q("select value, unit from marts.fct_indicator_observation where source_file = 'inbox/wan_yuan_converted.csv'") == [(150.0, "亿元")]
    assert q("select region_code, value from marts.fct_indicator_observation where source_file = 'inbox/good_figures.xlsx'") == [("341302", 456.0)]
    notes = dict(q("select path, note from meta.input_files where path in ('inbox/gbk_encoded.csv', 'inbox/utf8_bom.csv', 'inbox/policies/gbk_policy.txt')"))
    assert "converted from GBK" in notes["inbox/gbk_encoded.csv"] and "converted from GBK" in notes["inbox/policies/gbk_policy.txt"]
    assert "byte-order mark" in notes["inbox/utf8_bom.csv"]
    extracted = q("select metric_code, value, quality, span_start, span_end from marts.fct_indicator_observation "
                  "where source_file = 'inbox/bulletin_suzhou_2024.txt' order by span_start")
    assert {(m, v) for m, v, *_ in extracted} >= {("industry_va_growth_pct", 9.2), ("above_scale_industrial_firms", 1560.0),
                                                  ("tech_renovation_investment_growth_pct", 21.4)}
    assert all(quality == "extracted" and start < end for _, _, quality, start, end in extracted)


def test_policy_documents_from_the_inbox(corpus_pipeline):
    docs = dict(corpus_pipeline.query(
        "select source_file, target_count from marts.dim_policy_document where origin = 'inbox'"))
    assert docs["inbox/policies/no_targets.txt"] == 0
    assert docs["inbox/policies/gbk_policy.txt"] >= 1


def test_inbox_is_emptied_into_processed_and_rejected(corpus_pipeline):
    left = [p.name for p in corpus_pipeline.inbox.glob("*") if p.is_file()]
    left += [p.name for p in (corpus_pipeline.inbox / "policies").glob("*") if p.is_file()]
    assert left == []
    assert (corpus_pipeline.inbox / "processed" / "good_figures.xlsx").exists()


def test_the_same_files_again_change_nothing(corpus_pipeline, seed_pipeline):
    before = corpus_pipeline.mart_checksums()
    target_id = seed_pipeline.scalar("select min(target_id) from marts.fct_policy_target")
    drop_corpus(corpus_pipeline, target_id, only={c["file"] for c in EXPECTED if c["outcome"] != "rejected"})
    corpus_pipeline.run("run")
    after = corpus_pipeline.mart_checksums()
    changed = [t for t in before if before[t] != after[t] and not t.startswith("quarantine.rejected_files")]
    assert changed == []
    statuses = dict(corpus_pipeline.query("select status, count(*) from meta.input_files group by status"))
    assert statuses.get("duplicate", 0) >= 20


def test_rejected_inputs_leave_the_published_marts_unchanged(seed_pipeline, fresh_pipeline):
    drop_corpus(fresh_pipeline, "unused", only={c["file"] for c in EXPECTED if c["outcome"] == "rejected"})
    fresh_pipeline.run("run")
    marts = lambda sums: {t: s for t, s in sums.items() if t.startswith("marts.")}  # noqa: E731
    assert marts(fresh_pipeline.mart_checksums()) == marts(seed_pipeline.mart_checksums())
    assert fresh_pipeline.scalar("select count(*) from quarantine.rejected_files") == \
        len([c for c in EXPECTED if c["outcome"] == "rejected"])
