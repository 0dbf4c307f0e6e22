"""Reliability: readers never see half a publish, a killed run changes nothing, one writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from pipeline_support import PROJECT_ROOT, Pipeline

pytestmark = pytest.mark.slow

READER = textwrap.dedent("""
    import json, sys, time, duckdb
    path, stop = sys.argv[1], sys.argv[2]
    import os
    reads, errors, runs = 0, [], set()
    while not os.path.exists(stop):
        try:
            with duckdb.connect(path, read_only=True) as con:
                run_id = con.execute("select run_id from meta.publish_log order by published_at desc limit 1").fetchone()[0]
                expected = dict(con.execute("select table_name, rows from meta.row_counts where table_name like 'marts.%'").fetchall())
                for table, rows in expected.items():
                    actual = con.execute(f"select count(*) from {table}").fetchone()[0]
                    if actual != rows:
                        errors.append(f"{table}: {actual} rows, publish recorded {rows}")
            runs.add(run_id)
            reads += 1
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
        time.sleep(0.05)
    print(json.dumps({"reads": reads, "errors": errors[:20], "runs": sorted(runs)}))
""")


def start_run(pipeline: Pipeline) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "orchestration.cli", "run"], cwd=PROJECT_ROOT, env=pipeline.env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def test_a_reader_querying_in_a_loop_sees_only_complete_publishes(seed_pipeline, tmp_path):
    import json

    pipeline = Pipeline.copy_of(seed_pipeline, tmp_path)  # something published to read
    stop = pipeline.root / "stop-reader"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(pipeline.warehouse), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        pipeline.run("run")  # publishes over the warehouse while the reader has it open
    finally:
        stop.touch()
        report = json.loads(reader.communicate(timeout=60)[0])
    assert report["errors"] == []
    assert report["reads"] > 20
    assert len(report["runs"]) >= 2, "the reader should have seen at least two publishes"


def test_kill_9_mid_build_leaves_the_published_warehouse_intact(seed_pipeline, tmp_path):
    pipeline = Pipeline.copy_of(seed_pipeline, tmp_path)  # a location with a publish
    before = pipeline.mart_checksums()
    published_at = pipeline.warehouse.stat().st_mtime_ns
    for kill_after in (4.0, 11.0):  # while loading inputs / parsing dbt, and inside dbt build
        run = start_run(pipeline)
        time.sleep(kill_after)
        assert run.poll() is None, f"the run finished before it could be killed at {kill_after} s"
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=30)
        assert pipeline.warehouse.stat().st_mtime_ns == published_at
        assert pipeline.mart_checksums() == before
        assert pipeline.scalar(
            "select critical_check_failures from meta.publish_log order by published_at desc limit 1") == 0
    pipeline.run("run")  # the next run succeeds: the kernel released the lock, DuckDB replays its WAL
    assert pipeline.mart_checksums() == before


def test_a_second_writer_is_refused_with_a_clear_message(fresh_pipeline):
    first = start_run(fresh_pipeline)
    try:
        deadline = time.monotonic() + 60
        lock = fresh_pipeline.root / ".build" / "warehouse.lock"
        while time.monotonic() < deadline and not (lock.exists() and lock.read_text().startswith("pid")):
            time.sleep(0.2)
        second = fresh_pipeline.run("run", check=False)
        assert second.returncode == 2
        assert "another pipeline run is building the warehouse" in second.stderr
    finally:
        out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
