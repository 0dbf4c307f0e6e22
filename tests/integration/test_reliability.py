"""Reliability: readers never see half a publish, a killed run changes nothing, one writer."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

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


def session_commands(session: int) -> list[str]:
    """Command lines of the processes in `session` (the run leads its own), read from /proc."""
    commands = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()  # state ppid pgrp session …
            if int(fields[3]) == session:
                commands.append((proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except (OSError, IndexError):  # a process that ended while we looked
            continue
    return commands


def wait_for_child(run: subprocess.Popen, command: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while not any(command in line for line in session_commands(run.pid)):
        assert run.poll() is None and time.monotonic() < deadline, f"the run never started {command}"
        time.sleep(0.2)


@pytest.fixture(scope="module")
def reliability(seed_pipeline, tmp_path_factory) -> dict:
    """One location through the whole ordeal, watched by a reader querying in a loop: a run killed
    (-9) at start-up, another killed while dbt builds, then a run that succeeds while a second
    writer tries to start. What each step saw is recorded for the tests below (one shared
    sequence: each full run costs half a minute)."""
    import json

    pipeline = Pipeline.copy_of(seed_pipeline, tmp_path_factory.mktemp("reliability"))  # a location with a publish
    seen = {"before": pipeline.mart_checksums(), "published_at": pipeline.warehouse.stat().st_mtime_ns, "killed": {}}
    stop = pipeline.root / "stop-reader"
    reader = subprocess.Popen([sys.executable, "-c", READER, str(pipeline.warehouse), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        for moment in ("start-up", "dbt build"):
            run = start_run(pipeline)
            if moment == "start-up":
                time.sleep(4.0)  # any moment before the build will do
            else:  # dbt is building the marts (its process is up, and it has had time to write some)
                wait_for_child(run, "kpi-dbt build")
                time.sleep(3.0)
            running = run.poll() is None
            os.killpg(run.pid, signal.SIGKILL)
            run.wait(timeout=30)
            seen["killed"][moment] = {
                "was_running": running,
                "published_at": pipeline.warehouse.stat().st_mtime_ns,
                "marts": pipeline.mart_checksums(),
                "critical_failures": pipeline.scalar(
                    "select critical_check_failures from meta.publish_log order by published_at desc limit 1"),
            }
        # the next run succeeds (the kernel released the lock, DuckDB replays its WAL), and while it
        # builds, a second writer is refused with a clear message and changes nothing
        first = start_run(pipeline)
        try:
            deadline = time.monotonic() + 60
            lock = pipeline.root / ".build" / "warehouse.lock"  # a killed run's pid is still written in it
            while time.monotonic() < deadline and not lock.read_text().startswith(f"pid {first.pid} "):
                time.sleep(0.2)
            seen["second"] = pipeline.run("run", check=False)
        finally:
            seen["first_out"], seen["first_err"] = first.communicate(timeout=600)
        seen["first_rc"] = first.returncode
        seen["after"] = pipeline.mart_checksums()
    finally:
        stop.touch()
        seen["reader"] = json.loads(reader.communicate(timeout=60)[0])
    return seen


@pytest.mark.parametrize("moment", ["start-up", "dbt build"])
def test_kill_9_mid_build_leaves_the_published_warehouse_intact(reliability, moment):
    killed = reliability["killed"][moment]
    assert killed["was_running"], f"the run finished before it could be killed during {moment}"
    assert killed["published_at"] == reliability["published_at"]
    assert killed["marts"] == reliability["before"]
    assert killed["critical_failures"] == 0


def test_a_second_writer_is_refused_while_a_run_builds(reliability):
    assert reliability["second"].returncode == 2
    assert "another pipeline run is building the warehouse" in reliability["second"].stderr


def test_the_run_after_the_kills_publishes_the_same_marts(reliability):
    assert reliability["first_rc"] == 0, reliability["first_err"]
    assert reliability["after"] == reliability["before"]


def test_a_reader_querying_in_a_loop_sees_only_complete_publishes(reliability):
    report = reliability["reader"]
    assert report["errors"] == []
    assert report["reads"] > 20
    assert len(report["runs"]) >= 2, "the reader should have seen at least two publishes"
