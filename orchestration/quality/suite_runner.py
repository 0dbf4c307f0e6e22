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

import contextlib
import multiprocessing
import os
import sys
import types
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
        context = multiprocessing.get_context("spawn")
        self._conn, child_end = context.Pipe()
        self._process = context.Process(target=_serve, args=(child_end,), name="kpi-gx-suites", daemon=True)
        with _no_main_module():
            self._process.start()
        child_end.close()

    def _call(self, function: str, *args: Any) -> Any:
        try:
            self._conn.send((function, args))
            ok, value = self._conn.recv()
        except (EOFError, OSError) as exc:
            raise RuntimeError(f"the Great Expectations child process ended (exit code {self._process.exitcode})") from exc
        if not ok:
            raise RuntimeError(f"in the Great Expectations child process:\n{value}")
        return value

    def validate(self, suite: Suite, frame: pd.DataFrame, parameters: dict[str, Any] | None = None) -> SuiteOutcome:
        return self._call("validate", suite, frame, parameters)

    def write_data_docs(self, docs_dir: Path, outcomes: list[SuiteOutcome]) -> None:
        self._call("write_data_docs", docs_dir, [outcome.suite for outcome in outcomes])

    def close(self) -> None:
        """Stop the child: every call has returned, so it holds nothing unwritten; it exits at once
        when the pipe closes (_exit_at_once), else it is terminated."""
        self._conn.close()
        self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=5)


@contextlib.contextmanager
def _no_main_module():
    """Start the child without the parent's `__main__`: spawn runs that module again in the child
    (as `__mp_main__`) before the target, and the child needs nothing of it. Whatever this process
    runs as main (the `kpi` console script, `python -m orchestration.cli`, a pytest worker in
    which a Streamlit page was last run as `__main__`) must not run, or fail to import, there."""
    saved = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")  # no __spec__, no __file__: nothing to re-run
    try:
        yield
    finally:
        sys.modules["__main__"] = saved


# --- in the child -------------------------------------------------------------------------------

_OUTCOMES: dict[str, Any] = {}  # suite name -> its latest outcome, with what to render


def _serve(conn) -> None:
    """Import GX at once, then answer calls until the parent closes the pipe."""
    import traceback

    try:
        from . import suites

        suites._context()  # imports GX and builds the one context of the process
    except Exception:  # reported on the first call, where the parent can fail the check step
        pass
    functions = {"validate": _validate_in_child, "write_data_docs": _write_data_docs_in_child}
    while True:
        try:
            function, args = conn.recv()
        except (EOFError, OSError):  # the parent is done
            _exit_at_once()
        try:
            conn.send((True, functions[function](*args)))
        except Exception:
            conn.send((False, traceback.format_exc()))


def _exit_at_once() -> None:
    """Run multiprocessing's exit finalizers (they release what the child registered with the
    resource tracker, which otherwise warns at the parent's exit), then skip the interpreter's
    own shutdown: tearing down GX's thousands of modules took seconds at the end of each run."""
    from multiprocessing import util

    util._exit_function()
    os._exit(0)


def _validate_in_child(suite: Suite, frame: pd.DataFrame, parameters: dict[str, Any] | None) -> SuiteOutcome:
    import dataclasses

    from .suites import validate

    outcome = validate(suite, frame, parameters)
    _OUTCOMES[suite.name] = outcome
    return dataclasses.replace(outcome, docs_resources=[])  # GX identifiers stay here


def _write_data_docs_in_child(docs_dir: Path, suite_names: list[str]) -> None:
    from .suites import write_data_docs

    write_data_docs(docs_dir, [_OUTCOMES[name] for name in suite_names])
