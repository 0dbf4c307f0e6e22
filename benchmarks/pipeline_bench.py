"""Pipeline speed and memory: `kpi run` on the seeds against the bare `dbt build` of the same models.

Each round, in one temporary location:
  1. `kpi run` (the whole Dagster job: raw loading, document reading, GX checks, dbt build, publish);
  2. the bare `dbt build` of the same project, as a person types it, against a copy of that build
     database (raw tables as the run loaded them), with its own target folder.
Both are wall times of a fresh process, and both are warm after the first round (dbt's partial
parse file of the location exists; the bare build keeps its own). The summary line is

    kpi_run_s=<median> dbt_build_s=<median> ratio=<kpi_run_s / dbt_build_s>

with the medians of the rounds, and the overhead (kpi run minus dbt build) split by Dagster step
from the run's event log. Numbers, not assertions: the machine's load changes them, so compare
the ratio of one invocation. Run: `python benchmarks/pipeline_bench.py [--runs 3]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from orchestration.settings import DBT_BUILD_ARGS  # noqa: E402  (light: no Dagster, no dbt)

DBT_PROJECT_DIR = ROOT / "dbt_project"
EVALUATION_DATE = "2024-06-30"  # the tests' date: statuses reproducible


def _env(workdir: Path) -> dict[str, str]:
    return {**os.environ, "KPI_WAREHOUSE": str(workdir / "warehouse.duckdb"), "KPI_INBOX": str(workdir / "inbox"),
            "DAGSTER_HOME": str(workdir / "dagster"), "KPI_EVALUATION_DATE": EVALUATION_DATE,
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def _dbt_seconds(output: str) -> float | None:
    found = re.findall(r"Finished running .* in .*?\(([\d.]+)s\)", output)
    return float(found[-1]) if found else None


def kpi_run(workdir: Path) -> tuple[float, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "orchestration.cli", "run", "--log-level", "WARNING"], cwd=ROOT,
                            env=_env(workdir), capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"kpi run failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bare_dbt_build(workdir: Path) -> tuple[float, float | None]:
    """`dbt build` of the whole project against a copy of the run's build database."""
    bare = workdir / "bare"
    bare.mkdir(exist_ok=True)
    database = bare / "warehouse.duckdb"  # same basename: the catalog is named after the file
    shutil.copyfile(workdir / ".build" / "warehouse.duckdb", database)
    # the profile attaches the firm-level build file too: a copy of the run's, or dbt opens data/'s
    firm_database = bare / "warehouse.firm.duckdb"
    shutil.copyfile(workdir / ".build" / "warehouse.firm.duckdb", firm_database)
    env = {**_env(workdir), "KPI_BUILD_DATABASE": str(database), "KPI_FIRM_BUILD_DATABASE": str(firm_database)}
    dbt = Path(sys.executable).with_name("dbt")
    started = time.perf_counter()
    result = subprocess.run([str(dbt), "build", *DBT_BUILD_ARGS, "--target-path", str(bare / "target"), "--log-path", str(bare / "logs")],
                            cwd=DBT_PROJECT_DIR, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"bare dbt build failed:\n{result.stdout[-3000:]}")
    database.unlink()
    firm_database.unlink()
    return wall, _dbt_seconds(result.stdout)


def step_seconds(workdir: Path) -> dict[str, float]:
    """Wall time of each step of the latest run, from Dagster's event log (in-process executor)."""
    runs = sorted((workdir / "dagster" / "history" / "runs").glob("*.db"), key=lambda p: p.stat().st_mtime)
    runs = [r for r in runs if r.name != "index.db"]
    if not runs:
        return {}
    with sqlite3.connect(runs[-1]) as con:
        rows = con.execute("select event from event_logs order by id").fetchall()
    first = last = None
    starts, spans = {}, {}
    for (raw,) in rows:
        event = json.loads(raw)
        stamp = float(event["timestamp"])
        first = stamp if first is None else first
        last = stamp
        dagster_event = event.get("dagster_event") or {}
        kind, step = dagster_event.get("event_type_value"), dagster_event.get("step_key")
        if kind == "STEP_START":
            starts[step] = stamp
        elif kind in ("STEP_SUCCESS", "STEP_FAILURE") and step in starts:
            spans[step] = stamp - starts[step]
    groups = {"gx checks": 0.0, "raw loading": 0.0}
    for step, seconds in spans.items():
        if "gx_" in step:  # gx_input_suites, gx_reading_suites (earlier builds: one step per suite)
            groups["gx checks"] += seconds
        elif step.startswith("raw") and step != "raw_document_readings":
            groups["raw loading"] += seconds
        else:
            groups[step] = seconds
    groups["run (first to last event)"] = (last or 0) - (first or 0)
    return groups


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}; {os.cpu_count()} cores; load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        workdir = Path(tmp)
        kpi_walls, dbt_walls, dbt_own, steps = [], [], [], []
        for n in range(1, args.runs + 1):
            wall, peak = kpi_run(workdir)
            steps.append(step_seconds(workdir))
            dbt_wall, dbt_reported = bare_dbt_build(workdir)
            kpi_walls.append(wall)
            dbt_walls.append(dbt_wall)
            if dbt_reported:
                dbt_own.append(dbt_reported)
            print(f"round {n}: kpi run {wall:6.1f} s (peak child RSS {peak:5.0f} MiB); bare dbt build {dbt_wall:5.1f} s "
                  f"(dbt reports {dbt_reported or float('nan'):.1f} s); ratio {wall / dbt_wall:.2f}")
        size = (workdir / "warehouse.duckdb").stat().st_size / 2**20
        print("kpi run by step (median s): " + ", ".join(
            f"{name} {statistics.median(s.get(name, 0.0) for s in steps):.1f}" for name in steps[-1]))
        print(f"published file {size:.1f} MiB; dbt's own build time (median) "
              f"{statistics.median(dbt_own) if dbt_own else float('nan'):.1f} s")
        kpi_s, dbt_s = statistics.median(kpi_walls), statistics.median(dbt_walls)
        print(f"kpi_run_s={kpi_s:.1f} dbt_build_s={dbt_s:.1f} ratio={kpi_s / dbt_s:.2f}")


if __name__ == "__main__":
    main()
