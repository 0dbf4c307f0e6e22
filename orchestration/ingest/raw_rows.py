"""Turn loaded input files into the rows of the `raw` tables (pure; no database access).

Every row keeps its provenance: source file, line, file sha256 and origin.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .contracts import (FIGURE_COLUMNS, FIRM_MONTH_COLUMNS, FIRM_REGISTER_COLUMNS, FORM_REPORT_COLUMNS,
                        POLICY_META_COLUMNS, PROGRESS_COLUMNS, TECH_PROJECT_COLUMNS)
from .inbox import InputFile
from .readers import read_text

PROVENANCE = ["source_file", "line", "sheet", "file_sha256", "origin", "parse_error", "superseded_by"]
FIGURE_RAW_COLUMNS = FIGURE_COLUMNS + PROVENANCE + ["span_start", "span_end", "sentence"]
PROGRESS_RAW_COLUMNS = PROGRESS_COLUMNS + FORM_REPORT_COLUMNS + PROVENANCE
# the firm-level tables: kind -> raw columns (they land in the firm-level database)
FIRM_RAW_COLUMNS = {
    "firm_register": FIRM_REGISTER_COLUMNS + PROVENANCE,
    "firm_months": FIRM_MONTH_COLUMNS + PROVENANCE,
    "tech_projects": TECH_PROJECT_COLUMNS + PROVENANCE,
}
FILE_COLUMNS = ["path", "origin", "location", "kind", "sha256", "status", "reason", "note", "rows_read",
                "rows_blank", "supersedes", "superseded_by", "entry"]
DOCUMENT_COLUMNS = POLICY_META_COLUMNS + ["text", "sha256", "origin", "encoding_note", "channel", "earlier_doc_ids"]
READ_FAILURE_COLUMNS = ["doc_id", "source_file", "reason"]
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


def file_rows(files: list[InputFile]) -> list[dict[str, object]]:
    """One row per input file and inbox entry. rows_read counts every data row of a table,
    blank ones included: rows_read = rows landed + rows quarantined + rows_blank."""
    return [{"path": f.display_path, "origin": f.origin, "location": f.location, "kind": f.kind, "sha256": f.sha256,
             "status": f.status, "reason": f.reason, "note": f.note, "rows_read": f.row_count + f.rows_blank,
             "rows_blank": f.rows_blank, "supersedes": f.supersedes, "superseded_by": f.superseded_by,
             "entry": f.entry}
            for f in files]


def table_sources(files: list[InputFile], kind: str) -> list[tuple[Path, dict[str, str]]]:
    """The parsed rows of the figure or progress tables (Parquet in the parsed cache), each with
    the provenance every one of its rows carries. Rows of a superseded version are kept (with
    `superseded_by`) so the correction's history stays in the warehouse."""
    return [(f.rows_file, {"source_file": f.display_path, "file_sha256": f.sha256, "origin": f.origin,
                           "superseded_by": f.superseded_by})
            for f in files if f.status in ("accepted", "superseded") and f.kind == kind and f.rows_file]


def metadata_of(f: InputFile, metadata: dict[str, dict[str, str]]) -> dict[str, str] | None:
    """The policies.csv row of a document: it describes the first version of a file (a seed, or an
    inbox document it names). A later version, such as a revised text dropped under a seed's name,
    never takes that row: it is a new document with its own id, linked to the one it replaces."""
    row = metadata.get(f.path.name)
    return row if row and (f.location == "seeds" or not f.supersedes) else None


def doc_id_of(f: InputFile, metadata: dict[str, dict[str, str]]) -> str:
    meta = metadata_of(f, metadata)
    return meta["doc_id"] if meta else f"DOC-{f.sha256[:8].upper()}"


def document_rows(files: list[InputFile], metadata: dict[str, dict[str, str]]) -> list[dict[str, object]]:
    """Text documents with their metadata (policies.csv for seeds; inferred for inbox files).
    `channel` says what they are read for: a policy (targets and actuals) or a report dropped in
    the inbox (bulletins, progress reports: actuals only)."""
    by_name = {f.display_path: f for f in files}
    rows = []
    for f in files:
        if f.status != "accepted" or f.kind not in ("policy_text", "bulletin_text"):
            continue
        meta = metadata_of(f, metadata) or {
            "file": f.path.name, "doc_id": doc_id_of(f, metadata),
            "title": next((line.strip() for line in f.text.splitlines() if line.strip()), f.path.name)[:200],
            "status": "received via inbox", "note": "metadata inferred from the text",
        }
        rows.append({**{c: meta.get(c, "") for c in POLICY_META_COLUMNS}, "file": f.display_path,
                     "text": f.text, "sha256": f.sha256, "origin": f.origin, "encoding_note": f.note,
                     "channel": "policy" if f.kind == "policy_text" else "report",
                     "earlier_doc_ids": "|".join(_earlier_doc_ids(f, by_name, metadata))})
    return rows


def _earlier_doc_ids(f: InputFile, by_name: dict[str, InputFile], metadata: dict[str, dict[str, str]]) -> list[str]:
    """The ids of the versions this document replaces, the nearest first (its lineage)."""
    ids, current = [], f
    while current.supersedes in by_name and len(ids) < 50:
        current = by_name[current.supersedes]
        ids.append(doc_id_of(current, metadata))
    return ids


def document_readings(documents: list[dict[str, object]]) -> tuple[list[dict], list[dict], list[dict]]:
    """Read every document once: the targets of the policies (ids `<doc_id>:<digest>`, stable
    across re-extraction) and the actuals of all documents, each linked to the target of the
    same or an earlier document it reports on (orchestration.extract.links). A document the
    reader fails on gives a failure row instead, and the others are still read."""
    from ..extract import links, read
    from . import reasons

    readings, failures = [], []
    for doc in documents:
        year = str(doc.get("published") or "")[:4]
        try:
            reading = read(str(doc["text"]), doc=str(doc["file"]), doc_id=str(doc["doc_id"]),
                           issuing_region=str(doc.get("issuing_region") or "") or None,
                           published=int(year) if year.isdigit() else None,
                           unknown_as="target" if doc.get("channel") == "policy" else "actual")
        except Exception as exc:  # noqa: BLE001 - one document must not stop the others
            if doc.get("origin") == "seed":
                raise
            failures.append({"doc_id": doc["doc_id"], "source_file": doc["file"],
                             "reason": reasons.read_failed(str(doc["file"]), exc)})
            continue
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
    return targets, actuals, failures
