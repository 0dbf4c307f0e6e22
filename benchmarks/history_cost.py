"""The cost of history: a build with a 200,000-row figures file already in processed/, against a
build of the seeds alone. The bar (issue 12) is at most 1.2x the time.

    .venv/bin/python benchmarks/history_cost.py [--rows 200000] [--keep DIR]

Each location is built twice and the second build is timed, so both are warm: what every later
build of an office with that history costs (the first build of a new file parses it once and
caches its rows by content hash). Prints wall time, peak memory of the run (RSS of `kpi run`),
the published file's size and the ratios. No assertions.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from orchestration.ingest.contracts import FIGURE_COLUMNS  # noqa: E402

REGIONS = ["泗县", "萧县", "灵璧县", "砀山县", "埇桥区", "宿州市"]
METRICS = [("above_scale_industrial_firms", "户", 300), ("tech_renovation_investment", "亿元", 80),
           ("industry_va_growth_pct", "%", 9)]


def write_history(path: Path, rows: int) -> None:
    """Figures shaped like a long monthly history: every region × metric × month, one source per row block."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIGURE_COLUMNS)
        for i in range(rows):
            metric, unit, level = METRICS[i % len(METRICS)]
            month = 1 + (i // 18) % 12
            year = 2000 + (i // 216) % 25
            period = "Y" if month == 12 else f"M01-M{month:02d}"
            writer.writerow([REGIONS[(i // 3) % len(REGIONS)], year, period, metric, round(level * (1 + (i % 97) / 1000), 2),
                             unit, "official", f"历史月报 第{i // 216}批", "https://tjj.ahsz.gov.cn/history", ""])


def run(root: Path) -> tuple[float, float]:
    env = {**os.environ, "KPI_WAREHOUSE": str(root / "warehouse.duckdb"), "KPI_INBOX": str(root / "inbox"),
           "DAGSTER_HOME": str(root / "dagster"), "KPI_EVALUATION_DATE": "2024-06-30",
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orchestration.cli", "run", "--log-level", "ERROR"], cwd=PROJECT_ROOT,
                   env=env, check=True, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024  # MB; ru_maxrss is the largest child so far


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--keep", type=Path, help="build here and keep the locations (default: a temp folder)")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="history-cost-"))
    seeds, history = base / "seeds_only", base / "with_history"
    (history / "inbox").mkdir(parents=True, exist_ok=True)
    write_history(history / "inbox" / "history.csv", args.rows)
    size_mb = (history / "inbox" / "history.csv").stat().st_size / 1e6
    results = {}
    for name, root in (("seeds only", seeds), (f"with {args.rows:,} rows in history", history)):
        first, _ = run(root)
        warm, peak = run(root)
        results[name] = (first, warm, peak, (root / "warehouse.duckdb").stat().st_size / 1e6)
        print(f"{name:<34} first build {first:6.1f} s | later build {warm:6.1f} s | peak RSS so far {peak:7.0f} MB"
              f" | warehouse {results[name][3]:6.1f} MB", flush=True)
    (_, base_warm, _, base_size), (_, hist_warm, _, hist_size) = results.values()
    print(f"history file: {args.rows:,} rows, {size_mb:.1f} MB (processed/ after the first build)")
    print(f"cost of history: later build {hist_warm / base_warm:.2f}x (bar: <= 1.2x); "
          f"warehouse {hist_size / base_size:.1f}x the size")


if __name__ == "__main__":
    main()
