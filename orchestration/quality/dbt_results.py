"""dbt's test results as rows of meta.check_results, beside the GX results of the inputs, so the
data-quality page shows every check of a build (dbt owns the warehouse's checks, GX the inputs')."""

from __future__ import annotations

import json
from typing import Any

SUITE = "dbt"


def check_rows(run_results: dict[str, Any], manifest: dict[str, Any], run_id: str) -> list[list[str]]:
    """One row per dbt data test or unit test of the invocation, in meta.check_results' columns
    (run_id, suite, table_name, rows, expectation, column_name, severity, success,
    unexpected_count, examples)."""
    nodes = {**manifest.get("nodes", {}), **manifest.get("unit_tests", {})}
    rows = []
    for result in run_results.get("results", []):
        node = nodes.get(result["unique_id"])
        if node is None or node.get("resource_type") not in ("test", "unit_test"):
            continue
        model = node.get("attached_node") or next(iter(node.get("depends_on", {}).get("nodes", [])), "")
        table = ".".join(nodes[model].get(k, "") for k in ("schema", "name")) if model in nodes else model
        severity = "warning" if str(node.get("config", {}).get("severity", "")).lower() == "warn" else "critical"
        failures = result.get("failures")
        rows.append([
            run_id, SUITE, table, "", node["name"], node.get("column_name") or "", severity,
            str(result["status"] == "pass").lower(), "" if failures is None else str(failures),
            json.dumps([result["message"]] if result.get("message") else [], ensure_ascii=False),
        ])
    return rows
