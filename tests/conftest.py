"""Shared fixtures: one real pipeline run per test session on a temporary warehouse."""

from __future__ import annotations

import pytest

from pipeline_support import Pipeline


@pytest.fixture(scope="session")
def seed_pipeline(tmp_path_factory) -> Pipeline:
    """The warehouse built from the shipped seeds only (read-only for tests: do not mutate)."""
    from orchestration import audit

    pipeline = Pipeline(tmp_path_factory.mktemp("seed_pipeline"))
    # an office's location has an audit trail before its first build: the build copies it into meta
    audit.record(pipeline.root / "audit" / "audit_log.jsonl", "cli:test", "user_added", subject="admin", detail="office")
    pipeline.run("run")
    return pipeline


@pytest.fixture
def fresh_pipeline(tmp_path) -> Pipeline:
    """An empty location for tests that drop files in the inbox and rebuild."""
    return Pipeline(tmp_path)
