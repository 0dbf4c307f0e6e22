"""When a build must start the incremental models over (`dbt build --full-refresh`).

The firm panel's models are incremental (dbt_project/macros/partitions.sql): a run recomputes
only the partitions whose inputs changed. A change to the code that shapes those rows (the dbt
project, or how the inbox reads a file) changes rows that no input change flags, so the first
build after such a change rebuilds them whole. The code's fingerprint is kept beside the build
database after every build that passed; a missing or different fingerprint means a full refresh.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from .settings import DBT_PROJECT_DIR, PROJECT_ROOT

# what decides the rows of an incremental model, besides its inputs
SHAPING_CODE = (DBT_PROJECT_DIR / "dbt_project.yml", DBT_PROJECT_DIR / "models", DBT_PROJECT_DIR / "macros",
                PROJECT_ROOT / "orchestration" / "ingest")


def code_fingerprint(paths: tuple[Path, ...] = SHAPING_CODE) -> str:
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(PROJECT_ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprint_file(build_database: Path) -> Path:
    return build_database.with_name(build_database.name + ".code-fingerprint")


def full_refresh_args(build_database: Path) -> list[str]:
    """`--full-refresh` when the build database was last built by other code (or never)."""
    recorded = fingerprint_file(build_database)
    same = recorded.is_file() and recorded.read_text(encoding="utf-8").strip() == code_fingerprint()
    return [] if same else ["--full-refresh"]


def record_build(build_database: Path) -> None:
    """After a build that passed: its incremental models hold what this code gives."""
    fingerprint_file(build_database).write_text(code_fingerprint() + "\n", encoding="utf-8")
