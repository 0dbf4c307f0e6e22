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

from orchestration.extract.text.numbers import CN_MONTH, CN_NUM, CN_PCT, NUM, cn_percent, month_number  # noqa: F401
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

_P = r"(?:\([^()]{0,16}\))?"  # an optional parenthetical: (GDP), (R&D), (不含农户)

# (regex, kind, attributes). kind is one of entity, measure, flag, filler, scope, foreign,
# target, single_period. Longest match wins at each position; ties go to the earlier entry.
_TOKEN_SPECS: list[tuple[str, str, dict]] = [
    # entities
    (r"规模以上工业企业|规上工业企业|规模工业企业", "entity", {"entity": ABOVE, "weak": FIRMS}),
    (r"规模以上工业|规上工业|规模工业", "entity", {"entity": ABOVE}),
    (r"(?:新增|新)?(?:入规|进规|小升规|升规|纳规)(?:工业)?企业", "entity",
     {"entity": ABOVE, "weak": FIRMS, "flag": "new"}),
    (r"规模以上|规上", "scope", {}),
    (r"高技术制造业|高技术制造", "entity", {"entity": HTM}),
    (r"高新技术产业", "entity", {"entity": HTI}),
    (r"战略性新兴产业|战略新兴产业|战新产业|战略性新兴产业企业", "entity", {"entity": SEI}),
    (r"(?:国家级?)?高新技术企业|(?:国家级?)?高企", "entity", {"entity": HTE, "weak": FIRMS}),
    (r"制造业", "entity", {"entity": MFG}),
    (r"工业(?:固定资产)?投资|工业固投", "entity", {"entity": INDINV, "measure": INV}),
    (r"(?:工业)?(?:技术改造|技改)(?:投资|投入)?", "entity",
     {"entity": TECHRENO, "measure": INV}),
    (r"(?:全社会)?固定资产投资" + _P + r"|固投", "entity", {"entity": FAI, "measure": INV}),
    (r"(?:地区)?生产总值" + _P + r"|GDP|经济总量", "entity", {"entity": GDP}),
    (r"(?:研究与试验发展|研究和试验发展|研究与实验发展|研究与开发|研发|R&D|R&amp;D|全社会研发)"
     + _P + r"(?:经费)?", "entity", {"entity": RD}),
    (r"工业", "entity", {"entity": INDUSTRY}),
    # measures
    (r"增加值", "measure", {"measure": VA}),
    (r"总产值|产值", "measure", {"measure": OUTPUT}),
    (r"营业收入|主营业务收入|营收", "measure", {"measure": REVENUE}),
    (r"投资额|投资|投入", "measure", {"measure": INV}),
    (r"企业数量|企业数|企业|户数|家数", "measure", {"measure": FIRMS}),
    (r"经费支出|支出|经费投入", "measure", {"measure": EXPEND}),
    # flags
    (r"新增|新认定|新培育|新入统|新纳入", "flag", {"flag": "new"}),
    (r"净增|净增加", "flag", {"flag": "net"}),
    # fillers (carry nothing for the metric; some carry a period or a qualifier)
    (r"全年|当年|年内|本年|本年度|本期|今年|今年以来|年初以来|1月以来|全社会|全部", "filler", {}),
    (r"年末|年底|末", "filler", {"period": "Y"}),
    (r"全省|全市|全县|全区|我省|我市|我县|我区|本省|本市|本县|本区|市本级|全州", "filler",
     {"home": True}),
    (r"其中|其中:|在此基础上", "filler", {}),
    (r"同比|比上年同期|比去年同期|较上年同期|较去年同期|与上年同期相比|与去年同期相比|"
     r"比上年|较上年|比去年|较去年|与上年相比|与去年相比|比上年末|较上年末|比去年末|比年初",
     "filler", {}),
    (r"按可比价格计算|按可比价计算|按不变价格计算|按可比口径计算|按可比价|可比价|按现价计算|"
     r"扣除价格因素|实际|名义|同口径", "filler", {}),
    (r"经?初步核算|据初步核算|初步测算|初步统计|据统计|快报", "filler",
     {"qualifier": "初步核算"}),
    (r"预计", "filler", {"qualifier": "预计"}),
    (r"约|大约", "filler", {"qualifier": "约"}),
    (r"实现|完成|累计完成|累计实现|累计|达到|达|为|是|共有|共|拥有|有|总计|合计|计|"
     r"总额|总量|规模|总数|数量|数|个数|的|了|完成额|完成了|实现了|继续|保持|"
     r"有效期内|有效|认定|存量|在库|在统|入库|运行|主要|各项|指标|中|一般|分别|均", "filler", {}),
    (r"和|及|与|以及", "filler", {"conj": True}),
    (r"\d+万元以上|\d+万元及以上|500万元以上|500万元及以上", "filler", {}),
    (r"增速|增幅|增长率|增长速度", "filler", {}),
    # a share named before its change (比重比上年提高0.8个百分点): only a pp change may follow
    (r"比重|占比|比例|投入强度|强度", "share_word", {}),
    # bound words: 突破2000亿元 is not a figure (the caller skips it) but keeps the subject
    (r"突破|超过|超出|逾|接近|将近|近|不足|不到|超", "bound", {}),
    (r"(?:突破|超过|超|逾|跨上|迈上|站上|达到|接近)[\d.一二两三四五六七八九十百千万]*(?:万亿|千亿|百亿|亿|万)元?"
     r"(?:大关|台阶|级)?", "bound", {}),
    # comparisons with another year, period or place (checked by the caller)
    (r"(?:比|较|与)\d{4}年(?:同期)?(?:相比)?", "cmp", {}),
    (r"(?:比|较|高于|低于|快于|慢于|与)(?:一季度|上半年|前三季度|上月|上季度|上年全年|全国|全省|全市|"
     r"1-\d+月份?|前\d+个?月|\d+月份?)(?:相比)?", "cmp", {}),
    # markers that mean the figure is not the region's own, or not an actual
    (r"全国|全省平均|中部|长三角|东部|西部|沿海", "foreign", {}),
    (r"目标|力争|确保|争取|预期|计划|努力|要求|任务", "target", {}),
    (r"当月|本月|单月", "single_period", {}),
]



def _longest_first(rx: str) -> str:
    """Reorder a plain `a|bc|d` alternation longest first (regex alternation is first-match)."""
    if "(" in rx or "[" in rx or "\\" in rx:
        return rx
    return "|".join(sorted(rx.split("|"), key=len, reverse=True))


TOKEN_PATTERNS = [(re.compile(_longest_first(rx)), kind, attrs) for rx, kind, attrs in _TOKEN_SPECS]

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
        for tok in (period_token(text, pos), year_token(text, pos)):
            if tok and tok.end <= end and (best is None or tok.end > best.end):
                best = tok
        for rx, kind, attrs in TOKEN_PATTERNS:
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
