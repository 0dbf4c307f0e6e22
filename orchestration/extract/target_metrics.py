"""Vocabulary of the target extractor: what a target measures (metric code of
seeds/reference/metrics.csv), its kind and its category.

The rules read the *measured noun* of a target (高新技术企业, 技改投资, 战略性新兴产业产值占规上工业产值,
…) together with its unit and comparator. They are ordered lists of (pattern, code), kept as data
in lexicon/metric_rules.csv; the first pattern that matches wins, so the specific comes before the
generic.
"""

from __future__ import annotations

import re

from orchestration.extract import lexicon

# Metrics that are about the whole regional economy or all of manufacturing: their industry is
# 'all' whatever the sentence calls it (conventions: `all` = economy- or manufacturing-wide).
REGION_WIDE = {
    "above_scale_industrial_output", "above_scale_industrial_output_growth_pct",
    "above_scale_industrial_revenue", "above_scale_industrial_revenue_growth_pct",
    "manufacturing_output_value", "manufacturing_output_growth_pct", "industry_va_growth_pct",
    "manufacturing_va_growth_pct", "above_scale_industrial_firms", "above_scale_firms_new",
    "above_scale_firms_net_increase", "tech_renovation_investment",
    "tech_renovation_investment_growth_pct", "industrial_investment",
    "industrial_investment_growth_pct", "fixed_asset_investment", "fixed_asset_investment_growth_pct",
    "rd_expenditure", "rd_expenditure_growth_pct", "rd_intensity_pct", "gdp", "gdp_growth_pct",
    "investment_inflow_growth_pct", "high_tech_enterprises", "rank_position", "reduction_pct",
    "tech_renovation_projects", "tech_renovation_key_projects",
}

# Generic count metrics: the thing counted is kept in `kind`.
GENERIC = {
    "enterprise_count", "platform_count", "product_count", "project_count", "cluster_count",
    "coverage_pct", "organization_count", "event_count", "award_count", "certification_count",
    "standard_count", "talent_team_count", "share_pct", "fund_amount", "land_area",
    "physical_quantity", "enterprise_count_growth_pct", "industrial_output_growth_pct",
    "other_growth_pct", "other_amount",
}

# The rules, kinds and categories are data: lexicon/metric_rules.csv (per basis, in order),
# lexicon/kinds.csv and lexicon/categories.csv.
# (compiled once: the rules are tried for every target row)
def _compiled(rules: list[tuple[str, str]]) -> list[tuple[re.Pattern, str]]:
    return [(re.compile(pattern), code) for pattern, code in rules]


GROWTH_RULES = _compiled(lexicon.metric_rules("growth"))
SHARE_RULES = _compiled(lexicon.metric_rules("share"))
MONEY_RULES = _compiled(lexicon.metric_rules("money"))
COUNT_RULES = _compiled(lexicon.metric_rules("count"))
_ABOVE = r"(?:规上|规模以上|规模)"   # 规模工业(企业) is how Jiangsu writes 规上

# A count of 技改 projects under way (实施/推进200项重点技改项目), which a 技改 project list (项目库)
# counts. Starts, completions, signings and pipelines (新开工, 竣工, 签约, 储备 …) are other counts
# that the list does not give as such: they stay generic project counts, as does 新增.
_TECH_RENOVATION_PROJECTS = re.compile(r"(?:技改|技术改造)[^,。;]*?项目$")
_NOT_UNDER_WAY = re.compile(r"开工|竣工|投产|建成|签约|落户|引进|招引|谋划|储备|入库|申报|争取")

_EVENT_UNITS = {"场", "次", "届", "期"}
_FIRM_UNITS = {"家", "户"}


def _first(rules: list[tuple[re.Pattern, str]], text: str) -> str | None:
    for pattern, code in rules:
        if pattern.search(text):
            return code
    return None


def _head(rules: list[tuple[re.Pattern, str]], text: str) -> str | None:
    """The rule of the head noun: Chinese noun phrases end with their head (…平台注册企业 counts
    企业, …企业创业创新示范基地 counts 基地), so the match that ends last wins."""
    best, best_end = None, -1
    for pattern, code in rules:
        for m in pattern.finditer(text):
            if m.end() > best_end:
                best, best_end = code, m.end()
    return best


def metric_code(noun: str, unit: str, comparator: str, *, growth: bool, flow: str = "",
                all_industry: bool = True) -> str:
    """The metric code of a target whose measured noun is `noun`.

    `growth`: the value is a growth rate (增长X%, 倍增); `flow`: the flow word (新增, 净增 …) when the
    target counts additions; `all_industry`: no industry restricts the target.
    """
    if growth or comparator == "growth_at_least":
        return _first(GROWTH_RULES, noun) or "other_growth_pct"
    if unit in ("%", "个百分点"):
        return _first(SHARE_RULES, noun) or ("coverage_pct" if "覆盖" in noun else "share_pct")
    if unit.endswith("元"):
        return _first(MONEY_RULES, noun) or "other_amount"
    if unit == "名" and re.search(r"强|前|第|位次|排名", noun):
        return "rank_position"
    if unit.endswith(("亩", "公顷", "平方公里", "平方米")):
        return "land_area"
    if re.search(r"小升规|升规", noun):
        return "above_scale_firms_new"
    if re.search(_ABOVE + r"(?:工业|制造业)?企业", noun):     # 新增规模以上制造业企业500户: a scope of the register
        if "净增" in flow or "净增" in noun:
            return "above_scale_firms_net_increase"
        if flow or comparator == "increase_by":
            return "above_scale_firms_new"
        return "above_scale_industrial_firms"
    if re.search(r"高新技术企业", noun):
        return "high_tech_enterprises" if all_industry else "enterprise_count"
    if _TECH_RENOVATION_PROJECTS.search(noun) and not flow and not _NOT_UNDER_WAY.search(noun):
        return "tech_renovation_key_projects" if "重点" in noun else "tech_renovation_projects"
    code = _head(COUNT_RULES, noun)
    if code:
        return code
    if unit in _EVENT_UNITS:
        return "event_count"
    if unit in _FIRM_UNITS:
        return "enterprise_count"
    if unit.endswith(("吨", "斤", "瓦", "瓦时", "公里", "千米", "米", "方", "辆", "标准煤", "标煤", "‰")):
        return "physical_quantity"
    return "project_count"


# --------------------------------------------------------------------------------------------
# Kind: what a generic count counts

_KINDS = lexicon.column("kinds.csv", "kind")


KNOWN_KINDS = frozenset(_KINDS)


def kind_of(metric: str, noun: str) -> str:
    """The counted kind: the known word that ends last in the noun (longest on a tie)."""
    if metric not in GENERIC:
        return ""
    if metric in ("coverage_pct", "land_area", "physical_quantity", "share_pct", "fund_amount",
                  "other_growth_pct", "enterprise_count_growth_pct", "industrial_output_growth_pct",
                  "other_amount"):
        return noun
    best, best_key = "", (-1, 0)
    for word in _KINDS:
        i = noun.rfind(word)
        if i >= 0 and (i + len(word), len(word)) > best_key:
            best, best_key = word, (i + len(word), len(word))
    return best or noun


# --------------------------------------------------------------------------------------------
# Category

CATEGORY_RULES = [(re.compile(row["pattern"]), row["category"]) for row in lexicon.rows("categories.csv")]


def category_of(noun: str, section: str = "") -> str:
    for text in (noun, section):
        if not text:
            continue
        for pattern, cat in CATEGORY_RULES:
            if pattern.search(text):
                return cat
    return "other"
