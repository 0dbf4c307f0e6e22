"""The GX suites give the same outcomes, and the same Data Docs, whether they run in the build's
process or in the child process `kpi run` starts early (orchestration/quality/suite_runner.py)."""

from __future__ import annotations

import pandas as pd

from orchestration.quality.suite_runner import ChildSuiteRunner, SuiteRunner
from orchestration.quality.suites import load_suites


def _families() -> pd.DataFrame:  # one duplicate family and one value outside the set
    return pd.DataFrame({"family": ["output_value", "output_value", "rd_intensity"],
                         "name_zh": ["产值", "产值", None], "is_core": ["true", "yes", "false"]})


def _plain(outcome):
    return outcome.suite, outcome.table, outcome.rows, [
        (o.expectation, o.column, o.severity, o.success, o.unexpected_count, o.examples, o.error)
        for o in outcome.outcomes]


def test_a_suite_gives_the_same_outcome_and_docs_in_the_child(tmp_path):
    suite = next(s for s in load_suites() if s.name == "raw_families")
    here, child = SuiteRunner(), ChildSuiteRunner()
    try:
        outcomes = {}
        for name, runner in (("here", here), ("child", child)):
            outcome = runner.validate(suite, _families())
            runner.write_data_docs(tmp_path / name, [outcome])
            outcomes[name] = outcome
    finally:
        child.close()
    assert _plain(outcomes["here"]) == _plain(outcomes["child"])
    assert not outcomes["child"].passed and len(outcomes["child"].critical_failures) == 3
    assert outcomes["child"].docs_resources == []  # GX's identifiers stay in the child
    for name in ("here", "child"):
        assert (tmp_path / name / "index.html").exists()
        assert (tmp_path / name / "expectations" / "raw_families.html").exists()


def test_the_child_does_not_run_this_process_main_module(tmp_path, monkeypatch):
    """Spawn would run the parent's `__main__` again in the child: in a pytest worker that is
    whichever Streamlit page an app test ran last, which fails to import there."""
    import sys
    import types

    script = tmp_path / "page.py"
    script.write_text("raise SystemExit('a main module ran in the GX child')\n", encoding="utf-8")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    child = ChildSuiteRunner()
    try:
        suite = next(s for s in load_suites() if s.name == "raw_families")
        assert len(child.validate(suite, _families()).critical_failures) == 3
    finally:
        child.close()
    assert sys.modules["__main__"] is main
