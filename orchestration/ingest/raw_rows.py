"""Turn loaded input files into the rows of the `raw` tables (pure; no database access).

Every row keeps its provenance: source file, line, file sha256 and origin.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .contracts import FIGURE_COLUMNS, POLICY_META_COLUMNS, PROGRESS_COLUMNS
from .inbox import InputFile
from .readers import read_text

PROVENANCE = ["source_file", "line", "file_sha256", "origin", "parse_error"]
FIGURE_RAW_COLUMNS = FIGURE_COLUMNS + PROVENANCE + ["span_start", "span_end", "sentence"]
PROGRESS_RAW_COLUMNS = PROGRESS_COLUMNS + PROVENANCE
FILE_COLUMNS = ["path", "origin", "location", "kind", "sha256", "status", "reason", "note", "rows_read"]
DOCUMENT_COLUMNS = POLICY_META_COLUMNS + ["text", "sha256", "origin", "encoding_note", "channel"]
TARGET_COLUMNS = [
    "target_id", "doc_id", "subject_region", "region_code", "subject_level", "industry", "metric",
    "metric_text", "kind", "comparator", "value", "value_low", "value_high", "unit", "qualifier",
    "target_year", "period", "redacted", "category", "responsible_units", "sentence", "span_start", "span_end",
    "reason",
]
ACTUAL_COLUMNS = [
    "doc_id", "source_file", "origin", "file_sha256", "region", "region_code", "year", "period", "metric",
    "kind", "metric_text", "industry", "value", "unit", "basis", "qualifier", "reason", "target_id",
    "sentence", "span_start", "span_end", "line",
]


def csv_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A shipped CSV (reference data, reviews) as rows with their line number."""
    reader = csv.DictReader(io.StringIO(read_text(path).text, newline=""))
    rows = [{**row, "source_file": path.name, "line": str(reader.line_num)} for row in reader]
    return list(reader.fieldnames or []) + ["source_file", "line"], rows


def _provenance(f: InputFile, line: str, parse_error: str = "") -> dict[str, str]:
    return {"source_file": f.display_path, "line": line, "file_sha256": f.sha256,
            "origin": f.origin, "parse_error": parse_error}


def file_rows(files: list[InputFile]) -> list[dict[str, object]]:
    return [{"path": f.display_path, "origin": f.origin, "location": f.location, "kind": f.kind, "sha256": f.sha256,
             "status": f.status, "reason": f.reason, "note": f.note, "rows_read": len(f.rows)}
            for f in files]


def table_rows(files: list[InputFile], kind: str) -> list[dict[str, str]]:
    """Rows of the accepted figure or progress tables, as received."""
    rows = []
    for f in files:
        if f.status == "accepted" and f.kind == kind:
            for row in f.rows:
                rows.append({**row, **_provenance(f, row["_line"], row["_parse_error"])})
    return rows


def document_rows(files: list[InputFile], metadata: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    """Text documents with their metadata (policies.csv for seeds; inferred for inbox files).
    `channel` says what they are read for: a policy (targets and actuals) or a report dropped in
    the inbox (bulletins, progress reports: actuals only)."""
    rows = []
    for f in files:
        if f.status != "accepted" or f.kind not in ("policy_text", "bulletin_text"):
            continue
        meta = metadata.get(f.path.name) or {
            "file": f.path.name, "doc_id": f"DOC-{f.sha256[:8].upper()}",
            "title": next((line.strip() for line in f.text.splitlines() if line.strip()), f.path.name)[:200],
            "status": "received via inbox", "note": "metadata inferred from the text",
        }
        rows.append({**{c: meta.get(c, "") for c in POLICY_META_COLUMNS}, "file": f.display_path,
                     "text": f.text, "sha256": f.sha256, "origin": f.origin, "encoding_note": f.note,
                     "channel": "policy" if f.kind == "policy_text" else "report"})
    return rows


def document_readings(documents: list[dict[str, object]]) -> tuple[list[dict], list[dict]]:
    """Read every document once: the targets of the policies (ids `<doc_id>:<digest>`, stable
    across re-extraction) and the actuals of all documents, each linked to the target of the
    same or an earlier document it reports on (orchestration.extract.links)."""
    from ..extract import links, read

    readings = []
    for doc in documents:
        year = str(doc.get("published") or "")[:4]
        reading = read(str(doc["text"]), doc=str(doc["file"]), doc_id=str(doc["doc_id"]),
                       issuing_region=str(doc.get("issuing_region") or "") or None,
                       published=int(year) if year.isdigit() else None,
                       unknown_as="target" if doc.get("channel") == "policy" else "actual")
        readings.append((doc, reading))
    targets: list[dict] = []
    for doc, reading in readings:
        if doc.get("channel") != "policy":
            continue
        for t in reading.targets:
            targets.append({**{c: t.get(c) for c in TARGET_COLUMNS if c in t}, "doc_id": doc["doc_id"],
                            "span_start": t["start"], "span_end": t["end"],
                            "_written": reading.document.doc_year})
    actuals: list[dict] = []
    for doc, reading in readings:
        written = reading.document.doc_year
        earlier = [dict(t, published=t["_written"]) for t in targets
                   if written is None or t["_written"] is None or t["_written"] <= written]
        rows = [dict(a) for a in reading.actuals]
        links.link(rows, earlier, same_doc=str(doc["doc_id"]))
        for a in rows:
            actuals.append({**{c: a.get(c) for c in ACTUAL_COLUMNS if c in a}, "doc_id": doc["doc_id"],
                            "source_file": doc["file"], "origin": doc.get("origin"), "file_sha256": doc.get("sha256"),
                            "span_start": a["start"], "span_end": a["end"],
                            "line": str(doc["text"]).count("\n", 0, a["start"]) + 1})
    for t in targets:
        t.pop("_written", None)
    return targets, actuals
