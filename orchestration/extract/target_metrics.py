"""Vocabulary of the target extractor: what a target measures (metric code of
seeds/reference/metrics.csv), its kind and its category.

The rules read the *measured noun* of a target (高新技术企业, 技改投资, 战略性新兴产业产值占规上工业产值,
…) together with its unit and comparator. They are ordered lists of (pattern, code); the first
pattern that matches wins, so the specific comes before the generic.
"""

from __future__ import annotations

import re

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
}

# Generic count metrics: the thing counted is kept in `kind`.
GENERIC = {
    "enterprise_count", "platform_count", "product_count", "project_count", "cluster_count",
    "coverage_pct", "organization_count", "event_count", "award_count", "certification_count",
    "standard_count", "talent_team_count", "share_pct", "fund_amount", "land_area",
    "physical_quantity", "enterprise_count_growth_pct", "industrial_output_growth_pct",
    "other_growth_pct", "other_amount",
}

_RD = r"(?:研发|R&D|研究与试验发展)(?:经费)?(?:投入|支出)?"
_SEI = r"(?:战略性新兴产业|战新产业|战新)"
_ABOVE = r"(?:规上|规模以上|规模)"   # 规模工业(企业) is how Jiangsu writes 规上

GROWTH_RULES: list[tuple[str, str]] = [
    (r"技改投资|技术改造投资", "tech_renovation_investment_growth_pct"),
    (r"工业投资", "industrial_investment_growth_pct"),
    (r"固定资产投资", "fixed_asset_investment_growth_pct"),
    (r"到位资金|招商引资|引资|利用外资|引进资金", "investment_inflow_growth_pct"),
    (_RD, "rd_expenditure_growth_pct"),
    (r"地区生产总值|生产总值|GDP|经济总量", "gdp_growth_pct"),
    (r"高技术制造业", "high_tech_manufacturing_va_growth_pct"),
    (r"高新技术产业.*增加值|高新技术产业增加值", "high_tech_industry_va_growth_pct"),
    (_SEI + r".*增加值", "strategic_emerging_va_growth_pct"),
    (_SEI + r".*(?:产值|营业收入)", "strategic_emerging_output_growth_pct"),
    (r"制造业.*增加值", "manufacturing_va_growth_pct"),
    (r"^(?:全市|全省|全县|全区|全)?(?:规上|规模以上|规模|全部)?工业增加值", "industry_va_growth_pct"),
    (_ABOVE + r"工业.*(?:营业收入|营收|主营业务收入)", "above_scale_industrial_revenue_growth_pct"),
    (_ABOVE + r"工业.*产值|工业总产值|工业产值", "above_scale_industrial_output_growth_pct"),
    (r"^(?:全市|全省|全县|全区)?制造业", "manufacturing_output_growth_pct"),
    (r"企业|家数|户数", "enterprise_count_growth_pct"),
    (r"产值|营业收入|营收|规模", "industrial_output_growth_pct"),
]

SHARE_RULES: list[tuple[str, str]] = [
    (_RD + r".*(?:占|强度)|" + _RD + r"强度|研发投入强度", "rd_intensity_pct"),
    (r"覆盖率|全覆盖|覆盖面", "coverage_pct"),
    (r"高技术制造业.*增加值", "high_tech_manufacturing_va_share_pct"),
    (r"高新技术产业.*增加值", "high_tech_industry_va_share_pct"),
    (r"高新技术产业.*(?:产值|营业收入)", "high_tech_industry_output_share_pct"),
    (_SEI + r".*(?:产值|营业收入)", "strategic_emerging_output_share_pct"),
    (r"标准地", "standard_land_share_pct"),
]

MONEY_RULES: list[tuple[str, str]] = [
    (_ABOVE + r"工业.*(?:营业收入|营收|主营业务收入)", "above_scale_industrial_revenue"),
    (_ABOVE + r"工业.*产值|工业总产值|^(?:全市|全省|全县|全区|全)?工业(?:经济)?(?:总量|产值|总规模)", "above_scale_industrial_output"),
    (r"技改投资|技术改造投资", "tech_renovation_investment"),
    (r"工业投资", "industrial_investment"),
    (r"固定资产投资", "fixed_asset_investment"),
    (_RD, "rd_expenditure"),
    (r"地区生产总值|生产总值|GDP", "gdp"),
    (r"增加值", "industrial_value_added"),
    (r"^(?:全市|全省|全县|全区|全)?制造业(?:总)?产值", "manufacturing_output_value"),
    (r"产值|营业收入|营收|收入|总规模|产业规模|销售额|亿级|集群", "industrial_output_value"),
    (r"资金|基金|贷款|融资|奖补", "fund_amount"),
]

COUNT_RULES: list[tuple[str, str]] = [
    # clusters, and counts of industries or chains (4个优势产业, 10个千亿级产业链)
    (r"集群|(?:亿级|亿元级)[\u4e00-\u9fa5]{0,8}?产业|(?:优势|主导|重点|特色|新兴|支柱|首位)?产业(?:链)?$", "cluster_count"),
    (r"机器人", "robot_count"),
    (r"人才|团队|专家|院士|工程师|技能", "talent_team_count"),
    (r"质量奖|奖项|奖", "award_count"),
    (r"认证", "certification_count"),
    (r"(?<!化)标准(?!化|地|厂房)", "standard_count"),
    (r"委员会|协会|联盟|商会|基金|联合体", "organization_count"),
    (r"活动|培训|会议|大会|展会|论坛|大赛|比赛|对接会|沙龙|推介会", "event_count"),
    (r"中心|平台|基地|研究院|实验室|研发机构|孵化器|众创空间|工作站|示范区|试验区|先行区|先导区|集聚区|功能区|产业园|园区|小镇|站", "platform_count"),
    (r"项目|工程|场景|道路|干道|线路", "project_count"),
    (r"工厂|车间|企业|公司|市场主体|经营主体|主体|商户|个体户|厂商|供应商", "enterprise_count"),
    (r"产品|首台套|首批次|首版次|装备|新材料|软件|精品|品牌|商标|专利|新品", "product_count"),
]

_EVENT_UNITS = {"场", "次", "届", "期"}
_FIRM_UNITS = {"家", "户"}


def _first(rules: list[tuple[str, str]], text: str) -> str | None:
    for pattern, code in rules:
        if re.search(pattern, text):
            return code
    return None


def _head(rules: list[tuple[str, str]], text: str) -> str | None:
    """The rule of the head noun: Chinese noun phrases end with their head (…平台注册企业 counts
    企业, …企业创业创新示范基地 counts 基地), so the match that ends last wins."""
    best, best_end = None, -1
    for pattern, code in rules:
        for m in re.finditer(pattern, text):
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
    if re.search(_ABOVE + r"(?:工业)?企业", noun):
        if "净增" in flow or "净增" in noun:
            return "above_scale_firms_net_increase"
        if flow or comparator == "increase_by":
            return "above_scale_firms_new"
        return "above_scale_industrial_firms"
    if re.search(r"高新技术企业", noun):
        return "high_tech_enterprises" if all_industry else "enterprise_count"
    code = _head(COUNT_RULES, noun)
    if code:
        return code
    if unit in _EVENT_UNITS:
        return "event_count"
    if unit in _FIRM_UNITS:
        return "enterprise_count"
    if unit.endswith(("吨", "瓦", "瓦时", "公里", "千米", "米", "辆", "标准煤", "标煤")):
        return "physical_quantity"
    return "project_count"


# --------------------------------------------------------------------------------------------
# Kind: what a generic count counts

_KINDS = [
    "小巨人", "专精特新冠军", "单项冠军", "专精特新", "高新技术企业", "科技型中小企业", "瞪羚", "独角兽",
    "上市", "挂牌", "龙头企业", "链主", "伙伴", "服务型制造", "智能工厂", "数字化车间", "绿色工厂",
    "示范企业", "企业技术中心", "技术中心", "工业设计中心", "体验中心", "工程研究中心", "创新中心",
    "重点实验室", "研究院", "研发机构", "公共服务示范平台", "工业互联网平台", "示范基地", "示范区",
    "基地", "首台套", "首批次", "首版次", "新产品", "工业精品", "创新产品", "品牌", "应用场景",
    "示范项目", "技改项目", "制造业项目", "道路", "干道", "项目", "小镇", "基金", "人才团队", "标准",
    "质量奖", "认证", "培训", "活动", "机器人", "集群",
]


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

CATEGORY_RULES: list[tuple[str, str]] = [
    (r"高新技术企业", "innovation"),
    (r"美誉度|知名度|占有率", "quality_brand"),
    (r"研发|R&D", "innovation"),
    (r"产值|营业收入|增加值|总规模|产业规模|生产总值|集群", "economic_output"),
    (r"质量|品牌|标准(?!地)|新产品|工业精品|设计中心|三品|认证|质量奖|信息消费|美誉度|知名度|占有率", "quality_brand"),
    (r"数字|智能|工业互联网|上云|云资源|机器人|场景|两化|信息化|智慧", "digital"),
    (r"绿色|节能|能耗|低碳|碳排放|清洁|循环", "green"),
    (r"研发|创新|技术中心|科技|人才|研究院|首台套|首批次|首版次|实验室|对接活动|专利", "innovation"),
    (r"技改|投资|项目|招商|到位资金|引资", "investment"),
    (r"用地|土地|资金|基金|融资|标准地|贷款|奖补|财政", "support_measure"),
    (r"企业|专精特新|龙头|市场主体|规上|规模以上|挂牌|上市", "enterprise"),
]


def category_of(noun: str, section: str = "") -> str:
    for text in (noun, section):
        for pattern, cat in CATEGORY_RULES:
            if re.search(pattern, text):
                return cat
    return "other"
