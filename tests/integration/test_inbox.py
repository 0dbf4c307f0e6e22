"""The inbox end to end: the bad-input corpus, re-delivery, and rejected files.

Every file in tests/fixtures/bad_inputs has its expected outcome in EXPECTED.csv: loaded,
quarantined (with the rule) or rejected (with a message). All of them go through one real
`kpi run`, as if the data office dropped them in the inbox together.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from pipeline_support import Pipeline

pytestmark = pytest.mark.slow

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "bad_inputs"
CORRECTIONS = CORPUS.parent / "corrections"  # same names as corpus files, corrected content
EXPECTED = list(csv.DictReader(open(CORPUS / "EXPECTED.csv", encoding="utf-8")))


def drop_corpus(pipeline: Pipeline, target_id: str, only: set[str] | None = None, source: Path = CORPUS) -> None:
    """Copy the cases into the inbox as an office would drop them: links as links, folders whole."""
    for case in EXPECTED if source == CORPUS else [{"file": p.name} for p in source.iterdir()]:
        if only is not None and case["file"] not in only:
            continue
        origin, target = source / case["file"], pipeline.inbox / case["file"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            os.symlink(os.readlink(origin), target)
        elif origin.is_dir():
            shutil.copytree(origin, target, symlinks=True)
        elif b"{target_id}" in origin.read_bytes():
            target.write_bytes(origin.read_bytes().replace(b"{target_id}", target_id.encode()))
        else:
            shutil.copyfile(origin, target)


def entries(folder: Path) -> set[str]:
    """Top-level entries of a corpus folder, and those of its policies/ folder."""
    found = {p.name for p in folder.iterdir() if p.name not in ("policies", "EXPECTED.csv")}
    return found | {f"policies/{p.name}" for p in (folder / "policies").iterdir()}


@pytest.fixture(scope="module")
def corpus_pipeline(seed_pipeline, tmp_path_factory) -> Pipeline:
    pipeline = Pipeline(tmp_path_factory.mktemp("corpus"))
    target_id = seed_pipeline.scalar("select min(target_id) from marts.fct_policy_target")
    drop_corpus(pipeline, target_id)
    pipeline.run("run")
    return pipeline


def test_corpus_has_at_least_25_failure_modes():
    assert len([c for c in EXPECTED if c["outcome"] != "loaded"]) >= 25
    assert {c["file"] for c in EXPECTED} == entries(CORPUS)


@pytest.mark.parametrize("case", [c for c in EXPECTED if c["outcome"] == "rejected"], ids=lambda c: c["file"][:40])
def test_rejected_files_move_to_rejected_with_a_reason(corpus_pipeline, case):
    folder = corpus_pipeline.inbox / "rejected" / Path(case["file"]).parent
    name = Path(case["file"]).name
    reasons = {p: p.read_text(encoding="utf-8") for p in folder.glob("*.reason.txt")}
    # the reason sits beside the entry, under its own name or, for a name too long, a bounded one
    mine = [text for p, text in reasons.items() if p.name == name + ".reason.txt" or f"原文件名:{name}" in text]
    assert len(mine) == 1 and case["detail"] in mine[0]
    assert all(len(p.name.encode()) <= 255 for p in folder.iterdir())
    listed = corpus_pipeline.query("select reason from quarantine.rejected_files where source_file = ?",
                                   f"inbox/{case['file']}")
    assert listed and case["detail"] in listed[0][0]


@pytest.mark.parametrize("case", [c for c in EXPECTED if c["outcome"] == "skipped"], ids=lambda c: c["file"])
def test_skipped_entries_stay_in_place_and_are_listed(corpus_pipeline, case):
    assert (corpus_pipeline.inbox / case["file"]).exists()
    listed = corpus_pipeline.query("select status, reason from meta.input_files where path = ?", f"inbox/{case['file']}")
    assert listed and listed[0][0] == "skipped" and case["detail"] in listed[0][1]


def test_every_entry_is_accounted_for_once(corpus_pipeline):
    listed = dict(corpus_pipeline.query("select path, status from meta.input_files where origin = 'inbox'"))
    assert {f"inbox/{c['file']}" for c in EXPECTED} <= set(listed)
    assert len(listed) == len(EXPECTED)
    expected_status = {"loaded": "accepted", "quarantined": "accepted", "rejected": "rejected", "skipped": "skipped"}
    assert [(c["file"], listed[f"inbox/{c['file']}"]) for c in EXPECTED
            if listed[f"inbox/{c['file']}"] != expected_status[c["outcome"]]] == []


def test_nothing_from_outside_the_inbox_is_read(corpus_pipeline):
    passwd = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
    assert corpus_pipeline.scalar("select count(*) from marts.dim_policy_document where text like ?", f"%{passwd}%") == 0
    assert (corpus_pipeline.inbox / "rejected" / "policies" / "passwd_link.txt").is_symlink()


@pytest.mark.parametrize("case", [c for c in EXPECTED if c["outcome"] == "quarantined"], ids=lambda c: c["file"])
def test_bad_rows_are_quarantined_with_their_rule(corpus_pipeline, case):
    table = "progress_report_rows" if case["file"].startswith("progress_") else "figure_rows"
    rules = corpus_pipeline.query(
        f"select rule, reason from quarantine.{table} where source_file = ?", f"inbox/{case['file']}"
    )
    assert rules, f"nothing quarantined from {case['file']}"
    assert case["detail"] in {rule for rule, _ in rules}
    assert all(reason for _, reason in rules)


def test_only_a_plain_decimal_is_a_number(corpus_pipeline):
    # a cast reads nan, inf, 1e5 and 1_000 as numbers; none of them may land as a figure
    rules = corpus_pipeline.query("select rule, count(*) from quarantine.figure_rows "
                                  "where source_file = 'inbox/not_a_decimal.csv' group by rule")
    assert rules == [("value_not_a_number", 5)]


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
                          else rows_read - rows_blank end as rows_in
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


def test_workbooks_and_numbers_are_read_as_a_person_sees_them(corpus_pipeline):
    values = lambda name: sorted(corpus_pipeline.query(  # noqa: E731
        "select region_code, metric_code, value from marts.fct_indicator_observation where source_file = ?",
        f"inbox/{name}"))
    assert values("percent_cells.xlsx") == [("341321", "rd_intensity_pct", 2.1)]  # 2.1% in Excel, not 0.021
    assert values("two_worksheets.xlsx") == [("341322", "above_scale_industrial_firms", 288.0),
                                             ("341322", "above_scale_industrial_firms", 301.0)]
    assert values("merged_region_cells.xlsx") == [("341323", "above_scale_industrial_firms", 199.0),
                                                  ("341323", "above_scale_industrial_firms", 212.0)]
    assert values("formula_row_with_values.xlsx") == [("341302", "above_scale_firms_new", 45.0)]
    assert values("nul_bytes.csv") == [("341324", "above_scale_firms_new", 12.0)]
    assert values("number_formats.csv") == [("341322", "above_scale_firms_new", 45.0),
                                            ("341322", "tech_renovation_investment", 1234.5),
                                            ("341323", "rd_intensity_pct", 2.4),
                                            ("341323", "tech_renovation_investment", 150.0)]
    notes = dict(corpus_pipeline.query("select path, note from meta.input_files where note is not null"))
    assert "填报说明" in notes["inbox/two_worksheets.xlsx"] and "percent" in notes["inbox/percent_cells.xlsx"]
    assert "control character" in notes["inbox/nul_bytes.csv"]
    assert corpus_pipeline.scalar("select count(*) from marts.fct_indicator_observation "
                                  "where contains(coalesce(source_title, '') || coalesce(note, ''), chr(0))") == 0
    assert corpus_pipeline.scalar("select rows_blank from meta.input_files where path = 'inbox/number_formats.csv'") == 1
    assert corpus_pipeline.query("select cast(as_of as varchar), value from marts.fct_progress_report "
                                 "where source_file = 'inbox/progress_chinese_date.csv'") == [("2024-04-30", 2.0)]


def test_policy_documents_from_the_inbox(corpus_pipeline):
    docs = dict(corpus_pipeline.query(
        "select source_file, target_count from marts.dim_policy_document where origin = 'inbox'"))
    assert docs["inbox/policies/no_targets.txt"] == 0
    assert docs["inbox/policies/gbk_policy.txt"] >= 1


def test_a_revised_policy_under_a_seed_name_is_a_new_version_with_the_reviews(corpus_pipeline, seed_pipeline):
    q = corpus_pipeline.query
    [(doc_id, supersedes)] = q("select doc_id, supersedes_doc_id from marts.dim_policy_document "
                               "where source_file = 'inbox/policies/chaohu_manufacturing_100bn_plan.txt'")
    assert doc_id != "CH-2018-QYZZ" and supersedes == "CH-2018-QYZZ"
    assert q("select count(*) from marts.dim_policy_document where doc_id = 'CH-2018-QYZZ'") == [(0,)]
    assert q("select status, superseded_by from meta.input_files "
             "where path = 'seeds/policies/chaohu_manufacturing_100bn_plan.txt'") == [
        ("superseded", "inbox/policies/chaohu_manufacturing_100bn_plan.txt")]
    # the reviews of the seed version follow the unchanged clauses; the changed clause is new
    old = dict(seed_pipeline.query("select target_id, review_status from marts.fct_policy_target where doc_id = 'CH-2018-QYZZ'"))
    new = dict(q("select target_id, review_status from marts.fct_policy_target where doc_id = ?", doc_id))
    carried = {t.split(":", 1)[1]: s for t, s in new.items() if s != "unreviewed"}
    assert carried == {t.split(":", 1)[1]: s for t, s in old.items() if s != "unreviewed"} and carried
    assert {t.split(":", 1)[1] for t, in q("select target_id from quarantine.rejected_targets where doc_id = ?", doc_id)} == \
        {t.split(":", 1)[1] for t, in seed_pipeline.query("select target_id from quarantine.rejected_targets where doc_id = 'CH-2018-QYZZ'")}
    assert len(set(new) - {f"{doc_id}:{t.split(':', 1)[1]}" for t in old}) == 1  # 净增26家 -> 30家


def test_inbox_is_emptied_into_processed_and_rejected(corpus_pipeline):
    left = {p.name for p in corpus_pipeline.inbox.iterdir() if p.name not in ("processed", "rejected", "policies")}
    left |= {p.name for p in (corpus_pipeline.inbox / "policies").iterdir()}
    assert left == {c["file"] for c in EXPECTED if c["outcome"] == "skipped"}
    assert (corpus_pipeline.inbox / "processed" / "good_figures.xlsx").exists()


# The second delivery: the same files again (duplicates), two corrected files under names already
# processed, and one retraction. Tests below see the corpus pipeline after it.
CORRECTED = {p.name for p in CORRECTIONS.iterdir()}
RETRACTED = "inbox/good_figures.xlsx"


@pytest.fixture(scope="module")
def second_delivery(corpus_pipeline, seed_pipeline) -> dict:
    before = {"marts": corpus_pipeline.mart_checksums(), "observations": _observations(corpus_pipeline)}
    target_id = seed_pipeline.scalar("select min(target_id) from marts.fct_policy_target")
    again = {c["file"] for c in EXPECTED if c["outcome"] in ("loaded", "quarantined")} - CORRECTED - {RETRACTED[6:]}
    drop_corpus(corpus_pipeline, target_id, only=again)
    drop_corpus(corpus_pipeline, target_id, source=CORRECTIONS)
    corpus_pipeline.run("retract", RETRACTED, "--reason", "测试:来源口径有误", "--by", "数据办 测试")
    corpus_pipeline.run("run")
    return before


def _observations(pipeline: Pipeline) -> set[tuple]:
    return set(pipeline.query(
        "select source_file, source_line, region_code, metric_code, year, period, value from marts.fct_indicator_observation "
        "where source_file <> ? and source_file not like 'inbox/wan_yuan_converted%'", RETRACTED))


def test_the_same_files_again_change_nothing_else(corpus_pipeline, second_delivery):
    after = corpus_pipeline.mart_checksums()
    for table in ("marts.fct_policy_target", "marts.dim_policy_document", "marts.fct_document_actual"):
        assert after[table] == second_delivery["marts"][table], table
    assert _observations(corpus_pipeline) == second_delivery["observations"]
    statuses = dict(corpus_pipeline.query("select status, count(*) from meta.input_files group by status"))
    assert statuses.get("duplicate", 0) >= 20


def test_a_corrected_file_replaces_the_old_rows_and_keeps_them_as_history(corpus_pipeline, second_delivery):
    q = corpus_pipeline.query
    assert q("select value from marts.fct_indicator_observation where source_file like 'inbox/wan_yuan_converted%'") == [(160.0,)]
    assert q("select source_file, value from quarantine.figure_rows where rule = 'superseded'") == [
        ("inbox/wan_yuan_converted.csv", "1500000")]
    assert q("select status, superseded_by from meta.input_files where path = 'inbox/wan_yuan_converted.csv'") == [
        ("superseded", "inbox/wan_yuan_converted~v2.csv")]
    # a progress report corrected under the same name: the new row lands, the old one is history
    assert q("select value from marts.fct_progress_report where source_file = 'inbox/progress_bad_value~v2.csv'") == [(3.0,)]
    assert q("select rule from quarantine.progress_report_rows where source_file = 'inbox/progress_bad_value.csv'") == [
        ("superseded",)]
    assert (corpus_pipeline.inbox / "processed" / "wan_yuan_converted~v2.csv").exists()


def test_a_retracted_file_leaves_the_marts_and_keeps_its_record(corpus_pipeline, second_delivery):
    assert corpus_pipeline.query("select count(*) from marts.fct_indicator_observation where source_file = ?",
                                 RETRACTED) == [(0,)]
    [(status, reason)] = corpus_pipeline.query("select status, reason from meta.input_files where path = ?", RETRACTED)
    assert status == "retracted" and "来源口径有误" in reason and "数据办 测试" in reason
    assert (corpus_pipeline.inbox / "retracted" / "good_figures.xlsx").exists()
    refused = corpus_pipeline.run("retract", "seeds/bulletins/x.csv", "--reason", "x", check=False)
    assert refused.returncode == 1 and "git" in refused.stderr


def test_rejected_inputs_leave_the_published_marts_unchanged(seed_pipeline, fresh_pipeline):
    """A build from scratch of the seeds and of files that are all rejected publishes the seed
    build's tables, row for row, but the list of rejected files: rejected inputs change nothing,
    and a build is reproducible (a second build of the same inputs, in another location)."""
    drop_corpus(fresh_pipeline, "unused", only={c["file"] for c in EXPECTED if c["outcome"] == "rejected"})
    fresh_pipeline.run("run")
    seed, fresh = seed_pipeline.mart_checksums(), fresh_pipeline.mart_checksums()
    assert seed.keys() == fresh.keys() and len([t for t in seed if t.startswith("marts.")]) >= 12
    assert {t for t in seed if seed[t] != fresh[t]} == {"quarantine.rejected_files"}
    assert fresh_pipeline.scalar("select count(*) from quarantine.rejected_files") == \
        len([c for c in EXPECTED if c["outcome"] == "rejected"])
