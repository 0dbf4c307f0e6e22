"""Matching predicted targets and actuals against labelled rows (pure; used by extraction_eval.py
and by the regression tests).

Level 2, the key the bar is set on:
- targets: value or range (units normalised: 万亿元 -> 亿元, 家 = 户 = 个 ...), the target year where
  the label states one (for single sentences: only where the sentence itself states it), the
  comparator family (growth / upper bound / level) and, for core metrics, the metric group;
- actuals: value, metric group (catalog metrics only), year and period, and, for whole documents,
  the region (taken from the page's context).

Metric groups: the labelled sets name some concepts with codes of their own (`gdp_level`,
`above_scale_firms`) or with one code where the catalog has two (the dev set files 规上工业总产值
of a city under `industry_output_value`); a group is one concept, so both spellings score alike.
Rows labelled `confidence=low` are optional: finding one is neither a hit nor a false positive.
So are actuals stated only as a floor (突破700亿元, 增长8%以上): the dev set files them under
`*_lower_bound` codes, outside the catalog, and the readers do not take a floor for a figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MONEY = {"元": 1e-8, "万元": 1e-4, "亿元": 1.0, "万亿元": 1e4}
PERCENT = {"%": "pct", "个百分点": "pp", "百分点": "pp"}
COUNT_MULTIPLIER = {"万户": 1e4, "万家": 1e4, "万个": 1e4, "万人": 1e4}

# One concept, several spellings (catalog codes first).
METRIC_GROUPS: dict[str, set[str]] = {
    "output_value": {"industrial_output_value", "industry_output_value", "above_scale_industrial_output",
                     "above_scale_industrial_revenue", "above_scale_industry_revenue",
                     "manufacturing_output_value"},
    "above_scale_firms_stock": {"above_scale_industrial_firms", "above_scale_firms"},
    "above_scale_firms_flow": {"above_scale_firms_new", "above_scale_firms_net_increase"},
    "tech_renovation_investment": {"tech_renovation_investment"},
    "tech_renovation_growth": {"tech_renovation_investment_growth_pct"},
    "rd_intensity": {"rd_intensity_pct"},
    "rd_expenditure": {"rd_expenditure"},
    "rd_expenditure_growth": {"rd_expenditure_growth_pct"},
    "industry_va_growth": {"industry_va_growth_pct"},
    "manufacturing_va_growth": {"manufacturing_va_growth_pct"},
    "gdp_growth": {"gdp_growth_pct"},
    "gdp": {"gdp", "gdp_level"},
    "cluster_count": {"cluster_count"},
    "fixed_asset_investment_growth": {"fixed_asset_investment_growth_pct"},
    "industrial_investment_growth": {"industrial_investment_growth_pct"},
    "high_tech_manufacturing_va_growth": {"high_tech_manufacturing_va_growth_pct", "high_tech_mfg_va_growth_pct"},
    "above_scale_output_growth": {"above_scale_industrial_output_growth_pct"},
    "above_scale_revenue_growth": {"above_scale_industrial_revenue_growth_pct"},
    "strategic_emerging_output_share": {"strategic_emerging_output_share_pct"},
    "strategic_emerging_output_growth": {"strategic_emerging_output_growth_pct"},
    "high_tech_enterprises": {"high_tech_enterprises"},
}
GROUP_OF = {code: group for group, codes in METRIC_GROUPS.items() for code in codes}

# The core metrics of the bar: output value, above-scale firms and their flows, 技改投资 and its
# growth, R&D intensity and expenditure, value-added growth, GDP growth, cluster counts.
CORE_TARGET_GROUPS = {
    "output_value", "above_scale_firms_stock", "above_scale_firms_flow", "tech_renovation_investment",
    "tech_renovation_growth", "rd_intensity", "rd_expenditure", "rd_expenditure_growth",
    "industry_va_growth", "manufacturing_va_growth", "gdp_growth", "cluster_count",
}


def metric_group(code: str | None) -> str | None:
    return GROUP_OF.get(code or "")


def _f(x) -> float | None:
    if x is None or x == "":
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def norm_value(unit, value, low=None, high=None, redacted=None) -> tuple:
    """(dimension, value-or-range) with money in 亿元, 万户 in 户 and counts in one dimension."""
    # a per-year unit (个/年, 亿元/年) is the unit; the year is the row's period
    unit = re.sub(r"/年$", "", (unit or "").strip())
    factor = 1.0
    if unit in MONEY:
        dim, factor = "money", MONEY[unit]
    elif unit in PERCENT:
        dim = PERCENT[unit]
    elif unit in COUNT_MULTIPLIER:
        dim, factor = "count", COUNT_MULTIPLIER[unit]
    elif re.fullmatch(r"[万亿](吨|亩|公里|千米|平方米|方|斤)", unit):
        dim, factor = unit[1:], 1e4 if unit[0] == "万" else 1e8     # 1.2万亩 = 12000亩
    elif re.search(r"(吨|亩|公里|千米|瓦|瓦时|平方米|方|斤|万元/人|台/万人)$", unit):
        dim = unit
    else:
        dim = "count"
    if str(redacted).lower() == "true":
        return dim, "redacted"
    v, lo, hi = _f(value), _f(low), _f(high)
    if lo is not None and hi is not None:
        return dim, (round(lo * factor, 6), round(hi * factor, 6))
    return dim, (round(v * factor, 6) if v is not None else None)


def comparator_family(c: str | None) -> str:
    return "growth" if c == "growth_at_least" else "upper" if c == "<=" else "level"


def _year(x) -> int | None:
    try:
        return int(str(x)[:4]) if x not in (None, "") else None
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------
# Keys

def target_key_ok(g: dict, p: dict, *, year_required: bool) -> bool:
    if norm_value(g["unit"], g["value"], g.get("value_low"), g.get("value_high"), g.get("redacted")) != \
            norm_value(p["unit"], p["value"], p.get("value_low"), p.get("value_high"), p.get("redacted")):
        return False
    if year_required and _year(g.get("target_year")) is not None and \
            _year(g.get("target_year")) != _year(p.get("target_year")):
        return False
    if comparator_family(g["comparator"]) != comparator_family(p["comparator"]):
        return False
    group = metric_group(g["metric"])
    if group in CORE_TARGET_GROUPS and metric_group(p["metric"]) != group:
        return False
    return True


def actual_key_ok(g: dict, p: dict, *, context: bool) -> bool:
    """`context`: whole documents, where region, year and period come from the page."""
    gv, pv = _f(g["value"]), _f(p["value"])
    if gv is None or pv is None or abs(gv - pv) > 1e-6 * max(1.0, abs(gv)):
        if norm_value(g["unit"], g["value"]) != norm_value(p["unit"], p["value"]):
            return False
    if metric_group(g["metric"]) is None or metric_group(g["metric"]) != metric_group(p["metric"]):
        return False
    if g.get("_year_required", True) and _year(g.get("year")) is not None and \
            _year(g.get("year")) != _year(p.get("year")):
        return False
    if context:
        if (g.get("period") or "Y") != (p.get("period") or "Y"):
            return False
        if g.get("_region_code") and g["_region_code"] != p.get("region_code") and \
                g.get("region") != p.get("region"):
            return False
    return True


# --------------------------------------------------------------------------------------------
# Matching

def span_iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def greedy(pairs: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    missed_rows: list[dict] = field(default_factory=list)
    false_rows: list[dict] = field(default_factory=list)
    aligned: list[tuple[dict, dict]] = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.misses += other.misses
        self.false_positives += other.false_positives
        self.missed_rows += other.missed_rows
        self.false_rows += other.false_rows
        self.aligned += other.aligned

    @property
    def prf(self) -> tuple[float, float, float]:
        return prf(self.tp, self.tp + self.fp, self.tp + self.fn)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def match(golds: list[dict], preds: list[dict], key, describe_gold, describe_pred) -> Score:
    """Greedy one-to-one matching on `key`, ties broken by span overlap with the gold quote."""
    pairs = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            if key(g, p):
                pairs.append((span_iou(g.get("_span", (-1, -1)), (p["start"], p["end"])), gi, pi))
    matched = greedy(pairs)
    mg = {gi for gi, _ in matched}
    mp = {pi for _, pi in matched}
    low = {gi for gi, g in enumerate(golds) if g.get("confidence") == "low"}
    score = Score()
    score.tp = sum(1 for gi in mg if gi not in low)
    score.fn = sum(1 for gi in range(len(golds)) if gi not in mg and gi not in low)
    score.fp = sum(1 for pi in range(len(preds)) if pi not in mp)
    score.misses = [describe_gold(golds[gi]) for gi in range(len(golds)) if gi not in mg and gi not in low]
    score.false_positives = [describe_pred(preds[pi]) for pi in range(len(preds)) if pi not in mp]
    score.missed_rows = [golds[gi] for gi in range(len(golds)) if gi not in mg and gi not in low]
    score.false_rows = [preds[pi] for pi in range(len(preds)) if pi not in mp]
    # Fields are compared on key matches, then on overlapping spans for the rest.
    extra = [(span_iou(g.get("_span", (-1, -1)), (p["start"], p["end"])), gi, pi)
             for gi, g in enumerate(golds) if gi not in mg
             for pi, p in enumerate(preds) if pi not in mp
             and span_iou(g.get("_span", (-1, -1)), (p["start"], p["end"])) > 0]
    score.aligned = [(golds[gi], preds[pi]) for gi, pi in matched + greedy(extra) if gi not in low]
    return score


def locate(text: str, quote: str) -> tuple[int, int]:
    i = text.find(quote) if quote else -1
    return (i, i + len(quote)) if i >= 0 else (-1, -1)


# --------------------------------------------------------------------------------------------
# Why a target was missed or falsely found (counts only: printed for the test split too, since
# a cause count says which part of the reader fails, not which rule to write)

def _inside(span: tuple[int, int], at: tuple[int, int]) -> bool:
    return span[0] >= 0 and span[0] <= at[0] and at[1] <= span[1]


def _value_span(p: dict) -> tuple[int, int]:
    spans = p.get("_spans") or {}
    return spans.get("value_start", p["start"]), spans.get("value_end", p["end"])


def _same_value(g: dict, p: dict) -> bool:
    return norm_value(g["unit"], g["value"], g.get("value_low"), g.get("value_high"), g.get("redacted")) == \
        norm_value(p["unit"], p["value"], p.get("value_low"), p.get("value_high"), p.get("redacted"))


def _failed_key(g: dict, p: dict) -> str:
    if _year(g.get("target_year")) is not None and _year(g.get("target_year")) != _year(p.get("target_year")):
        return "field: target year"
    if comparator_family(g["comparator"]) != comparator_family(p["comparator"]):
        return "field: comparator"
    return "field: metric"


def miss_cause(g: dict, targets: list[dict], actuals: list[dict], mentions: list, *, cls: str = "target") -> str:
    """What the reader made of a labelled row of class `cls` (target or actual) it did not find."""
    own, other = (targets, actuals) if cls == "target" else (actuals, targets)
    same_value, failed = (_same_value, _failed_key) if cls == "target" else (_same_figure, _failed_actual_key)
    span = g.get("_span", (-1, -1))
    if span[0] < 0:
        return "quote not in text"
    near = [p for p in own if _inside(span, _value_span(p))]
    same = [p for p in near if same_value(g, p)]
    if same:
        return failed(g, same[0])
    if any(_inside(span, _value_span(p)) for p in other):
        return "read as an actual" if cls == "target" else "read as a target"
    if near:
        return "field: value or unit"
    found = [m for m in mentions if _inside(span, (m.start, m.end)) and m.cls == "neither"]
    if not found:
        return "no number found"
    reason = found[0].reason
    if reason.startswith("in a target clause"):
        return "target clause, no row placed" if cls == "target" else "read as a target clause"
    if reason.startswith("in an actual clause"):
        return "read as an actual clause" if cls == "target" else "actual clause, no catalog metric"
    if reason == "no target or actual cue":
        return "no cue"
    return "neither rule: " + reason.split(" (")[0]


def false_cause(p: dict, targets: list[dict], actuals: list[dict], neither: list[dict]) -> str:
    """What the labels say of a target row the reader made that matches none."""
    at = _value_span(p)
    if any(_inside(g.get("_span", (-1, -1)), at) and _same_value(g, p) for g in targets):
        return "field error (also a miss)"
    if any(_inside(g.get("_span", (-1, -1)), at) for g in actuals):
        return "a labelled actual"
    hit = next((n for n in neither if _inside(n.get("_span", (-1, -1)), at)), None)
    if hit:
        return "a labelled distractor: " + (hit.get("class") or "other")
    if any(_inside(g.get("_span", (-1, -1)), at) for g in targets):
        return "wrong value inside a target's quote"
    return "a number no label covers"


def _failed_actual_key(g: dict, p: dict) -> str:
    if metric_group(g["metric"]) != metric_group(p["metric"]):
        return "field: metric"
    if _year(g.get("year")) is not None and _year(g.get("year")) != _year(p.get("year")):
        return "field: year"
    if (g.get("period") or "Y") != (p.get("period") or "Y"):
        return "field: period"
    return "field: region"


def _same_figure(g: dict, p: dict) -> bool:
    gv, pv = _f(g["value"]), _f(p["value"])
    return (gv is not None and pv is not None and abs(gv - pv) <= 1e-6 * max(1.0, abs(gv))) or \
        norm_value(g["unit"], g["value"]) == norm_value(p["unit"], p["value"])


def actual_false_cause(p: dict, targets: list[dict], actuals: list[dict], neither: list[dict]) -> str:
    """What the labels say of a catalog actual the reader made that matches none."""
    at = _value_span(p)
    covering = [g for g in actuals if _inside(g.get("_span", (-1, -1)), at)]
    if any(metric_group(g["metric"]) and _same_figure(g, p) for g in covering):
        return "field error (also a miss, or optional)"
    if covering:
        return "an actual outside the catalog" if all(not metric_group(g["metric"]) for g in covering) \
            else "wrong value inside an actual's quote"
    if any(_inside(g.get("_span", (-1, -1)), at) for g in targets):
        return "a labelled target"
    hit = next((n for n in neither if _inside(n.get("_span", (-1, -1)), at)), None)
    if hit:
        return "a labelled distractor: " + (hit.get("class") or "other")
    return "a number no label covers"
