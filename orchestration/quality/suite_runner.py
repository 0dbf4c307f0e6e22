"""Where the Great Expectations suites run: in this process, or in a child process started early.

Importing Great Expectations costs ~3-4 s here (its core expectations pull in scipy.stats,
altair and, where it is installed, pyspark), more than validating every suite of a build. In
one process that import sits on the build's critical path, in the first check step. `kpi run`
starts a `ChildSuiteRunner` before it imports Dagster: the child imports GX and builds its
context on the other core while this process imports Dagster and loads the raw tables, and the
check steps then only send it DataFrames. What runs is the same either way: the same suites,
the same `validate` and `write_data_docs` (orchestration.quality.suites), the same outcomes.

This module imports neither GX nor pandas at the top, so the child can be started first.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .suites import Suite, SuiteOutcome


class SuiteRunner:
    """Validates in this process (Dagster's own runs: `dagster dev`, the daemon, tests)."""

    def validate(self, suite: Suite, frame: pd.DataFrame, parameters: dict[str, Any] | None = None) -> SuiteOutcome:
        from .suites import validate

        return validate(suite, frame, parameters)

    def write_data_docs(self, docs_dir: Path, outcomes: list[SuiteOutcome]) -> None:
        from .suites import write_data_docs

        write_data_docs(docs_dir, outcomes)

    def close(self) -> None:
        pass


class ChildSuiteRunner(SuiteRunner):
    """Validates in one child process, started (and warming up) as soon as this is built.

    The child keeps what GX needs to render a suite's Data Docs (its context, the stored
    validation results); the outcomes it returns are plain data (suites._plain), without them."""

    def __init__(self) -> None:
        # spawn, not fork: the parent may already hold threads (Dagster's, SQLite's)
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_warm_up)
        self._pool.submit(int)  # starts the child now

    def validate(self, suite: Suite, frame: pd.DataFrame, parameters: dict[str, Any] | None = None) -> SuiteOutcome:
        return self._pool.submit(_validate_in_child, suite, frame, parameters).result()

    def write_data_docs(self, docs_dir: Path, outcomes: list[SuiteOutcome]) -> None:
        self._pool.submit(_write_data_docs_in_child, docs_dir, [outcome.suite for outcome in outcomes]).result()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


# --- in the child -------------------------------------------------------------------------------

_OUTCOMES: dict[str, Any] = {}  # suite name -> its latest outcome, with what to render


def _warm_up() -> None:
    from . import suites

    suites._context()  # imports GX and builds the one context of the process


def _validate_in_child(suite: Suite, frame: pd.DataFrame, parameters: dict[str, Any] | None) -> SuiteOutcome:
    import dataclasses

    from .suites import validate

    outcome = validate(suite, frame, parameters)
    _OUTCOMES[suite.name] = outcome
    return dataclasses.replace(outcome, docs_resources=[])  # GX identifiers stay here


def _write_data_docs_in_child(docs_dir: Path, suite_names: list[str]) -> None:
    from .suites import write_data_docs

    write_data_docs(docs_dir, [_OUTCOMES[name] for name in suite_names])
