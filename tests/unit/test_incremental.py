"""The firm panel's incremental models start over after a code change (orchestration.incremental)."""

from __future__ import annotations

from orchestration import incremental


def test_a_build_by_other_code_or_none_is_refreshed_whole(tmp_path):
    build = tmp_path / "warehouse.duckdb"
    assert incremental.full_refresh_args(build) == ["--full-refresh"]  # never built
    incremental.record_build(build)
    assert incremental.full_refresh_args(build) == []
    incremental.fingerprint_file(build).write_text("built by other code\n", encoding="utf-8")
    assert incremental.full_refresh_args(build) == ["--full-refresh"]


def test_the_fingerprint_follows_the_code(tmp_path, monkeypatch):
    code = tmp_path / "models"
    code.mkdir()
    (code / "a.sql").write_text("select 1", encoding="utf-8")
    monkeypatch.setattr(incremental, "PROJECT_ROOT", tmp_path)
    before = incremental.code_fingerprint((code,))
    assert incremental.code_fingerprint((code,)) == before
    (code / "a.sql").write_text("select 2", encoding="utf-8")
    assert incremental.code_fingerprint((code,)) != before
