"""Score the target extractor against the hand-labelled gold targets.

    python benchmarks/extraction_eval.py            # report
    python benchmarks/extraction_eval.py --json     # the numbers as JSON

Matching follows tests/fixtures/gold/CONVENTIONS.md: a prediction matches a gold row when the
value (or range) agrees with units normalised (万亿元 -> 亿元, 家 = 户 = 个 …), the target year
agrees where the gold states one, the comparator class agrees (growth / upper bound / level) and,
for the core metrics of the catalog (family other than target_only), the metric code agrees.
Gold rows with confidence=low are optional: missing one costs nothing and finding one neither
counts as a hit nor as a false positive.

Besides the combined key it prints per-field precision/recall/F1 (a field counts as right on a
prediction aligned with a gold row, by the key or else by overlapping spans, when the field
agrees), the wall time of extracting all five seed documents, what the three unlabelled seed
documents yield, and the misses and false positives.
"""

from __future__ import annotations

import csv
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from orchestration import reference  # noqa: E402
from orchestration.extract.targets import extract_targets  # noqa: E402

GOLD = ROOT / "tests" / "fixtures" / "gold" / "targets_gold.csv"
POLICIES = ROOT / "seeds" / "policies"

MONEY = {"元": 1e-8, "万元": 1e-4, "亿元": 1.0, "万亿元": 1e4}
PCT = {"%": "pct", "个百分点": "pp", "百分点": "pp"}
FIRM_UNITS = {"家", "户"}
GROWTH, UPPER = {"growth_at_least"}, {"<="}


# --------------------------------------------------------------------------------------------
# Inputs

def policy_meta() -> dict[str, dict[str, str]]:
    with open(POLICIES / "policies.csv", encoding="utf-8", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


def load_gold() -> list[dict[str, str]]:
    with open(GOLD, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run_doc(name: str, meta: dict[str, dict[str, str]]) -> tuple[str, list[dict]]:
    text = (POLICIES / name).read_text(encoding="utf-8")
    row = meta.get(name, {})
    year = row.get("published", "")[:4]
    return text, extract_targets(text, doc=name, issuing_region=row.get("issuing_region") or None,
                                 doc_year=int(year) if year.isdigit() else None)


# --------------------------------------------------------------------------------------------
# Normalisation

def _f(x) -> float | None:
    if x is None or x == "":
        return None
    return float(x)


def norm_value(unit: str, value, low, high, redacted) -> tuple:
    """(dimension, value-or-range) with money in 亿元 and counts in one dimension."""
    unit = unit or ""
    if unit in MONEY:
        dim, f = "money", MONEY[unit]
    elif unit in PCT:
        dim, f = PCT[unit], 1.0
    elif unit.endswith(("吨", "亩", "公里", "瓦")):
        dim, f = unit, 1.0
    else:
        dim, f = "count", 1.0
    if str(redacted).lower() == "true":
        return dim, "redacted"
    v, lo, hi = _f(value), _f(low), _f(high)
    if lo is not None and hi is not None:
        return dim, (round(lo * f, 6), round(hi * f, 6))
    return dim, (round(v * f, 6) if v is not None else None)


def norm_unit(unit: str) -> str:
    unit = unit or ""
    if unit in FIRM_UNITS:
        return "家"
    if unit == "万亿元":
        return "亿元"
    return unit


def comparator_class(c: str) -> str:
    return "growth" if c in GROWTH else "upper" if c in UPPER else "level"


def core_metrics() -> set[str]:
    return {code for code, row in reference.metrics().items() if row.get("family") != "target_only"}


def _year(x) -> int | None:
    return int(x) if x not in (None, "") else None


def _units(s: str) -> frozenset[str]:
    return frozenset(u for u in (s or "").split(";") if u)


def _region_key(name: str | None) -> str:
    if not name:
        return ""
    try:
        return reference.region_code(name) or name
    except (OSError, KeyError):
        return name


def _industry_key(name: str | None) -> str:
    if not name:
        return ""
    try:
        return reference.industry_aliases().get(name, name)
    except (OSError, KeyError):
        return name


def span_iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


# --------------------------------------------------------------------------------------------
# Matching

def key_match(g: dict, p: dict, core: set[str], strict_year: bool = False) -> bool:
    """The combined key. The target year is compared where the gold states one; with
    `strict_year` an empty gold year also requires an empty predicted year."""
    if norm_value(g["unit"], g["value"], g["value_low"], g["value_high"], g["redacted"]) != \
            norm_value(p["unit"], p["value"], p["value_low"], p["value_high"], p["redacted"]):
        return False
    if (strict_year or _year(g["target_year"]) is not None) and _year(g["target_year"]) != p["target_year"]:
        return False
    if comparator_class(g["comparator"]) != comparator_class(p["comparator"]):
        return False
    if g["metric"] in core and g["metric"] != p["metric"]:
        return False
    return True


def _pair_score(g: dict, p: dict) -> float:
    return (span_iou(g["_span"], (p["start"], p["end"]))
            + 0.1 * (_region_key(g["subject_region"]) == _region_key(p["subject_region"]))
            + 0.1 * (_industry_key(g["industry"]) == _industry_key(p["industry"])))


def greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(pairs, key=lambda x: -x[0]):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


FIELDS = {
    "value/range": lambda g, p: norm_value(g["unit"], g["value"], g["value_low"], g["value_high"], g["redacted"])
    == norm_value(p["unit"], p["value"], p["value_low"], p["value_high"], p["redacted"]),
    "unit": lambda g, p: norm_unit(g["unit"]) == norm_unit(p["unit"]),
    "target_year": lambda g, p: _year(g["target_year"]) == p["target_year"],
    "metric": lambda g, p: g["metric"] == p["metric"],
    "metric (core catalog)": lambda g, p: g["metric"] == p["metric"] or g["metric"] not in _CORE,
    "comparator": lambda g, p: g["comparator"] == p["comparator"],
    "subject_region": lambda g, p: _region_key(g["subject_region"]) == _region_key(p["subject_region"]),
    "industry": lambda g, p: _industry_key(g["industry"]) == _industry_key(p["industry"]),
    "responsible_units": lambda g, p: _units(g["responsible_units"]) == _units(p["responsible_units"]),
    "span (IoU>=0.5)": lambda g, p: span_iou(g["_span"], (p["start"], p["end"])) >= 0.5,
    "qualifier": lambda g, p: set(filter(None, g["qualifier"].split(";"))) == set(filter(None, p["qualifier"].split(";"))),
    "period": lambda g, p: (g["period"] or "") == (p["period"] or ""),
    "subject_level": lambda g, p: g["subject_region_level"] == p["subject_level"],
    "category": lambda g, p: g["category"] == p["category"],
}


_CORE: set[str] = set()


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(strict_year: bool = False) -> dict:
    """Run the extractor on the labelled documents and score it; returns all the numbers."""
    meta = policy_meta()
    gold = load_gold()
    core = core_metrics()
    _CORE.clear()
    _CORE.update(core)
    ious: list[float] = []
    docs = sorted({g["doc_file"] for g in gold})
    tp = fp = fn = 0
    field_ok = {f: 0 for f in FIELDS}
    n_pred_scored = n_gold_scored = 0
    misses, false_pos, per_doc = [], [], {}
    for doc in docs:
        text, preds = run_doc(doc, meta)
        golds = [dict(g) for g in gold if g["doc_file"] == doc]
        for g in golds:
            s = text.find(g["quote"])
            g["_span"] = (s, s + len(g["quote"])) if s >= 0 else (-1, -1)
        pairs = [(_pair_score(g, p), gi, pi) for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                 if key_match(g, p, core, strict_year)]
        matched = greedy(pairs)
        mg = {gi for gi, _ in matched}
        mp = {pi for _, pi in matched}
        low = {gi for gi, g in enumerate(golds) if g["confidence"] == "low"}
        d_tp = sum(1 for gi in mg if gi not in low)
        d_fn = sum(1 for gi in range(len(golds)) if gi not in mg and gi not in low)
        d_fp = sum(1 for pi in range(len(preds)) if pi not in mp)
        tp, fp, fn = tp + d_tp, fp + d_fp, fn + d_fn
        per_doc[doc] = {"gold": len(golds) - len(low), "pred": len(preds), "tp": d_tp, "fp": d_fp, "fn": d_fn}
        # Field alignment: key matches first, then overlapping spans for the rest.
        extra = [(span_iou(g["_span"], (p["start"], p["end"])), gi, pi)
                 for gi, g in enumerate(golds) if gi not in mg
                 for pi, p in enumerate(preds) if pi not in mp
                 and span_iou(g["_span"], (p["start"], p["end"])) > 0]
        aligned = matched + greedy(extra)
        skip_p = {pi for gi, pi in matched if gi in low}
        n_pred_scored += len(preds) - len(skip_p)
        n_gold_scored += len(golds) - len(low)
        for gi, pi in aligned:
            if gi in low:
                continue
            ious.append(span_iou(golds[gi]["_span"], (preds[pi]["start"], preds[pi]["end"])))
            for name, same in FIELDS.items():
                field_ok[name] += bool(same(golds[gi], preds[pi]))
        for gi, g in enumerate(golds):
            if gi not in mg and gi not in low:
                misses.append(f"{g['target_id']} {g['metric']} {g['comparator']} "
                              f"{g['value'] or g['value_low'] + '-' + g['value_high']} {g['unit']} "
                              f"{g['target_year']} | {g['quote']}")
        for pi, p in enumerate(preds):
            if pi not in mp:
                v = p["value"] if p["comparator"] != "range" else f"{p['value_low']}-{p['value_high']}"
                false_pos.append(f"{doc[:12]} {p['metric']} {p['comparator']} {v} {p['unit']} "
                                 f"{p['target_year']} | {text[p['start']:p['end']]}")
    p, r, f = prf(tp, tp + fp, tp + fn)
    fields = {name: prf(ok, n_pred_scored, n_gold_scored) for name, ok in field_ok.items()}
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn, "per_doc": per_doc,
            "mean_span_iou": sum(ious) / len(ious) if ious else 0.0,
            "fields": fields, "misses": misses, "false_positives": false_pos}


def timing(repeats: int = 5) -> dict:
    meta = policy_meta()
    names = sorted(p.name for p in POLICIES.glob("*.txt"))
    texts = {n: (POLICIES / n).read_text(encoding="utf-8") for n in names}
    run_doc(names[0], meta)  # warm the reference caches
    walls = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for n in names:
            row = meta.get(n, {})
            extract_targets(texts[n], doc=n, issuing_region=row.get("issuing_region"),
                            doc_year=int(row["published"][:4]) if row.get("published") else None)
        walls.append(time.perf_counter() - t0)
    counts = {n: len(run_doc(n, meta)[1]) for n in names}
    return {"docs": len(names), "chars": sum(map(len, texts.values())), "best_s": min(walls),
            "median_s": statistics.median(walls), "counts": counts}


def main(argv: list[str]) -> int:
    res = evaluate()
    strict = evaluate(strict_year=True)
    tim = timing()
    if "--json" in argv:
        print(json.dumps({**res, "strict_year_f1": strict["f1"], "timing": tim}, ensure_ascii=False, indent=1))
        return 0
    print("Combined key (value-or-range, unit, target year, comparator class, core metric)")
    print(f"  precision {res['precision']:.3f}  recall {res['recall']:.3f}  F1 {res['f1']:.3f}  "
          f"(tp {res['tp']}, fp {res['fp']}, fn {res['fn']}; low-confidence gold optional)")
    print(f"  with an empty gold year also required empty: F1 {strict['f1']:.3f} "
          f"(tp {strict['tp']}, fp {strict['fp']}, fn {strict['fn']})")
    for doc, d in res["per_doc"].items():
        print(f"  {doc}: gold {d['gold']} pred {d['pred']} tp {d['tp']} fp {d['fp']} fn {d['fn']}")
    print("\nPer field (right on an aligned prediction; P over predictions, R over gold)")
    print(f"  {'field':<22} {'P':>6} {'R':>6} {'F1':>6}")
    for name, (p, r, f) in res["fields"].items():
        print(f"  {name:<22} {p:6.3f} {r:6.3f} {f:6.3f}")
    print(f"  mean span IoU with the gold quote on aligned rows: {res['mean_span_iou']:.3f}")
    print(f"\nTiming: {tim['docs']} seed documents ({tim['chars']} characters) in "
          f"{tim['best_s'] * 1000:.1f} ms best / {tim['median_s'] * 1000:.1f} ms median of 5")
    print("Targets per seed document: " + ", ".join(f"{k} {v}" for k, v in tim["counts"].items()))
    print(f"\nMisses ({len(res['misses'])}):")
    for m in res["misses"]:
        print("  " + m)
    print(f"\nFalse positives ({len(res['false_positives'])}):")
    for m in res["false_positives"]:
        print("  " + m)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
