"""The office's target reviews (Settings.reviews, a diffable CSV): read them, and write one decision.

    rows(path) -> list[dict]                      every row, in file order
    row_for(path, target_id) -> dict | None       the row that applies to a target (the last one)
    decide(path, review, expected, *, reviewer, document_text=None) -> dict

`decide` upserts ONE row keyed by `target_id`: under an exclusive lock (fcntl on the sidecar
`<file>.lock`) it re-reads the file, refuses when the row for that target is not the one the
reviewer loaded (`expected`: that row, or None for "no review yet") -- another reviewer decided
it meanwhile -- and writes the whole file atomically (a temp file, then os.replace). The header
and the row order stay stable: a changed target is replaced in place, a new one appended.

Decisions: accept, correct (only the fields given override the extracted ones; a correction of
a corrected target keeps the earlier corrected fields), reject (a reason is required) and add: a
target the extractor missed, from a span the reviewer selected in the document. An added row
carries `doc_id`, the exact `clause_text` (found in the document text, else refused) and the value
as written (`value_text`); its `target_id` is computed here exactly as extraction computes it
(orchestration.extract.ids over the normalised clause and value), so a later extractor that reads
the same clause gives the same id. A correction or acceptance of an added target keeps it an
`add` row; a rejection keeps its clause (the target is then listed as rejected).

Pure Python: no Streamlit, no Dagster.
"""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import io
import math
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

from orchestration import reference
from orchestration.extract import ids
from orchestration.extract.text.normalise import normalise

BASE_COLUMNS = ["target_id", "decision", "metric", "comparator", "value", "value_low", "value_high", "unit",
                "target_year", "subject_region", "industry", "reviewer", "reviewed_on", "note"]
ADDED_COLUMNS = ["doc_id", "clause_text", "value_text", "reviewed_at"]
COLUMNS = BASE_COLUMNS + ADDED_COLUMNS
FIELDS = ["metric", "comparator", "value", "value_low", "value_high", "unit", "target_year",
          "subject_region", "industry"]
DECISIONS = {"accept": "接受", "correct": "更正", "reject": "驳回", "add": "补录"}
YEARS = (2000, 2100)


class ReviewError(ValueError):
    """A decision that cannot be written (the message is for the reviewer, in Chinese)."""


class StaleReview(ReviewError):
    """The target's row changed since the reviewer loaded it; `current` is the row now in the file."""

    def __init__(self, message: str, current: dict | None):
        super().__init__(message)
        self.current = current


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    if not path.exists():
        return list(COLUMNS), []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = list(reader.fieldnames or [])
        found = []
        for row in reader:
            # an unquoted comma in the last column (a note) splits it: keep the whole text
            overflow = row.pop(None, None)
            if overflow and reader.fieldnames:
                last = reader.fieldnames[-1]
                row[last] = ",".join([row.get(last) or "", *overflow])
            found.append({k: (v or "") for k, v in row.items()})
    return header or list(COLUMNS), found


def rows(path: Path) -> list[dict[str, str]]:
    """Every row of the reviews file, in file order (every column of COLUMNS present)."""
    return [{c: row.get(c, "") for c in COLUMNS} | row for row in _read(Path(path))[1]]


def row_for(path: Path, target_id: str) -> dict[str, str] | None:
    """The row that applies to `target_id` (the last one, as the build takes the latest), or None."""
    found = [r for r in rows(path) if r.get("target_id", "").strip() == target_id]
    return found[-1] if found else None


def _same(a: Mapping | None, b: Mapping | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    keys = (set(a) | set(b)) & set(COLUMNS)
    return all(_text(a.get(k)) == _text(b.get(k)) for k in keys)


# --- validation -------------------------------------------------------------------------------------

def _number(value: str, label: str) -> float | None:
    if value == "":
        return None
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        raise ReviewError(f"{label}必须是数字(不要写“约”“左右”或单位),现为“{value}”。") from None
    if not math.isfinite(number):
        raise ReviewError(f"{label}必须是有限的数字,现为“{value}”。")
    return number


def _codes(name: str, column: str) -> set[str]:
    return {r[column] for r in reference._rows(name)}


def _validate_fields(fields: dict[str, str], metric_codes: set[str] | None) -> None:
    for key, label in (("value", "目标值"), ("value_low", "区间下限"), ("value_high", "区间上限")):
        _number(fields[key], label)
    metrics = metric_codes if metric_codes is not None else set(reference.metrics())
    if fields["metric"] and fields["metric"] not in metrics:
        raise ReviewError(f"指标代码“{fields['metric']}”不在指标目录(dim_metric)中。")
    if fields["comparator"] and fields["comparator"] not in _codes("comparators.csv", "comparator"):
        raise ReviewError(f"比较方式“{fields['comparator']}”不在 seeds/reference/comparators.csv 中。")
    if fields["unit"] and fields["unit"] not in _codes("units.csv", "unit"):
        raise ReviewError(f"单位“{fields['unit']}”不在 seeds/reference/units.csv 中。")
    if fields["target_year"]:
        if not re.fullmatch(r"\d{4}", fields["target_year"]) or not YEARS[0] <= int(fields["target_year"]) <= YEARS[1]:
            raise ReviewError(f"目标年份必须是 {YEARS[0]}—{YEARS[1]} 之间的四位年份,现为“{fields['target_year']}”。")
    if fields["subject_region"] and reference.region_code(fields["subject_region"]) is None:
        raise ReviewError(f"责任地区“{fields['subject_region']}”不是已知的地区名称或代码(seeds/reference/regions.csv)。")
    if fields["industry"] and fields["industry"] != "all" and fields["industry"] not in reference.industry_aliases():
        raise ReviewError(f"产业“{fields['industry']}”不是已知的产业名称(seeds/reference/industries.csv),"
                          "全行业请填 all。")
    low, high = _number(fields["value_low"], "区间下限"), _number(fields["value_high"], "区间上限")
    if low is not None and high is not None and low > high:
        raise ReviewError("区间下限不能大于区间上限。")


def _value_text(clause: str, value: str, unit: str) -> str:
    """The value as the clause writes it (extraction's `value_text`, e.g. 150家): the number of
    `value` in the clause, with the unit when the unit follows it."""
    number = _number(value, "目标值")
    if number is None:
        return ""
    literal = str(int(number)) if number.is_integer() else repr(number)
    for match in re.finditer(rf"(?<![\d.]){re.escape(literal)}(?![\d.])", clause):
        return clause[match.start():match.end() + len(unit)] if unit and clause.startswith(unit, match.end()) \
            else match.group(0)
    return ""


def added_target_id(doc_id: str, clause_text: str, value_text: str) -> str:
    """The id extraction gives the target of `clause_text` whose value is written `value_text`
    (orchestration.extract.ids over the reader's normalised text)."""
    row = {"clause_text": normalise(clause_text).text, "value_text": normalise(value_text).text}
    ids.assign(doc_id, [row])
    return row["target_id"]


def _prepare(review: Mapping, reviewer: str, document_text: str | None, metric_codes: set[str] | None,
             now: dt.datetime) -> dict[str, str]:
    row = {c: _text(review.get(c)) for c in COLUMNS}
    row["decision"] = row["decision"].lower()
    if row["decision"] not in DECISIONS:
        raise ReviewError("审核结论必须是 接受(accept)、更正(correct)、驳回(reject)或补录(add)之一。")
    if not _text(reviewer):
        raise ReviewError("缺少审核人:请先登录。")
    row["reviewer"] = _text(reviewer)
    row["reviewed_on"] = now.date().isoformat()
    row["reviewed_at"] = now.isoformat(timespec="seconds")
    _validate_fields(row, metric_codes)
    decision = row["decision"]
    if decision in ("accept", "reject"):
        for key in FIELDS:
            row[key] = ""
    if decision == "reject" and not row["note"]:
        raise ReviewError("驳回须写明原因。")
    if decision == "correct" and not any(row[k] for k in FIELDS):
        raise ReviewError("更正至少要改一个字段。")
    if decision != "add":
        if not row["target_id"]:
            raise ReviewError("缺少目标编号。")
        for key in ("doc_id", "clause_text", "value_text"):
            row[key] = ""
        return row
    # add: a target the extractor missed, from the exact span the reviewer selected
    if not row["doc_id"]:
        raise ReviewError("补录目标须选择政策文件。")
    if not row["clause_text"]:
        raise ReviewError("补录目标须填写原文条款(从文件原文中复制)。")
    if document_text is None:
        raise ReviewError(f"读不到文件 {row['doc_id']} 的原文,无法核对所选条款。")
    if row["clause_text"] not in document_text:
        raise ReviewError(f"所选条款在文件 {row['doc_id']} 的原文中找不到:请从原文中原样复制(包括标点),"
                          "不要改字或增删空格。")
    missing = [label for key, label in (("metric", "指标"), ("comparator", "比较方式"), ("unit", "单位"))
               if not row[key]]
    if missing:
        raise ReviewError("补录目标须填写" + "、".join(missing) + "。")
    if row["comparator"] == "range":
        if not (row["value_low"] and row["value_high"]):
            raise ReviewError("区间目标须填写区间下限和上限。")
    elif not row["value"]:
        raise ReviewError("补录目标须填写目标值。")
    if not row["value_text"]:
        row["value_text"] = _value_text(row["clause_text"], row["value"] or row["value_low"], row["unit"])
    if not row["value_text"]:
        raise ReviewError("在所选条款中找不到目标值的原文写法,请在“原文数值”中照原文填写(如 150家)。")
    if row["value_text"] not in row["clause_text"]:
        raise ReviewError(f"原文数值“{row['value_text']}”不在所选条款中。")
    row["target_id"] = added_target_id(row["doc_id"], row["clause_text"], row["value_text"])
    return row


def _merge(current: dict[str, str] | None, new: dict[str, str]) -> dict[str, str]:
    """The row to write, given the row now in the file: corrections accumulate; an added target
    stays an `add` row (with its clause) when accepted or corrected, and keeps its clause when rejected."""
    if current is None:
        return new
    was = _text(current.get("decision")).lower()
    if new["decision"] == "correct" and was in ("correct", "add"):
        merged = dict(new)
        for key in FIELDS:
            merged[key] = new[key] or _text(current.get(key))
        if was == "add":
            merged["decision"] = "add"
            for key in ("doc_id", "clause_text", "value_text"):
                merged[key] = _text(current.get(key))
        return merged
    if was == "add" and new["decision"] in ("accept", "reject"):
        merged = dict(new)
        for key in ("doc_id", "clause_text", "value_text"):
            merged[key] = _text(current.get(key))
        if new["decision"] == "accept":
            merged["decision"] = "add"
            for key in FIELDS:
                merged[key] = _text(current.get(key))
        return merged
    return new


def _serialise(header: list[str], found: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in found:
        writer.writerow({c: row.get(c, "") for c in header})
    return out.getvalue()


def _write_atomically(path: Path, content: str) -> None:
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def decide(path: Path, review: Mapping, expected: Mapping | None, *, reviewer: str,
           document_text: str | None = None, metric_codes: set[str] | None = None,
           now: dt.datetime | None = None) -> dict[str, str]:
    """Write one decision (see the module docstring); returns the row written. Raises ReviewError
    (invalid) or StaleReview (another reviewer decided the target since `expected` was loaded)."""
    path = Path(path)
    now = now or dt.datetime.now().astimezone()
    new = _prepare(review, reviewer, document_text, metric_codes, now)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_name(path.name + ".lock")
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    with os.fdopen(fd, "r+") as handle:  # closing the lock file releases the lock
        fcntl.flock(handle, fcntl.LOCK_EX)
        header, found = _read(path)
        positions = [i for i, r in enumerate(found) if _text(r.get("target_id")) == new["target_id"]]
        current = found[positions[-1]] if positions else None
        if not _same(current, expected):
            if new["decision"] == "add" and expected is None:
                message = (f"这条目标({new['target_id']})已经有审核记录(可能已由他人补录),"
                           "请刷新后在目标列表中查看。")
            else:
                by = _text(current.get("reviewer")) if current else ""
                message = (f"目标 {new['target_id']} 在您打开之后已由" + (f"“{by}”" if by else "其他审核人")
                           + "作出了新的审核结论(或撤销了原结论)。为免覆盖,本次提交未写入:请查看最新状态后重新决定。")
            raise StaleReview(message, dict(current) if current else None)
        row = _merge(current, new)
        header = header + [c for c in COLUMNS if c not in header]
        if positions:
            found[positions[-1]] = row
        else:
            found.append(row)
        _write_atomically(path, _serialise(header, found))
        return row
