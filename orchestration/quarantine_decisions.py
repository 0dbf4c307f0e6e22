"""The data office's decisions on quarantined rows: fixed and re-submitted, or dismissed.

A quarantined figure row (`quarantine.figure_rows`) or progress-report row
(`quarantine.progress_report_rows`) is never changed or deleted. The office either

- fixes it: `fix` writes a one-row correction file, with the columns of that kind of file (the
  figures or progress template), into the inbox through the upload path (`ingest.upload.receive`:
  the inbox's own checks, an atomic placement). Its `note` names the source file and line and who
  fixed it, so the next build admits the row through the normal path and checks, with its
  provenance; or
- dismisses it with a reason.

Both go to one CSV (`Settings.quarantine_decisions`, diffable, appended under an exclusive lock
so concurrent reviewers never lose a decision). The latest decision on a row is its state.
A row is keyed by its table, file, sheet and line.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .ingest import upload
from .ingest.contracts import FIGURE_COLUMNS, PROGRESS_COLUMNS

TABLES = {"figure_rows": FIGURE_COLUMNS, "progress_report_rows": PROGRESS_COLUMNS}
COLUMNS = ["decided_at", "decided_by", "table_name", "source_file", "source_sheet", "source_line", "rule",
           "decision", "reason", "correction_file"]
DECISIONS = ("fixed", "dismissed")
PENDING = "待处理"


class DecisionError(ValueError):
    """A decision that cannot be recorded (the message, in Chinese, says why)."""


@dataclass(frozen=True)
class Decision:
    decided_at: str
    decided_by: str
    table_name: str
    source_file: str
    source_sheet: str
    source_line: str
    rule: str
    decision: str
    reason: str
    correction_file: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.table_name, self.source_file, self.source_sheet, self.source_line)

    @property
    def label(self) -> str:
        """How the page shows the row's state."""
        if self.decision == "fixed":
            return f"已修正重新提交({self.correction_file})" if self.correction_file else "已修正重新提交"
        return f"已驳回:{self.reason}"


def key_of(table: str, row: Mapping) -> tuple[str, str, str, str]:
    """The key of a quarantined row (a row of quarantine.<table>)."""
    return (table, _text(row.get("source_file")), _text(row.get("source_sheet")), _line(row.get("source_line")))


def _text(value) -> str:
    if value is None:
        return ""
    try:
        if value != value:  # NaN / NA from a DataFrame
            return ""
    except (TypeError, ValueError):
        return ""
    return str(value)


def _line(value) -> str:
    text = _text(value)
    return text[:-2] if text.endswith(".0") else text


def read(path: Path) -> list[Decision]:
    """Every decision, oldest first (an absent file: none)."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [Decision(**{c: row.get(c) or "" for c in COLUMNS}) for row in csv.DictReader(handle)]


def latest(path: Path) -> dict[tuple[str, str, str, str], Decision]:
    """The current decision on each row (the latest one recorded)."""
    return {d.key: d for d in read(path)}


def state(decisions: Mapping[tuple, Decision], table: str, row: Mapping) -> str:
    decision = decisions.get(key_of(table, row))
    return decision.label if decision else PENDING


def _append(path: Path, decision: Decision) -> Decision:
    """Append one decision under an exclusive lock (the header written once, by whoever creates the file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8", newline="") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        if os.fstat(handle.fileno()).st_size == 0:
            writer.writeheader()
        writer.writerow({c: getattr(decision, c) for c in COLUMNS})
        handle.write(out.getvalue())
        handle.flush()
    return decision


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def _decision(table: str, row: Mapping, by: str, kind: str, reason: str, correction: str = "") -> Decision:
    if table not in TABLES:
        raise DecisionError(f"只能处理统计数据行和进度报送行,不能处理 {table}")
    if not by.strip():
        raise DecisionError("处理人不能为空")
    t, file, sheet, line = key_of(table, row)
    return Decision(_now(), by.strip(), t, file, sheet, line, _text(row.get("rule")), kind, reason.strip(), correction)


def dismiss(path: Path, table: str, row: Mapping, *, by: str, reason: str) -> Decision:
    """Record that the row is not to be loaded, and why. The row stays in the quarantine."""
    if not reason.strip():
        raise DecisionError("驳回须写明原因")
    return _append(path, _decision(table, row, by, "dismissed", reason))


def correction_name(table: str, row: Mapping, on: dt.datetime | None = None) -> str:
    """`<stem>.更正-第<line>行-<time>.csv`: a new name (never the original's, which would replace
    the whole file), telling where the row came from."""
    _, file, sheet, line = key_of(table, row)
    stem = re.sub(r"\W+", "_", Path(file).stem).strip("_") or "quarantined"
    where = f"{sheet}-第{line}行" if sheet else f"第{line}行"
    stamp = (on or dt.datetime.now()).strftime("%Y%m%d%H%M%S")
    return upload.sanitise_name(f"{stem[:60]}.更正-{where}-{stamp}.csv")


def correction_csv(table: str, row: Mapping, fields: Mapping[str, str], *, by: str, on: str) -> bytes:
    """The one-row correction file: the columns of the file kind, the office's edited fields, and
    a note that keeps the row's provenance (source file and line, who fixed it, when)."""
    columns = TABLES[table]
    _, file, sheet, line = key_of(table, row)
    values = {c: _text(fields.get(c, row.get(c))).strip() for c in columns}
    where = f"{file} 工作表「{sheet}」第 {line} 行" if sheet else f"{file} 第 {line} 行"
    provenance = f"隔离行更正:原 {where}(规则 {_text(row.get('rule'))});修正人 {by},{on}"
    values["note"] = "; ".join(n for n in (values.get("note", ""), provenance) if n)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerow(values)
    return out.getvalue().encode("utf-8")


def fix(path: Path, table: str, row: Mapping, fields: Mapping[str, str], *, by: str,
        inbox_dir: Path, uploads: Path) -> tuple[Decision, upload.Upload]:
    """Write the corrected row into the inbox as a one-row file and record the decision.
    DecisionError (with the inbox's reason) when the file is refused; nothing is recorded then."""
    if table not in TABLES:
        raise DecisionError(f"只能修正统计数据行和进度报送行,不能修正 {table}")
    if not by.strip():
        raise DecisionError("处理人不能为空")
    now = dt.datetime.now(dt.timezone.utc)
    data = correction_csv(table, row, fields, by=by.strip(), on=now.isoformat(timespec="seconds"))
    placed = upload.receive(data, correction_name(table, row, now), inbox_dir=inbox_dir, uploads=uploads)
    if not placed.accepted:
        raise DecisionError(placed.reason)
    reason = "; ".join(f"{c}: {_text(row.get(c))} → {_text(fields.get(c))}" for c in TABLES[table]
                       if c in fields and _text(fields.get(c)).strip() != _text(row.get(c)).strip())
    decision = _decision(table, row, by, "fixed", reason, "inbox/" + placed.entry)
    return _append(path, decision), placed
