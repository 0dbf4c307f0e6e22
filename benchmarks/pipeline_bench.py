"""Pipeline speed and memory: `kpi run` on the seeds into a temporary warehouse.

Prints wall time and peak memory (largest child process RSS) per run, the time dbt reports for
`dbt build`, and the published file's size. Run: `python benchmarks/pipeline_bench.py [--runs 3]`.
Numbers, not assertions: the machine's load changes them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(workdir: Path) -> tuple[float, float, float | None]:
    env = {**os.environ, "KPI_WAREHOUSE": str(workdir / "warehouse.duckdb"), "KPI_INBOX": str(workdir / "inbox"),
           "DAGSTER_HOME": str(workdir / "dagster")}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "orchestration.cli", "run"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"kpi run failed:\n{result.stderr[-2000:]}")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    dbt = re.search(r"Finished running .* in .*?\(([\d.]+)s\)", result.stdout + result.stderr)
    return wall, peak_mib, float(dbt.group(1)) if dbt else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        workdir = Path(tmp)
        walls, dbts = [], []
        for n in range(1, args.runs + 1):
            wall, peak, dbt = one_run(workdir)
            walls.append(wall)
            if dbt:
                dbts.append(dbt)
            print(f"run {n}: kpi run {wall:6.1f} s  dbt build {dbt or float('nan'):5.1f} s  "
                  f"peak child RSS {peak:6.0f} MiB")
        size = (workdir / "warehouse.duckdb").stat().st_size / 2**20
        print(f"median kpi run {statistics.median(walls):.1f} s; median dbt build "
              f"{statistics.median(dbts) if dbts else float('nan'):.1f} s; published file {size:.1f} MiB")


if __name__ == "__main__":
    main()
