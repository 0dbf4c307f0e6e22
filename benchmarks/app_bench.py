"""Render time of every page of the Streamlit app (AppTest, headless), cold and warm cache.

    .venv/bin/python benchmarks/app_bench.py [--warehouse PATH | --build] [--repeat N]

Cold: st.cache_data cleared before the run, so every query opens the warehouse (read-only) again.
Warm: the same session re-run, queries served from the cache keyed on the file's mtime.
Prints numbers (median of N, and min/max), no assertions. Without --warehouse it reads
KPI_WAREHOUSE or data/warehouse.duckdb; --build first runs the seed pipeline into a temp folder
(evaluation date 2024-06-30, like the tests).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
APP = PROJECT_ROOT / "app" / "Home.py"
PAGES = {
    "总览 overview": "views/overview.py",
    "目标进度 targets": "views/targets.py",
    "县区赛马 race": "views/race.py",
    "指标趋势 trends": "views/trends.py",
    "数据质量 quality": "views/quality.py",
}


def build(root: Path) -> Path:
    env = {**os.environ, "KPI_WAREHOUSE": str(root / "warehouse.duckdb"), "KPI_INBOX": str(root / "inbox"),
           "DAGSTER_HOME": str(root / "dagster"), "KPI_EVALUATION_DATE": "2024-06-30"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orchestration.cli", "run"], cwd=PROJECT_ROOT, env=env, check=True,
                   capture_output=True, text=True)
    print(f"built the seed warehouse in {time.perf_counter() - started:.1f} s")
    return root / "warehouse.duckdb"


ROLE = "office"  # --role: whose session renders (a county's pages are scoped to its regions)


def render(page: str):
    """A fresh signed-in session showing `page` (the entry script runs, then the page)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.session_state["kpi_user"] = {"name": "benchmark", "role": ROLE}  # as app/auth.py signs one in
    if page != PAGES["总览 overview"]:
        at.switch_page(page)
    at.run()
    if at.exception:
        raise RuntimeError(f"{page}: {[e.value for e in at.exception]}")
    return at


def login_ms() -> float:
    from orchestration import users

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "users.json"
        users.add(path, "bench", "leader", "benchmark password")
        return timed(lambda: users.authenticate(path, Path(folder) / "audit.jsonl", "bench", "benchmark password"))


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--warehouse", type=Path)
    parser.add_argument("--build", action="store_true", help="build the seed warehouse into a temp folder first")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--role", default="office", help="office, leader or county:<region_code>")
    args = parser.parse_args()
    global ROLE
    ROLE = args.role

    tmp = tempfile.TemporaryDirectory(prefix="app_bench_") if args.build else None
    warehouse = build(Path(tmp.name)) if tmp else (
        args.warehouse or Path(os.environ.get("KPI_WAREHOUSE", PROJECT_ROOT / "data" / "warehouse.duckdb")))
    if not warehouse.exists():
        print(f"no warehouse at {warehouse}: run `kpi run`, or pass --warehouse PATH or --build", file=sys.stderr)
        return 1
    os.environ["KPI_WAREHOUSE"] = str(warehouse.resolve())

    import logging

    import streamlit as st

    first = timed(lambda: render(PAGES["总览 overview"]))  # imports of streamlit, altair, pandas, duckdb
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("streamlit")]:
        logging.getLogger(name).setLevel(logging.ERROR)  # AppTest outside a server warns on every cache use
    print(f"warehouse: {warehouse} ({warehouse.stat().st_size / 1e6:.1f} MB)")
    print(f"first render in a fresh process (imports included): {first:.0f} ms")
    print(f"a login (one bcrypt check, orchestration/users.py): {login_ms():.0f} ms; role of the sessions below: {ROLE}\n")
    print(f"{'page':<18} {'cold median':>12} {'cold min-max':>14} {'warm median':>12} {'warm min-max':>14}")
    for name, page in PAGES.items():
        cold, warm = [], []
        for _ in range(args.repeat):
            st.cache_data.clear()
            holder = {}
            cold.append(timed(lambda: holder.setdefault("at", render(page))))
            at = holder["at"]
            warm.append(timed(at.run))
        print(f"{name:<18} {statistics.median(cold):>9.0f} ms {f'{min(cold):.0f}-{max(cold):.0f} ms':>14}"
              f" {statistics.median(warm):>9.0f} ms {f'{min(warm):.0f}-{max(warm):.0f} ms':>14}")
    print(f"\n(median of {args.repeat}; cold = cache cleared, every query opens the file read-only; "
          "warm = rerun of the same session, cached per warehouse mtime)")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
