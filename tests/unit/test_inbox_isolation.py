"""One bad file never stops the others: generated garbage is rejected with a reason, never raised.

Property tests over the reading layer (orchestration.ingest), the part of a run that touches the
files; the whole-run version of the same promise is tests/integration/test_inbox.py.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orchestration.ingest import inbox, raw_rows
from orchestration.ingest.contracts import FIGURE_COLUMNS, PROGRESS_COLUMNS
from orchestration.ingest.parsed_cache import ParsedCache

GOOD_XLSX = (Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs" / "good_figures.xlsx").read_bytes()
SUFFIXES = [".csv", ".xlsx", ".txt", ".json", "", ".CSV", ".xlsx.tmp"]


def _csv_bytes(draw) -> bytes:
    header = draw(st.sampled_from([FIGURE_COLUMNS, PROGRESS_COLUMNS, ["a", "b"], FIGURE_COLUMNS[:-1]]))
    cell = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=len(header) + 2), max_size=8))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t", "|"])),
                        quotechar=draw(st.sampled_from(['"', "'"])),
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC])))
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):
        text = text.replace('"', "", 1)  # an unbalanced quote
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])), errors="replace")


@st.composite
def garbage_file(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["bytes", "truncated_xlsx", "csv", "text"]))
    if kind == "bytes":
        data = draw(st.binary(max_size=2000))
    elif kind == "truncated_xlsx":
        data = GOOD_XLSX[: draw(st.integers(0, len(GOOD_XLSX)))]
    elif kind == "csv":
        data = _csv_bytes(draw)
    else:
        data = draw(st.text(max_size=400)).encode("utf-8", errors="replace")
    return draw(st.sampled_from(SUFFIXES)), data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(garbage_file(), min_size=1, max_size=6), in_policies=st.booleans())
def test_generated_garbage_never_fails_the_reading(tmp_path_factory, files, in_policies):
    box = tmp_path_factory.mktemp("inbox")
    folder = box / "policies" if in_policies else box
    folder.mkdir(exist_ok=True)
    for n, (suffix, data) in enumerate(files):
        (folder / f"file{n}{suffix}").write_bytes(data)
    collected = inbox.collect([], box, ParsedCache(box.parent / f"{box.name}-parsed"))  # must not raise
    assert len(collected) == len(files)
    for f in collected:
        assert f.status in inbox.STATUSES
        assert f.status == "accepted" or f.reason
    # the rows of whatever was accepted go on to the raw tables without raising either
    raw_rows.file_rows(collected)
    raw_rows.table_sources(collected, "figures")
    documents = raw_rows.document_rows(collected, {})
    raw_rows.document_readings(documents)


def test_links_folders_and_hidden_files_are_never_read(tmp_path):
    box = tmp_path / "inbox"
    (box / "policies").mkdir(parents=True)
    secret = tmp_path / "outside.txt"
    secret.write_text("2025年全市规上工业增加值增长8%。", encoding="utf-8")
    os.symlink(secret, box / "policies" / "link.txt")
    (box / "folder").mkdir()
    (box / "folder" / "x.csv").write_text("a\n1\n", encoding="utf-8")
    (box / ".hidden.txt").write_text("x", encoding="utf-8")
    states = {f.display_path: (f.status, f.text) for f in inbox.collect([], box, ParsedCache(tmp_path / "parsed"))}
    assert states == {"inbox/policies/link.txt": ("rejected", ""), "inbox/folder": ("rejected", ""),
                      "inbox/.hidden.txt": ("skipped", "")}
    assert set(inbox.waiting(box)) == {"policies/link.txt", "folder"}


def test_a_same_named_file_is_the_next_version_and_supersedes_the_old(tmp_path):
    box = tmp_path / "inbox"
    (box / "processed").mkdir(parents=True)
    header = ",".join(FIGURE_COLUMNS)
    (box / "processed" / "x.csv").write_text(f"{header}\n泗县,2024,Y,gdp,1,亿元,official,t,u,\n", encoding="utf-8")
    (box / "x.csv").write_text(f"{header}\n泗县,2024,Y,gdp,2,亿元,official,t,u,\n", encoding="utf-8")
    files = {f.display_path: f for f in inbox.collect([], box, ParsedCache(tmp_path / "parsed"))}
    old, new = files["inbox/x.csv"], files["inbox/x~v2.csv"]
    assert (old.status, old.superseded_by) == ("superseded", "inbox/x~v2.csv")
    assert (new.status, new.supersedes, new.destination) == ("accepted", "inbox/x.csv", box / "processed" / "x~v2.csv")
    assert [c["superseded_by"] for _, c in raw_rows.table_sources(list(files.values()), "figures")] == ["inbox/x~v2.csv", ""]
    assert inbox.version_of("x~v12.csv") == ("x.csv", 12) and inbox.version_of("x.2024.csv") == ("x.2024.csv", 1)


def test_a_retraction_moves_the_file_with_its_reason_and_refuses_what_it_cannot_retract(tmp_path):
    box = tmp_path / "inbox"
    (box / "processed").mkdir(parents=True)
    (box / "processed" / "x.csv").write_text("a\n", encoding="utf-8")
    moved = inbox.retract(box, "inbox/x.csv", "口径有误", "数据办", "2026-12-02 10:00")
    assert moved == box / "retracted" / "x.csv"
    assert "口径有误" in (box / "retracted" / "x.csv.reason.txt").read_text(encoding="utf-8")
    [listed] = inbox.collect([], box, ParsedCache(tmp_path / "parsed"))
    assert (listed.status, listed.display_path) == ("retracted", "inbox/x.csv") and "数据办" in listed.reason
    for name, reason in (("inbox/x.csv", "again"), ("seeds/bulletins/a.csv", "x"), ("inbox/y.csv", "")):
        try:
            inbox.retract(box, name, reason, "me", "now")
        except inbox.NotRetractable:
            continue
        raise AssertionError(f"{name} should not be retractable")


def test_long_names_get_a_bounded_reason_file(tmp_path):
    box = tmp_path / "inbox"
    box.mkdir()
    name = ("很长的文件名" * 14)[:83] + ".csv"
    assert len(name.encode()) > 244
    (box / name).write_text("a,b\n1,2\n", encoding="utf-8")
    files = inbox.collect([], box, ParsedCache(tmp_path / "parsed"))
    [moved] = inbox.move_rejected(files, box)
    reason = moved.with_name(moved.name + inbox.REASON_SUFFIX)
    assert reason.exists() and len(reason.name.encode()) <= 255 and f"原文件名:{name}" in reason.read_text(encoding="utf-8")
