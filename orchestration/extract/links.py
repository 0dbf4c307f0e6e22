"""Which target does an actual report on? The one rule, used by the reader (targets of the same
document) and by the warehouse load (targets of the same or an earlier document).

An actual reports on a target when
- the metric is the same (for a generic count, 企业数 / 平台数 …, also the counted kind, and the
  level word 国家级 / 省级 / 市级 where both name one);
- the region is the same, and so is the industry ('all' matches 'all' only);
- the value is of the same kind (a growth rate for a growth target, a level or count otherwise);
- the actual falls in the target's window: the target's year for an annual target, up to the
  due year for a level to reach, any year for a target with no year.
Of several candidates the same document's wins, then the latest document, then the first row.
"""

from __future__ import annotations

import re

_LEVEL_RE = re.compile(r"国家级|省级|市级|县级")
_GROWTH_COMPARATORS = {"growth_at_least"}


def _level(text: str | None) -> str | None:
    m = _LEVEL_RE.search(text or "")
    return m.group() if m else None


def _region(row: dict, name_key: str) -> str:
    return row.get("region_code") or row.get(name_key) or ""


def reports_on(actual: dict, target: dict) -> bool:
    if not actual.get("metric") or actual.get("metric") != target.get("metric"):
        return False
    if actual.get("kind") != target.get("kind") and (actual.get("kind") or target.get("kind")):
        return False
    la, lt = _level(actual.get("metric_text")), _level(target.get("metric_text"))
    if la and lt and la != lt:
        return False
    if _region(actual, "region") != _region(target, "subject_region"):
        return False
    if (actual.get("industry") or "all") != (target.get("industry") or "all"):
        return False
    growth_actual = actual.get("basis") == "yoy_growth_pct"
    if growth_actual != (target.get("comparator") in _GROWTH_COMPARATORS):
        return False
    year, due = actual.get("year"), target.get("target_year")
    if due is not None and year is not None:
        if target.get("period") == "annual" and int(year) != int(due):
            return False
        if int(year) > int(due):
            return False
    return True


def link(actuals: list[dict], targets: list[dict], *, same_doc: str | None = None) -> None:
    """Set `target_id` (or None) on every actual; `targets` may span documents (each with `doc_id`
    and `published`), `same_doc` is the actuals' own document."""
    by_metric: dict[str, list[dict]] = {}
    for t in targets:
        by_metric.setdefault(t.get("metric") or "", []).append(t)
    for actual in actuals:
        candidates = [t for t in by_metric.get(actual.get("metric") or "", []) if reports_on(actual, t)]
        if not candidates:
            actual.setdefault("target_id", None)
            continue
        candidates.sort(key=lambda t: (t.get("doc_id") != same_doc, _neg(t.get("published"))))
        actual["target_id"] = candidates[0]["target_id"]


def _neg(published) -> str:
    """Sort key: the latest publication first."""
    s = str(published or "")
    return "".join(chr(0x10FFFF - ord(c)) for c in s)
