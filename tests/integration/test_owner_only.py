"""What the pipeline writes is its owner's only, and the audit trail reaches the warehouse."""

from __future__ import annotations

import stat

from orchestration import audit


def test_files_the_pipeline_writes_are_owner_only(seed_pipeline):
    written = [p for p in seed_pipeline.root.rglob("*") if not p.is_symlink()]
    assert seed_pipeline.warehouse in written
    readable = [str(p.relative_to(seed_pipeline.root)) for p in written if stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert not readable, readable[:10]


def test_the_audit_trail_is_copied_into_meta(seed_pipeline):
    events = audit.read(seed_pipeline.root / "audit" / "audit_log.jsonl")
    rows = seed_pipeline.query("select actor, action, subject, detail from meta.audit_log")
    assert events and ("cli:test", "user_added", "admin", "office") in rows
