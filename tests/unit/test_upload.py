"""A browser upload is checked with the inbox's own checks before it enters the inbox
(orchestration/ingest/upload.py): the same Chinese reason as rejected/<file>.reason.txt, a size
limit and a type list, a safe name, and an atomic placement into the right inbox folder."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from orchestration.ingest import inbox, reasons, upload
from orchestration.ingest.parsed_cache import ParsedCache

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad_inputs"
# what a build makes of each fixture file (dropped alone, policies in policies/): hidden files
# apart, since an upload's name loses its leading dot
FIXTURES = sorted(p.relative_to(BAD).as_posix() for p in [*BAD.iterdir(), *(BAD / "policies").iterdir()]
                  if p.is_file() and not p.is_symlink() and not p.name.startswith(".") and p.name != "EXPECTED.csv")


def _inbox_verdict(tmp_path: Path, relative: str) -> tuple[str, str]:
    """(status, reason) the inbox gives the file when a build collects it."""
    box = tmp_path / "box"
    target = box / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes((BAD / relative).read_bytes())
    files = inbox.collect([], box, ParsedCache(tmp_path / "cache"))
    (entry,) = [f for f in files if f.location == "inbox"]
    return entry.status, entry.reason


@pytest.mark.parametrize("relative", FIXTURES)
def test_each_bad_input_gets_the_reason_the_inbox_gives(tmp_path, relative):
    status, reason = _inbox_verdict(tmp_path, relative)
    box = tmp_path / "inbox"
    result = upload.receive((BAD / relative).read_bytes(), Path(relative).name, inbox_dir=box,
                            uploads=tmp_path / "uploads", policy=relative.startswith("policies/"))
    if status == "accepted":
        assert result.accepted, result.reason
        assert (box / relative).read_bytes() == (BAD / relative).read_bytes()
    else:
        assert not result.accepted
        assert result.reason == reason
        assert not box.exists() or not any(box.rglob("*"))
    assert not any((tmp_path / "uploads").rglob("*"))  # staging is cleaned up either way


def test_the_fixtures_cover_rejections_of_each_kind(tmp_path):
    verdicts = {r: _inbox_verdict(tmp_path / r.replace("/", "_"), r)[0] for r in FIXTURES}
    assert {"corrupt.xlsx", "empty.csv", "semicolon_delimiter.csv", "bulletin_no_figures.txt",
            "policies/empty_policy.txt", "~$good_figures.xlsx"} <= {r for r, s in verdicts.items() if s != "accepted"}


def test_too_large_and_wrong_type_are_refused(tmp_path, monkeypatch):
    box, staging = tmp_path / "inbox", tmp_path / "uploads"
    big = upload.receive(b"x" * (upload.MAX_BYTES + 1), "big.csv", inbox_dir=box, uploads=staging)
    assert not big.accepted and f"超过上传上限 {upload.MAX_MB} MB" in big.reason
    json = upload.receive(b"{}", "figures.json", inbox_dir=box, uploads=staging)
    assert not json.accepted and json.reason == reasons.unsupported_type("figures.json", ".json")
    none = upload.receive(b"a", "README", inbox_dir=box, uploads=staging)
    assert not none.accepted and "无扩展名" in none.reason
    assert not box.exists()


@pytest.mark.parametrize("sent, safe", [
    ("../../etc/passwd.csv", "passwd.csv"),
    ("C:\\Users\\张三\\桌面\\宿州 2024.csv", "宿州 2024.csv"),
    (".hidden.csv", "hidden.csv"),
    ("...csv", "csv"),
    ("a..b.csv", "a.b.csv"),
    ("bad\x00name\n.csv", "bad_name_.csv"),
    ("what?:*.csv", "what___.csv"),
    ("..", ""),
    ("/", ""),
])
def test_names_are_sanitised(sent, safe):
    assert upload.sanitise_name(sent) == safe


def test_a_long_name_is_bounded_like_the_inbox_bounds_it():
    long = "统计" * 100 + ".csv"
    safe = upload.sanitise_name(long)
    assert len(safe.encode()) <= upload.MAX_NAME_BYTES and safe.endswith(".csv") and "/" not in safe
    assert safe == inbox._bounded(long)


def test_a_good_file_lands_in_the_inbox_and_a_policy_in_policies(tmp_path):
    box = tmp_path / "inbox"
    table = upload.receive((BAD / "utf8_bom.csv").read_bytes(), "../x/宿州.csv", inbox_dir=box, uploads=tmp_path / "u")
    assert table.accepted and table.kind == "figures" and (box / "宿州.csv").is_file()
    assert "byte-order mark" in table.note and not table.correction_of
    policy = upload.receive((BAD / "policies" / "gbk_policy.txt").read_bytes(), "p.txt", inbox_dir=box,
                            uploads=tmp_path / "u", policy=True)
    assert policy.accepted and policy.kind == "policy_text" and (box / "policies" / "p.txt").is_file()
    report = upload.receive((BAD / "bulletin_suzhou_2024.txt").read_bytes(), "b.txt", inbox_dir=box, uploads=tmp_path / "u")
    assert report.accepted and report.kind == "bulletin_text" and (box / "b.txt").is_file()
    assert sorted(inbox.waiting(box)) == ["b.txt", "policies/p.txt", "宿州.csv"]  # what the sensor sees


def test_a_processed_name_is_a_correction_and_a_waiting_name_is_refused(tmp_path):
    box = tmp_path / "inbox"
    (box / "processed").mkdir(parents=True)
    (box / "processed" / "宿州~v2.csv").write_bytes((BAD / "gbk_encoded.csv").read_bytes())
    (box / "processed" / "old.csv").write_bytes((BAD / "utf8_bom.csv").read_bytes())
    first = upload.receive((BAD / "utf8_bom.csv").read_bytes(), "宿州.csv", inbox_dir=box, uploads=tmp_path / "u")
    assert first.accepted and first.correction_of == "inbox/宿州.csv" and "更正" in first.message
    assert first.duplicate_of == "inbox/old.csv"
    again = upload.receive((BAD / "gbk_encoded.csv").read_bytes(), "宿州.csv", inbox_dir=box, uploads=tmp_path / "u")
    assert not again.accepted and "已有同名文件" in again.reason
    assert (box / "宿州.csv").read_bytes() == (BAD / "utf8_bom.csv").read_bytes()  # never replaced


def test_placement_is_atomic_and_never_replaces(tmp_path, monkeypatch):
    staged = tmp_path / "staged.csv"
    staged.write_bytes(b"region\n" * 1000)
    target = tmp_path / "inbox" / "x.csv"
    upload.place(staged, target)
    assert target.read_bytes() == staged.read_bytes()
    with pytest.raises(FileExistsError):
        upload.place(staged, target)

    # across filesystems: copied under a hidden name (which the inbox skips), then linked whole
    real_link, seen = os.link, []

    def cross_device_link(src, dst, *args, **kwargs):
        if Path(src) == staged:
            raise OSError(18, "Invalid cross-device link")  # EXDEV
        seen.append((Path(src).name, inbox.waiting(target.parent)))
        return real_link(src, dst, *args, **kwargs)

    monkeypatch.setattr(upload.os, "link", cross_device_link)
    other = target.with_name("y.csv")
    upload.place(staged, other)
    (hidden, listing), = seen
    assert hidden.startswith(".upload-") and "y.csv" not in listing and hidden not in listing
    assert other.read_bytes() == staged.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["x.csv", "y.csv"]


def test_concurrent_uploads_of_one_name_place_exactly_one(tmp_path):
    box, data = tmp_path / "inbox", (BAD / "utf8_bom.csv").read_bytes()
    results: list[upload.Upload] = []
    threads = [threading.Thread(target=lambda: results.append(
        upload.receive(data, "same.csv", inbox_dir=box, uploads=tmp_path / "u"))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.accepted for r in results) == 1
    assert [p.name for p in box.iterdir()] == ["same.csv"]
