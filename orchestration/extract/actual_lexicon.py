"""Vocabulary of the actuals reader: subject tokens and metric resolution.

Everything here works on normalised text (``text.normalise``).

A figure's subject is read as a sequence of tokens: an *entity* (规模以上工业, 高技术制造业,
固定资产投资 ...), a *measure* (增加值, 产值, 营业收入, 企业 ...), flags (新增, 净增, 年末),
fillers that carry no meaning for the metric (全年, 全市, 同比, 按可比价格计算 ...), period and
year markers, and region names. Anything left over is *residual*: a word the parser does not
know, which means the figure is about something else (装备制造业, 民营企业, 粮食产量 ...) and must
not be mapped to a catalog metric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.extract import lexicon
from orchestration.extract.text.numbers import CN_MONTH, CN_NUM, CN_PCT, NUM, cn_percent, month_number  # noqa: F401
from orchestration.extract.text.firsts import first_chars
from orchestration.extract.text.periods import Token, period_token, year_token
from orchestration.extract.text.regions import FALLBACK_NAME, pattern_with_fallback  # noqa: F401


# --------------------------------------------------------------------------------------------
# Subject tokens

# Entities. Keys are resolved by `resolve_metric`.
ABOVE = "above"          # 规模以上工业 (企业)
MFG = "mfg"              # 制造业
HTM = "htm"              # 高技术制造业 (NBS)
HTI = "hti"              # 高新技术产业 (Anhui definition)
SEI = "sei"              # 战略性新兴产业
HTE = "hte"              # 高新技术企业 (certified firms)
INDUSTRY = "industry"    # bare 工业
TECHRENO = "techreno"    # 工业技术改造投资
INDINV = "indinv"        # 工业投资
FAI = "fai"              # 固定资产投资
GDP = "gdp"              # 地区生产总值
RD = "rd"                # R&D 经费
RD_SCOPED = "rd_scoped"  # R&D of a sub-population (规上工业企业R&D): no catalog metric

# Measures.
VA, OUTPUT, REVENUE, INV, FIRMS, EXPEND = "va", "output", "revenue", "inv", "firms", "expend"

def _token_specs() -> list[tuple[str, str, dict]]:
    """(regex, kind, attributes) from lexicon/subject_tokens.csv. kind is one of entity, measure,
    flag, filler, scope, share_word, bound, cmp, foreign, target, single_period; the longest match
    wins at each position, ties going to the earlier row."""
    out = []
    for row in lexicon.rows("subject_tokens.csv"):
        attrs = {k: (True if v == "true" else v) for k, v in row.items()
                 if k not in ("pattern", "kind", "source") and v}
        out.append((row["pattern"], row["kind"], attrs))
    return out


_TOKEN_SPECS = _token_specs()


def _longest_first(rx: str) -> str:
    """Reorder a plain `a|bc|d` alternation longest first (regex alternation is first-match)."""
    if "(" in rx or "[" in rx or "\\" in rx:
        return rx
    return "|".join(sorted(rx.split("|"), key=len, reverse=True))


TOKEN_PATTERNS = [(re.compile(_longest_first(rx)), kind, attrs) for rx, kind, attrs in _TOKEN_SPECS]

# Which patterns can start at a character (in file order, so ties still go to the earlier one);
# patterns whose first character cannot be told are tried everywhere.
_ALWAYS = [i for i, (rx, _, _) in enumerate(TOKEN_PATTERNS) if first_chars(rx.pattern) is None]
_BY_FIRST: dict[str, list[int]] = {}
for _i, (_rx, _, _) in enumerate(TOKEN_PATTERNS):
    for _ch in first_chars(_rx.pattern) or ():
        _BY_FIRST.setdefault(_ch, []).append(_i)
_PERIOD_FIRSTS = set("0123456789一二三四五六七八九十〇○零两今前第首上下")


def _patterns_from(ch: str) -> list:
    return [TOKEN_PATTERNS[i] for i in sorted(_BY_FIRST.get(ch, []) + _ALWAYS)]

_FOOTNOTE = re.compile(r"\[\d{1,2}\]|〔\d{1,2}〕|[①②③④⑤⑥⑦⑧⑨⑩]|注\d")
_SKIP_CHARS = set(" \t\r\u3000,,、:;()[]【】“”\"'‘’《》<>·•-/")
_RESIDUAL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@dataclass
class Tokens:
    items: list[Token]
    residual: str


def tokenize(text: str, start: int, end: int, region_rx: re.Pattern | None = None) -> Tokens:
    """Read text[start:end] as subject tokens; collect what no token explains as residual."""
    items: list[Token] = []
    residual: list[str] = []
    pos = start
    while pos < end:
        ch = text[pos]
        if ch in "((":
            close = text.find(")", pos, min(end, pos + 24))
            if close != -1:
                pos = close + 1
                continue
        foot = _FOOTNOTE.match(text, pos, end)
        if foot:  # 生产总值(GDP)[2]3071.5亿元
            pos = foot.end()
            continue
        if ch in _SKIP_CHARS:
            pos += 1
            continue
        best: Token | None = None
        if ch in _PERIOD_FIRSTS:
            for tok in (period_token(text, pos), year_token(text, pos)):
                if tok and tok.end <= end and (best is None or tok.end > best.end):
                    best = tok
        for rx, kind, attrs in _patterns_from(ch):
            m = rx.match(text, pos, end)
            if m and m.end() > pos and (best is None or m.end() > best.end):
                best = Token(kind, pos, m.end(), dict(attrs))
        if region_rx is not None:
            m = region_rx.match(text, pos, end)
            if m and (best is None or m.end() > best.end):
                best = Token("region", pos, m.end(), {"name": m.group(0)})
        if best is None:
            if _RESIDUAL.match(ch):
                residual.append(ch)
            pos += 1
            continue
        items.append(best)
        pos = best.end
    return Tokens(items, "".join(residual))


# --------------------------------------------------------------------------------------------
# Subjects and metric resolution


@dataclass
class Subject:
    entity: str | None = None
    measure: str | None = None
    weak_measure: str | None = None
    flags: frozenset = frozenset()
    start: int | None = None
    region: str | None = None
    end: int | None = None  # set when the subject follows its count (新增127户规上工业企业)

    def effective_measure(self) -> str | None:
        return self.measure or self.weak_measure


def subject_from(tokens: Tokens) -> Subject | None:
    """Combine entity/measure/flag tokens into one subject (None when there are none)."""
    entities = [t for t in tokens.items if t.kind == "entity"]
    measures = [t for t in tokens.items if t.kind == "measure"]
    flags = {t.attrs["flag"] for t in tokens.items if "flag" in t.attrs}
    if not entities and not measures and not flags:
        return None
    entity = None
    weak = None
    measure = None
    for tok in entities:
        new = tok.attrs["entity"]
        if new == RD and entity is not None and entity != RD:
            new = RD_SCOPED  # 规模以上工业企业R&D经费: a narrower numerator, not the region's
        if entity == INDUSTRY and new == FAI:
            new = INDINV
        elif entity in (TECHRENO, INDINV) and new == INDUSTRY:
            continue
        entity = new
        weak = tok.attrs.get("weak")
        measure = tok.attrs.get("measure")
    for tok in measures:
        if tok.start > (entities[-1].start if entities else -1) or measure is None:
            m = tok.attrs["measure"]
            if entity == INDUSTRY and m == INV:
                entity, measure = INDINV, INV
            elif entity in (TECHRENO, INDINV, FAI) and m == INV:
                measure = INV
            else:
                measure = m
    starts = [t.start for t in tokens.items
              if t.kind in ("entity", "measure", "scope") or "flag" in t.attrs]
    return Subject(entity, measure, weak, frozenset(flags), min(starts) if starts else None)


_INDUSTRIAL_DENOM = re.compile(r"工业|规上|规模以上|产值|增加值|营业收入|^$")


def resolve_metric(subject: Subject, basis: str, *, keyword: str = "",
                   denom: str = "") -> str | None:
    """Catalog metric code for a subject and a figure basis, or None when there is none.

    basis: growth, amount (亿元-like level), count (户/家/个 level), share.
    """
    e, m = subject.entity, subject.measure
    mw = subject.effective_measure()
    flags = subject.flags
    if basis == "growth":
        if e == ABOVE:
            return {None: "industry_va_growth_pct", VA: "industry_va_growth_pct",
                    OUTPUT: "above_scale_industrial_output_growth_pct",
                    REVENUE: "above_scale_industrial_revenue_growth_pct"}.get(m)
        if e == MFG and m == VA:
            return "manufacturing_va_growth_pct"
        if e == HTM and m in (None, VA):
            return "high_tech_manufacturing_va_growth_pct"
        if e == HTI and m in (None, VA):
            return "high_tech_industry_va_growth_pct"
        if e == SEI and m in (None, OUTPUT):
            return "strategic_emerging_output_growth_pct"
        if e == SEI and m == VA:
            return "strategic_emerging_va_growth_pct"
        if e == TECHRENO and m in (None, INV):
            return "tech_renovation_investment_growth_pct"
        if e == INDINV and m in (None, INV):
            return "industrial_investment_growth_pct"
        if e == FAI and m in (None, INV):
            return "fixed_asset_investment_growth_pct"
        if e == GDP and m is None:
            return "gdp_growth_pct"
        if e == RD and m in (None, EXPEND, INV):
            return "rd_expenditure_growth_pct"
        return None
    if basis == "amount":
        if e == ABOVE and m == OUTPUT:
            return "above_scale_industrial_output"
        if e == ABOVE and m == REVENUE:
            return "above_scale_industrial_revenue"
        if e == MFG and m == OUTPUT:
            return "manufacturing_output_value"
        if e == TECHRENO and m in (None, INV):
            return "tech_renovation_investment"
        if e == INDINV and m in (None, INV):
            return "industrial_investment"
        if e == FAI and m in (None, INV):
            return "fixed_asset_investment"
        if e == GDP and m is None:
            return "gdp"
        if e == RD and m in (None, EXPEND, INV):
            return "rd_expenditure"
        return None
    if basis == "count":
        if e == ABOVE and mw in (None, FIRMS):
            if "net" in flags:
                return "above_scale_firms_net_increase"
            if "new" in flags:
                return "above_scale_firms_new"
            return "above_scale_industrial_firms"
        if e == HTE and mw in (None, FIRMS) and not flags:
            return "high_tech_enterprises"
        return None
    if basis == "share":
        industrial = bool(_INDUSTRIAL_DENOM.search(denom))
        if e == RD and (keyword == "强度" or re.search(r"生产总值|GDP|经济总量", denom)):
            return "rd_intensity_pct"
        if keyword == "强度" or not industrial:
            return None
        if e == HTM and m in (None, VA) and "产值" not in denom:
            return "high_tech_manufacturing_va_share_pct"
        if e == HTI:
            if m == OUTPUT or (m is None and "产值" in denom):
                return "high_tech_industry_output_share_pct"
            if m in (None, VA):
                return "high_tech_industry_va_share_pct"
        if e == SEI and m in (None, OUTPUT) and "增加值" not in denom:
            return "strategic_emerging_output_share_pct"
        return None
    return None
