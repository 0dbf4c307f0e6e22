"""Dagster's SQLite event log, keeping its connections open (configured in the dagster.yaml `kpi` writes).

Dagster's own SqliteEventLogStorage opens a new SQLAlchemy engine and SQLite connection for every
write and closes it after: a build of this project writes ~1,300 events (a materialization or a
check evaluation, planned and done, for each of 54 models, 312 dbt tests and 15 GX suites), each
into the run's database and, for asset and check events, the index database too, and each close
of a WAL database's last connection checkpoints it to disk. That was most of `kpi run`'s time
beside dbt. This storage is the same class with the same files and schema (the UI, the daemon and
`dagster` commands read them as before); it only holds one engine per database (the index and the
few latest runs) and writes with `synchronous=NORMAL`, SQLite's setting for WAL databases: a
committed event survives a crash of the process, and only a power loss may lose the last ones
(they are a log of the build; the published warehouse is fsynced by the publish itself).
"""

from __future__ import annotations

import contextlib
import os
from collections import OrderedDict
from collections.abc import Iterator

import sqlalchemy as db
from dagster import StringSource
from dagster._core.storage.event_log import SqliteEventLogStorage
from dagster._core.storage.event_log.sqlite.sqlite_event_log import INDEX_SHARD_NAME
from dagster._core.storage.sqlite import SQLITE_BUSY_TIMEOUT_SECONDS

HELD_RUN_DATABASES = 4  # besides the index: a long-running daemon sees many runs


class HeldSqliteEventLogStorage(SqliteEventLogStorage):
    """SqliteEventLogStorage under `<dagster_home>/history/runs`, with its connections held."""

    def __init__(self, base_dir: str, inst_data=None):
        self._engines: OrderedDict[str, db.engine.Engine] = OrderedDict()
        self._tables_present: set[str] = set()
        super().__init__(base_dir, inst_data=inst_data)

    def has_table(self, table_name: str) -> bool:
        """Dagster asks before every asset check event whether the index has its table, each time
        on a new SQLAlchemy engine and connection (~865 times a build, ~1 s). A table, once there,
        stays (migrations add tables; only a wipe removes them): a yes is remembered, a no is not."""
        if table_name in self._tables_present:
            return True
        present = super().has_table(table_name)
        if present:
            self._tables_present.add(table_name)
        return present

    @classmethod
    def config_type(cls):
        return {"dagster_home": StringSource}

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        return cls(os.path.join(config_value["dagster_home"], "history", "runs"), inst_data=inst_data)

    def _engine(self, shard: str) -> db.engine.Engine:
        engine = self._engines.pop(shard, None)
        if engine is None:
            engine = db.create_engine(self.conn_string_for_shard(shard), pool_size=1, max_overflow=0,
                                      connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS, "check_same_thread": False})
            db.event.listen(engine, "connect", _write_without_fsync_per_commit)
        self._engines[shard] = engine  # most recently used last
        runs = [name for name in self._engines if name != INDEX_SHARD_NAME]
        for old in runs[:-HELD_RUN_DATABASES]:
            self._engines.pop(old).dispose()
        return engine

    @contextlib.contextmanager
    def _connect(self, shard: str) -> Iterator[db.engine.Connection]:
        with self._db_lock:
            if shard not in self._initialized_dbs:  # as Dagster does it, on a throwaway engine
                first = db.create_engine(self.conn_string_for_shard(shard), poolclass=db.pool.NullPool,
                                         connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS})
                self._initdb(first)
                first.dispose()
                self._initialized_dbs.add(shard)
            engine = self._engine(shard)
            with engine.connect() as conn:
                with conn.begin():
                    yield conn

    def wipe(self) -> None:
        self._dispose_engines()
        self._tables_present.clear()
        super().wipe()

    def dispose(self) -> None:
        self._dispose_engines()
        super().dispose()

    def _dispose_engines(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()


def _write_without_fsync_per_commit(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
