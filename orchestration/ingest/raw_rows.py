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
DOCUMENT_COLUMNS = POLICY_META_COLUMNS + ["text", "sha256", "origin", "encoding_note"]
TARGET_COLUMNS = [
    "target_id", "doc_id", "subject_region", "region_code", "subject_level", "industry", "metric",
    "metric_text", "kind", "comparator", "value", "value_low", "value_high", "unit", "qualifier",
    "target_year", "period", "redacted", "category", "responsible_units", "sentence", "span_start", "span_end",
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


def extracted_figure_rows(files: list[InputFile]) -> list[dict[str, object]]:
    """Figures read from bulletin text, with quality `extracted` and the span they came from."""
    rows: list[dict[str, object]] = []
    for f in files:
        if f.status != "accepted" or f.kind != "bulletin_text":
            continue
        title = next((line.strip() for line in f.text.splitlines() if line.strip()), f.path.name)
        for figure in f.rows:
            rows.append({
                "region": figure.get("region_code") or figure.get("region") or "",
                "year": figure.get("year"), "period": figure.get("period"), "metric": figure.get("metric"),
                "value": figure.get("value"), "unit": figure.get("unit"), "quality": "extracted",
                "source_title": title[:200], "source_url": "",
                "note": f"extracted from text ({figure.get('basis')}); review before relying on it",
                **_provenance(f, str(f.text.count("\n", 0, int(figure["start"])) + 1)),
                "span_start": figure["start"], "span_end": figure["end"], "sentence": figure.get("sentence"),
            })
    return rows


def document_rows(files: list[InputFile], metadata: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    """Policy documents with their metadata (policies.csv for seeds; inferred for inbox files)."""
    rows = []
    for f in files:
        if f.status != "accepted" or f.kind != "policy_text":
            continue
        meta = metadata.get(f.path.name) or {
            "file": f.path.name, "doc_id": f"DOC-{f.sha256[:8].upper()}",
            "title": next((line.strip() for line in f.text.splitlines() if line.strip()), f.path.name)[:200],
            "status": "received via inbox", "note": "metadata inferred from the text",
        }
        rows.append({**{c: meta.get(c, "") for c in POLICY_META_COLUMNS}, "file": f.display_path,
                     "text": f.text, "sha256": f.sha256, "origin": f.origin, "encoding_note": f.note})
    return rows


def target_rows(documents: list[dict[str, object]]) -> list[dict[str, object]]:
    """Extract the targets of every document; ids are `<doc_id>@<start>-<end>` (+ `#k` when
    several targets share a clause), stable as long as the clause is found at the same place."""
    from ..extract.targets import extract_targets

    rows: list[dict[str, object]] = []
    for doc in documents:
        year = str(doc.get("published") or "")[:4]
        targets = extract_targets(
            str(doc["text"]), doc=str(doc["file"]),
            issuing_region=str(doc.get("issuing_region") or "") or None,
            doc_year=int(year) if year.isdigit() else None,
        )
        by_span: dict[tuple[int, int], int] = {}
        for t in targets:
            span = (int(t["start"]), int(t["end"]))
            by_span[span] = by_span.get(span, 0) + 1
        seen: dict[tuple[int, int], int] = {}
        for t in targets:
            span = (int(t["start"]), int(t["end"]))
            seen[span] = seen.get(span, 0) + 1
            target_id = f"{doc['doc_id']}@{span[0]}-{span[1]}" + (f"#{seen[span]}" if by_span[span] > 1 else "")
            rows.append({
                **{c: t.get(c) for c in TARGET_COLUMNS if c in t},
                "target_id": target_id, "doc_id": doc["doc_id"], "span_start": span[0], "span_end": span[1],
            })
    return rows
