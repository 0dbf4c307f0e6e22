"""dbt test results become rows of meta.check_results: the model tested, pass/fail, severity."""

from orchestration.quality.dbt_results import check_rows

MANIFEST = {
    "nodes": {
        "model.p.fct_a": {"resource_type": "model", "schema": "marts", "name": "fct_a"},
        "test.p.not_null_fct_a_x": {"resource_type": "test", "name": "not_null_fct_a_x", "column_name": "x",
                                   "attached_node": "model.p.fct_a", "config": {"severity": "ERROR"}},
        "test.p.fct_a_url_given": {"resource_type": "test", "name": "fct_a_url_given", "column_name": None,
                                  "attached_node": "model.p.fct_a", "config": {"severity": "warn"}},
    },
    "unit_tests": {},
}
RUN_RESULTS = {"results": [
    {"unique_id": "model.p.fct_a", "status": "success", "failures": None, "message": None},
    {"unique_id": "test.p.not_null_fct_a_x", "status": "pass", "failures": 0, "message": None},
    {"unique_id": "test.p.fct_a_url_given", "status": "warn", "failures": 3, "message": "Got 3 results"},
]}


def test_tests_are_rows_and_models_are_not():
    rows = check_rows(RUN_RESULTS, MANIFEST, "run-1")
    assert [(r[1], r[2], r[4], r[5], r[6], r[7], r[8]) for r in rows] == [
        ("dbt", "marts.fct_a", "not_null_fct_a_x", "x", "critical", "true", "0"),
        ("dbt", "marts.fct_a", "fct_a_url_given", "", "warning", "false", "3"),
    ]
    assert rows[1][9] == '["Got 3 results"]' and {r[0] for r in rows} == {"run-1"}
