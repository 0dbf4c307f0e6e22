"""Shared fixtures: one real pipeline run per test session on a temporary warehouse."""

from __future__ import annotations

import pytest
from filelock import FileLock

from pipeline_support import Pipeline


@pytest.fixture(scope="session")
def seed_pipeline(tmp_path_factory, worker_id) -> Pipeline:
    """The warehouse built from the shipped seeds only (read-only for tests: do not mutate).

    Built once per session: under pytest-xdist the first worker to get here builds it in the
    session's shared temporary folder and the others wait on the lock, then read the same one."""
    from orchestration import audit

    if worker_id == "master":  # not distributed: this session's own folder
        pipeline = Pipeline(tmp_path_factory.mktemp("seed_pipeline"))
    else:  # the parent of the workers' folders belongs to this session alone
        pipeline = Pipeline(tmp_path_factory.getbasetemp().parent / "seed_pipeline")
    with FileLock(f"{pipeline.root}.lock"):
        done = pipeline.root.with_name(f"{pipeline.root.name}.stdout")  # beside it: the location's own files are checked
        if not done.exists():
            # an office's location has an audit trail before its first build: the build copies it into meta
            audit.record(pipeline.root / "audit" / "audit_log.jsonl", "cli:test", "user_added", subject="admin", detail="office")
            pipeline.run("run")
            done.write_text(pipeline.output, encoding="utf-8")
        pipeline.output = done.read_text(encoding="utf-8")
    return pipeline


@pytest.fixture
def fresh_pipeline(tmp_path) -> Pipeline:
    """An empty location for tests that drop files in the inbox and rebuild."""
    return Pipeline(tmp_path)


def pytest_collection_modifyitems(items) -> None:
    """The pipeline tests first, the quick unit tests last: pytest-xdist hands out files in this
    order (`--no-loadscope-reorder`; by default it orders files by their number of tests), so the
    workers end together instead of one waiting on the last pipeline run."""
    first = {"integration": 0, "spark": 0, "app": 1}
    items.sort(key=lambda item: first.get(item.path.parent.name, 2))  # stable: a file's tests stay in order
