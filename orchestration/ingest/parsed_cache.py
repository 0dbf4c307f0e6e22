"""Parsed inputs cached by content hash, so the history in processed/ is read once, not every build.

A table's rows are kept as Parquet (every column VARCHAR, exactly as the reader returned them)
beside a small JSON of what the reader found (kind, note, blank rows); a text's JSON holds only
the reader's verdict. The key is the file's sha256 and READER_VERSION: a change in how files are
read bumps the version, and every file is read again once. A damaged cache entry is read again,
never trusted. The cache sits beside the build database and can be deleted at any time.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

READER_VERSION = "5"  # bump whenever readers.py or the contracts change what a file reads as
ROW_COLUMNS = ["_line", "_sheet", "_parse_error"]


@dataclass(frozen=True)
class ParsedCache:
    folder: Path

    def _stem(self, sha256: str) -> Path:
        return self.folder / f"{sha256}-r{READER_VERSION}"

    def rows_path(self, sha256: str) -> Path:
        return self._stem(sha256).with_suffix(".parquet")

    def get(self, sha256: str) -> dict | None:
        """What the reader found in this content, or None if it has not been read (or the entry is damaged)."""
        meta_path = self._stem(sha256).with_suffix(".json")
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if meta.get("rows") is not None and not self.rows_path(sha256).is_file():
            return None
        return meta

    def put(self, sha256: str, meta: dict, rows: list[dict[str, str]] | None = None,
            columns: list[str] | None = None) -> None:
        """Store the reader's result; rows (tables only) go to Parquet, written whole then renamed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        if rows is not None:
            _write_parquet(self.rows_path(sha256), rows, (columns or []) + ROW_COLUMNS)
            meta = {**meta, "rows": len(rows)}
        target = self._stem(sha256).with_suffix(".json")
        partial = target.with_suffix(f".json.{os.getpid()}.tmp")
        partial.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)


def _write_parquet(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    import duckdb
    import pandas as pd

    frame = pd.DataFrame([[row.get(c, "") for c in columns] for row in rows], columns=columns, dtype="string")
    partial = path.with_suffix(f".parquet.{os.getpid()}.tmp")
    with duckdb.connect() as con:
        con.register("parsed_rows", frame)
        con.execute(f"copy (select * from parsed_rows) to '{_sql_path(partial)}' (format parquet)")
    os.replace(partial, path)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
