"""The build database and the published warehouse.

Every run writes into the build database; the published file is only ever replaced whole,
by copying a checked build next to it and renaming it into place (`os.replace` is atomic on
one filesystem). Readers hold the old file open and keep reading it; new readers see the new
one. A crash at any moment leaves the published file as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd


class WarehouseBusy(RuntimeError):
    """Another run holds the build lock."""


@contextlib.contextmanager
def build_lock(build_database: Path) -> Iterator[Path]:
    """One writer at a time: an exclusive, non-blocking lock beside the build database.

    The lock is released by the kernel when the process dies, so a killed run never leaves a
    stale lock behind.
    """
    lock_path = build_database.with_suffix(".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise WarehouseBusy(
                f"another pipeline run is building the warehouse ({holder}); "
                "wait for it to finish, then run again"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        handle.flush()
        try:
            yield lock_path
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)


def connect_build(build_database: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    build_database.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(build_database), read_only=read_only)


def connect_published(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A short-lived read-only connection to the published warehouse (for tests and tools)."""
    return duckdb.connect(str(warehouse), read_only=True)


def replace_table(con: duckdb.DuckDBPyConnection, schema: str, table: str,
                  columns: list[str], rows: list[dict[str, object]]) -> int:
    """Create `schema.table` with all-VARCHAR `columns` and the given rows (raw layer)."""
    con.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
    ddl = ", ".join(f'"{c}" VARCHAR' for c in columns)
    con.execute(f'CREATE OR REPLACE TABLE "{schema}"."{table}" ({ddl})')
    if rows:
        frame = pd.DataFrame([{c: _text(r.get(c)) for c in columns} for r in rows], columns=columns)
        con.register("incoming_rows", frame)
        try:
            con.execute(f'INSERT INTO "{schema}"."{table}" SELECT * FROM incoming_rows')
        finally:
            con.unregister("incoming_rows")
    return len(rows)


def replace_table_from_parquet(con: duckdb.DuckDBPyConnection, schema: str, table: str, columns: list[str],
                               sources: list[tuple[Path, dict[str, str]]]) -> int:
    """Create `schema.table` (all VARCHAR) from Parquet files of parsed rows, each with constants
    for the columns every one of its rows shares. A column is taken from the file by its name, or
    by `_<name>` (the reader's own columns: `_line`, `_sheet`, `_parse_error`); else it is NULL."""
    replace_table(con, schema, table, columns, [])
    for path, constants in sources:
        present = {row[0] for row in con.execute("select name from parquet_schema(?)", [str(path)]).fetchall()}
        select, params = [], []
        for column in columns:
            if column in constants:
                select.append("?::varchar")
                params.append(constants[column])
            elif column in present or f"_{column}" in present:
                select.append('"{}"::varchar'.format(column if column in present else f"_{column}"))
            else:
                select.append("null::varchar")
        con.execute(f'insert into "{schema}"."{table}" select {", ".join(select)} from read_parquet(?)',
                    [*params, str(path)])
    return con.execute(f'select count(*) from "{schema}"."{table}"').fetchone()[0]


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def publish(build: Path, published: Path, *, private: bool = False) -> Path:
    """Copy the checked build next to the published file, then atomically rename it into place.
    A private file (the firm-level database) is readable by its owner only (mode 0600)."""
    with duckdb.connect(str(build)) as con:
        con.execute("CHECKPOINT")
    published.parent.mkdir(parents=True, exist_ok=True)
    for leftover in published.parent.glob(f".{published.name}.*.tmp"):
        leftover.unlink(missing_ok=True)  # from a run killed mid-copy; we hold the build lock
    staging = published.with_name(f".{published.name}.{os.getpid()}.tmp")
    try:
        shutil.copyfile(build, staging)
        if private:
            os.chmod(staging, 0o600)
        with open(staging, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(staging, published)
    finally:
        staging.unlink(missing_ok=True)
    directory = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    return published
