"""The cost of the 月调度 round trip (issue 13 bars): `kpi forms` for every unit (<= 5 s), a build
that reads 20 returned workbooks against the same build without them (<= 1.2x), and `kpi pack`
(<= 10 s).

    .venv/bin/python benchmarks/monthly_cycle.py [--forms 20] [--keep DIR]

Builds the seeds, times `kpi forms` (the whole command, start-up included), fills the forms of the
units with the most targets (every row, as a unit would), then times a warm build with an empty
inbox and a build that reads the returned workbooks. Prints the numbers; no assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from openpyxl import load_workbook  # noqa: E402

from orchestration.office import form_layout as layout  # noqa: E402


def kpi(root: Path, *args: str) -> float:
    env = {**os.environ, "KPI_WAREHOUSE": str(root / "warehouse.duckdb"), "KPI_INBOX": str(root / "inbox"),
           "DAGSTER_HOME": str(root / "dagster"), "KPI_EVALUATION_DATE": "2024-06-30"}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "orchestration.cli", *args], cwd=PROJECT_ROOT, env=env, check=True,
                   capture_output=True, text=True)
    return time.perf_counter() - started


def fill(form: Path, out: Path) -> int:
    book = load_workbook(form)
    sheet = book[layout.SHEET]
    value, as_of = layout.HEADER.index(layout.FILL_VALUE) + 1, layout.HEADER.index(layout.FILL_AS_OF) + 1
    by = layout.HEADER.index(layout.FILL_BY) + 1
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, value).value = row
        sheet.cell(row, as_of).value = dt.datetime(2024, 5, 31)
        sheet.cell(row, by).value = "基准测试 0000-0000000"
    book.save(out)
    return sheet.max_row - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--forms", type=int, default=20, help="how many returned workbooks")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp folder)")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="monthly-cycle-"))
    (root / "inbox").mkdir(parents=True, exist_ok=True)
    first = kpi(root, "run", "--log-level", "ERROR")
    forms_time = kpi(root, "forms", "--period", "2024-05", "--out", str(root / "forms"))
    forms = sorted((root / "forms").glob("*.xlsx"), key=lambda p: -p.stat().st_size)
    print(f"kpi forms: {len(forms)} forms in {forms_time:.2f} s (bar: <= 5 s; the command with its start-up)")
    without = kpi(root, "run", "--log-level", "ERROR")
    rows = sum(fill(form, root / "inbox" / f"回执{n:02d}.xlsx") for n, form in enumerate(forms[:args.forms], start=1))
    with_forms = kpi(root, "run", "--log-level", "ERROR")
    print(f"first build {first:.1f} s; warm build without returned forms {without:.1f} s; "
          f"with {min(args.forms, len(forms))} returned workbooks ({rows} rows) {with_forms:.1f} s "
          f"= {with_forms / without:.2f}x (bar: <= 1.2x)")
    pack_time = kpi(root, "pack", "--period", "2024-05", "--out", str(root / "pack"))
    print(f"kpi pack: xlsx + PDF in {pack_time:.2f} s (bar: <= 10 s; the command with its start-up)")


if __name__ == "__main__":
    main()
