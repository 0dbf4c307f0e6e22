"""Figure parser: one test per bulletin phrasing, negatives, spans and whole fixture bulletins.

The sentences are written for these tests in bulletin style; the numbers are facts from
shared/data/bulletin_figures.csv where one fits.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.extract import extract_figures
from orchestration.extract.actuals import FIELDS

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "bulletins"


def rows(text: str, **kw) -> list[dict]:
    return extract_figures(text, **kw)


def facts(text: str, **kw) -> list[tuple]:
    """(metric, period, value, basis) of every row, in order."""
    return [(r["metric"], r["period"], r["value"], r["basis"]) for r in rows(text, **kw)]


def only(text: str, **kw) -> dict:
    found = rows(text, **kw)
    assert len(found) == 1, found
    return found[0]


def _region_code(name: str) -> str | None:
    from orchestration.reference import region_code

    code = region_code(name)
    assert code, f"{name} is not in seeds/reference/regions.csv"
    return code


# --------------------------------------------------------------------------------------------
# Output shape


def test_output_keys_and_types():
    row = only("全年全省规模以上工业增加值比上年增长9.3%。", region="安徽省", year=2018)
    assert tuple(row) == FIELDS
    assert row["doc"] == "-"
    assert isinstance(row["value"], float)
    assert isinstance(row["start"], int) and isinstance(row["end"], int)


def test_doc_is_passed_through():
    assert only("规模以上工业增加值比上年增长9.3%。", doc="a/b.txt")["doc"] == "a/b.txt"


def test_empty_text():
    assert extract_figures("") == []


# --------------------------------------------------------------------------------------------
# Phrasings


def test_growth_vs_previous_year():
    row = only("全年全省规模以上工业增加值比上年增长9.3%。", region="安徽省", year=2018)
    assert (row["metric"], row["value"], row["unit"], row["basis"], row["period"]) == (
        "industry_va_growth_pct", 9.3, "%", "yoy_growth_pct", "Y")
    assert (row["region"], row["year"]) == ("安徽省", 2018)


def test_year_end_stock_of_firms_in_hu():
    row = only("年末全省规模以上工业企业20449户。", region="安徽省", year=2017)
    assert (row["metric"], row["value"], row["unit"], row["basis"]) == (
        "above_scale_industrial_firms", 20449.0, "户", "level")


def test_year_end_stock_of_firms_in_jia_is_converted_to_hu():
    row = only("年末全县规模以上工业企业118家。", region="砀山县", year=2020)
    assert (row["metric"], row["value"], row["unit"]) == (
        "above_scale_industrial_firms", 118.0, "户")


def test_new_firms_are_a_flow():
    row = only("全年新增规上工业企业127户。")
    assert (row["metric"], row["value"], row["unit"], row["basis"]) == (
        "above_scale_firms_new", 127.0, "户", "level")


def test_new_firms_with_count_before_noun():
    row = only("全年新增127家规上工业企业。")
    assert (row["metric"], row["value"]) == ("above_scale_firms_new", 127.0)


def test_net_increase_and_stock():
    assert facts("年末全市规模以上工业企业1587户,比上年末增加85户。") == [
        ("above_scale_industrial_firms", "Y", 1587.0, "level"),
        ("above_scale_firms_net_increase", "Y", 85.0, "level"),
    ]
    assert facts("全市净增规上工业企业85户。") == [
        ("above_scale_firms_net_increase", "Y", 85.0, "level")]


def test_tech_renovation_investment_growth():
    assert facts("全年工业技术改造投资增长18.0%。") == [
        ("tech_renovation_investment_growth_pct", "Y", 18.0, "yoy_growth_pct")]
    assert facts("技改投资增长20.5%。") == [
        ("tech_renovation_investment_growth_pct", "Y", 20.5, "yoy_growth_pct")]


def test_tech_renovation_investment_level():
    assert facts("全年完成工业技术改造投资7352.9亿元,比上年增长18%。") == [
        ("tech_renovation_investment", "Y", 7352.9, "level"),
        ("tech_renovation_investment_growth_pct", "Y", 18.0, "yoy_growth_pct"),
    ]


def test_rd_intensity_is_a_share():
    row = only("研究与试验发展(R&D)经费投入强度为2.56%。")
    assert (row["metric"], row["value"], row["unit"], row["basis"]) == (
        "rd_intensity_pct", 2.56, "%", "share_pct")


def test_rd_intensity_as_ratio_to_gdp():
    assert facts("R&D经费支出相当于地区生产总值的比例为0.86%。") == [
        ("rd_intensity_pct", "Y", 0.86, "share_pct")]
    assert facts("研发经费支出与GDP之比为2.56%。") == [("rd_intensity_pct", "Y", 2.56, "share_pct")]


def test_rd_expenditure_level_and_growth():
    assert facts("全年研究与试验发展(R&D)经费支出19.1亿元,增长19.1%。") == [
        ("rd_expenditure", "Y", 19.1, "level"),
        ("rd_expenditure_growth_pct", "Y", 19.1, "yoy_growth_pct"),
    ]


@pytest.mark.parametrize("marker, period", [
    ("1—4月", "M01-M04"), ("1-4月份", "M01-M04"), ("1～4月", "M01-M04"), ("1月至4月", "M01-M04"),
    ("前4个月", "M01-M04"), ("一季度", "M01-M03"), ("第一季度", "M01-M03"),
    ("上半年", "M01-M06"), ("前三季度", "M01-M09"), ("1-11月", "M01-M11"),
    ("1—11月份", "M01-M11"), ("前2个月", "M01-M02"), ("全年", "Y"),
])
def test_periods(marker, period):
    row = only(f"{marker},全县规模以上工业增加值同比增长4.2%。")
    assert (row["metric"], row["value"], row["period"]) == ("industry_va_growth_pct", 4.2, period)


def test_period_carries_through_the_paragraph():
    text = "1—4月,全县固定资产投资同比增长10.7%。工业投资增长14.3%,技改投资增长45.8%。"
    assert [r["period"] for r in rows(text)] == ["M01-M04"] * 3


def test_quarter_without_comma():
    row = only("一季度全市规上工业增加值增长7.9%。", region="宿州市", year=2022)
    assert (row["period"], row["value"], row["region"]) == ("M01-M03", 7.9, "宿州市")


def test_negative_growth():
    row = only("规模以上工业营业收入比上年下降3.1%。")
    assert (row["metric"], row["value"]) == ("above_scale_industrial_revenue_growth_pct", -3.1)
    assert only("固定资产投资增长-3.1%。")["value"] == -3.1


def test_zero_growth():
    assert only("规模以上工业增加值增长0.0%。")["value"] == 0.0
    assert only("规模以上工业增加值与上年持平。")["value"] == 0.0


def test_share_of_above_scale_output():
    row = only("全年战略性新兴产业产值占规上工业产值比重为35.5%。")
    assert (row["metric"], row["value"], row["basis"]) == (
        "strategic_emerging_output_share_pct", 35.5, "share_pct")


def test_share_rising_from_to_takes_the_new_value():
    row = only("高技术制造业增加值占全省规上工业的比重由上年的12.2%上升至16.1%。")
    assert (row["metric"], row["value"]) == ("high_tech_manufacturing_va_share_pct", 16.1)


def test_high_tech_industry_share_and_growth():
    assert facts("高新技术产业增加值比上年增长18.8%,占规模以上工业增加值比重为33.7%。") == [
        ("high_tech_industry_va_growth_pct", "Y", 18.8, "yoy_growth_pct"),
        ("high_tech_industry_va_share_pct", "Y", 33.7, "share_pct"),
    ]


def test_pp_change_is_not_a_level_or_share():
    text = "战略性新兴产业产值占规上工业产值比重为40.0%,较上年提高1.9个百分点。"
    assert facts(text) == [("strategic_emerging_output_share_pct", "Y", 40.0, "share_pct")]
    assert all(r["value"] != 1.9 for r in rows(text))


def test_pp_change_on_request():
    text = "战略性新兴产业产值占规上工业产值比重为40.0%,较上年提高1.9个百分点。"
    assert facts(text, include_pp_change=True) == [
        ("strategic_emerging_output_share_pct", "Y", 40.0, "share_pct"),
        ("strategic_emerging_output_share_pct", "Y", 1.9, "pp_change"),
    ]
    assert rows(text, include_pp_change=True)[1]["unit"] == "个百分点"


def test_pp_change_of_a_growth_rate_is_never_emitted():
    text = "规上工业增加值增长8.5%,增速比上年提高1.2个百分点,比全国高2.5个百分点。"
    assert facts(text, include_pp_change=True) == [
        ("industry_va_growth_pct", "Y", 8.5, "yoy_growth_pct")]


def test_gdp_level_then_growth_at_comparable_prices():
    text = "全年全市生产总值(GDP)11412.8亿元,按可比价格计算,比上年增长9.2%。"
    assert facts(text) == [
        ("gdp", "Y", 11412.8, "level"), ("gdp_growth_pct", "Y", 9.2, "yoy_growth_pct")]


def test_preliminary_qualifier():
    text = "初步核算,全年全市生产总值2291.5亿元,比上年增长5.8%。"
    assert [r["qualifier"] for r in rows(text)] == ["初步核算", "初步核算"]


def test_approximate_qualifiers():
    assert only("全年规上工业增加值增长2%左右。")["qualifier"] == "左右"
    row = only("预计全年固定资产投资增长7%左右。")
    assert (row["value"], row["qualifier"]) == (7.0, "预计;左右")
    assert only("全年生产总值约1350亿元。")["qualifier"] == "约"


def test_revenue_in_wan_yi_is_converted():
    row = only("规模以上工业营业收入4.34万亿元。")
    assert (row["metric"], row["value"], row["unit"]) == (
        "above_scale_industrial_revenue", 43400.0, "亿元")


def test_revenue_level_and_growth_in_one_clause():
    assert facts("全省规模以上工业企业实现营业收入50875亿元,比上年增长8.9%。") == [
        ("above_scale_industrial_revenue", "Y", 50875.0, "level"),
        ("above_scale_industrial_revenue_growth_pct", "Y", 8.9, "yoy_growth_pct"),
    ]


def test_value_added_level_has_no_metric_but_its_growth_does():
    assert facts("规模以上工业增加值1234亿元,增长8.5%。") == [
        ("industry_va_growth_pct", "Y", 8.5, "yoy_growth_pct")]


def test_high_tech_enterprises_in_wan_jia():
    row = only("年末全省高新技术企业2.3万家。")
    assert (row["metric"], row["value"], row["unit"]) == ("high_tech_enterprises", 23000.0, "家")


def test_full_width_digits():
    text = "全年规模以上工业增加值比上年增长８．５％。"
    row = only(text)
    assert row["value"] == 8.5
    assert text[row["start"]:row["end"]].endswith("８．５％")


def test_chinese_numeral_percent():
    assert only("全年规模以上工业增加值增长百分之八。")["value"] == 8.0
    assert only("规上工业增加值增长百分之八点五。")["value"] == 8.5


def test_growth_in_times():
    assert only("全年工业投资增长1.6倍。")["value"] == 160.0


def test_traditional_script():
    text = "全縣規模以上工業增加值同比增長4.7%,規上製造業增加值增長6.6%。"
    assert facts(text) == [
        ("industry_va_growth_pct", "Y", 4.7, "yoy_growth_pct"),
        ("manufacturing_va_growth_pct", "Y", 6.6, "yoy_growth_pct"),
    ]


# --------------------------------------------------------------------------------------------
# Subject carry-over


def test_subject_carry_over_after_qizhong():
    text = "固定资产投资比上年增长9.4%。其中,工业投资增长13.5%,工业技术改造投资增长17.8%。"
    assert facts(text) == [
        ("fixed_asset_investment_growth_pct", "Y", 9.4, "yoy_growth_pct"),
        ("industrial_investment_growth_pct", "Y", 13.5, "yoy_growth_pct"),
        ("tech_renovation_investment_growth_pct", "Y", 17.8, "yoy_growth_pct"),
    ]


def test_growth_and_share_with_subject_carried():
    text = "其中,高技术制造业增加值增长38.0%,占规模以上工业增加值比重为31.9%。"
    assert facts(text) == [
        ("high_tech_manufacturing_va_growth_pct", "Y", 38.0, "yoy_growth_pct"),
        ("high_tech_manufacturing_va_share_pct", "Y", 31.9, "share_pct"),
    ]


def test_measure_carried_to_a_sub_industry():
    text = "全年规模以上工业增加值比上年增长10.6%。其中,制造业增长11.2%。"
    assert facts(text)[1] == ("manufacturing_va_growth_pct", "Y", 11.2, "yoy_growth_pct")


def test_investment_context_does_not_make_manufacturing_value_added():
    assert facts("工业投资增长13.5%,其中制造业投资增长15.0%。") == [
        ("industrial_investment_growth_pct", "Y", 13.5, "yoy_growth_pct")]


def test_lists_with_fenbie():
    text = "工业投资和技改投资分别增长13.5%和17.8%。"
    assert facts(text) == [
        ("industrial_investment_growth_pct", "Y", 13.5, "yoy_growth_pct"),
        ("tech_renovation_investment_growth_pct", "Y", 17.8, "yoy_growth_pct"),
    ]
    text = "战略性新兴产业产值、高新技术产业增加值分别增长27.7%、18.8%。"
    assert facts(text) == [
        ("strategic_emerging_output_growth_pct", "Y", 27.7, "yoy_growth_pct"),
        ("high_tech_industry_va_growth_pct", "Y", 18.8, "yoy_growth_pct"),
    ]


def test_named_region_in_the_sentence_overrides_the_default():
    found = rows("萧县规上工业增加值增长4.7%,灵璧县增长4.2%。", region="宿州市", year=2023)
    assert [(r["region"], r["value"]) for r in found] == [("萧县", 4.7), ("灵璧县", 4.2)]
    assert found[0]["region_code"] == _region_code("萧县")


# --------------------------------------------------------------------------------------------
# Document context


def test_region_year_from_bulletin_title():
    text = "宿州市2023年国民经济和社会发展统计公报\n全年全市规模以上工业增加值比上年增长4.4%。"
    row = only(text)
    assert (row["region"], row["year"], row["period"]) == ("宿州市", 2023, "Y")
    assert row["region_code"] == _region_code("宿州市")


def test_region_year_period_from_monthly_title():
    text = "2024年1—4月全省经济运行情况\n全省规模以上工业增加值同比增长8.5%。"
    row = only(text)
    assert (row["region"], row["year"], row["period"]) == ("安徽省", 2024, "M01-M04")


def test_explicit_defaults_win_over_nothing():
    row = only("全县规模以上工业增加值增长4.4%。", region="砀山县", year=2020)
    assert (row["region"], row["year"]) == ("砀山县", 2020)


def test_work_report_reviews_the_year_before():
    text = ("宿州市2023年政府工作报告\n过去一年,全市新增规上工业企业127户,"
            "规上工业增加值增长6%。\n2023年主要预期目标是:\n地区生产总值增长6%左右;"
            "规上工业增加值增长8%。")
    assert [(r["metric"], r["year"], r["value"]) for r in rows(text)] == [
        ("above_scale_firms_new", 2022, 127.0), ("industry_va_growth_pct", 2022, 6.0)]


# --------------------------------------------------------------------------------------------
# Negatives


@pytest.mark.parametrize("text", [
    "根据皖政〔2023〕12号文件,2023年4月23日召开全市工业经济运行调度会。",
    "年末全市常住人口523.6万人,比上年末减少1.3万人。",
    "全年粮食总产量45.6亿斤,比上年增长1.2%。",
    "全年接待游客3456万人次,旅游总收入345.6亿元,增长30.1%。",
    "全年社会消费品零售总额1234.5亿元,比上年增长7.1%。",
    "第二产业增加值880.1亿元,增长5.0%。",
    "按常住人口计算,人均地区生产总值43210元,比上年增长3.9%。",
    "全年全部工业增加值增长6.0%。",
    "全省装备制造业增加值同比增长15.2%,占规上工业增加值的比重达40.3%。",
    "民营工业企业增加值增长11%,中小型工业企业增加值增长9.9%。",
    "规模以上工业企业实现利润总额85.3亿元,下降4.2%。",
    "高技术制造业投资增长48.8%,制造业投资下降3.1%。",
    "全省规上工业41个大类行业中有34个行业增加值同比增长,增长面为82.9%。",
    "常住人口城镇化率为45.16%,比上年末提高1.02个百分点。",
    "全国规模以上工业增加值比上年增长4.6%。",
    "规模以上工业企业研究与试验发展(R&D)经费支出45.6亿元。",
    "新认定高新技术企业312家。",
    "新增45家规上工业企业专精特新企业。",
])
def test_unrelated_figures_are_ignored(text):
    assert rows(text) == []


def test_single_month_and_other_comparisons_are_skipped():
    text = ("10月份,全省规模以上工业增加值同比增长3.0%,比2019年同期增长11.8%,两年平均增长5.7%。"
            "1-10月,规模以上工业增加值同比增长12.1%,其中10月当月增长3.0%。")
    assert facts(text) == [("industry_va_growth_pct", "M01-M10", 12.1, "yoy_growth_pct")]


def test_targets_and_bounds_are_not_figures():
    assert rows("力争规上工业增加值增长10%以上。") == []
    assert rows("到2025年,战略性新兴产业产值占规上工业产值比重达到45%。") == []
    assert rows("全市生产总值突破1600亿元。") == []
    assert rows("十四五以来,全市规上工业增加值年均增长7.1%。") == []


def test_future_year_in_a_report_is_a_plan():
    text = "关于宿州市2023年计划执行情况与2024年计划草案的报告\n2024年,全市规上工业增加值增长8%。"
    assert rows(text) == []


# --------------------------------------------------------------------------------------------
# Spans


@pytest.mark.parametrize("text, subject, number", [
    ("全年全市规模以上工业增加值比上年增长8.5%。", "规模以上工业增加值", "8.5%"),
    ("年末全市规模以上工业企业1234户。", "规模以上工业企业", "1234户"),
    ("研究与试验发展(R&D)经费投入强度为1.52%。", "研究与试验发展", "1.52%"),
    ("规模以上工业营业收入4.34万亿元。", "规模以上工业营业收入", "4.34万亿元"),
    ("其中,高技术制造业增加值增长12.1%,占规模以上工业增加值比重为15.2%。", "高技术制造业", "15.2%"),
    ("全年全市生产总值(GDP)2345.6亿元,按可比价格计算,比上年增长6.1%。", "生产总值", "6.1%"),
])
def test_span_holds_subject_and_number(text, subject, number):
    found = rows(text)
    assert found
    clause = text[found[-1]["start"]:found[-1]["end"]]
    assert subject in clause and clause.endswith(number)


def test_spans_are_offsets_in_the_original_text():
    text = "  标题\n\n一、工业\n全年规模以上工业增加值比上年增长８．５％;年末规上工业企业１２３４户。"
    for row in rows(text):
        assert text[row["start"]:row["end"]] in row["sentence"]
        assert row["sentence"] in text


# --------------------------------------------------------------------------------------------
# Whole fixture bulletins

FIXTURE_EXPECTED = {
    "suzhou_2022_annual.txt": ("宿州市", 2022, [
        ("gdp", "Y", 2224.6, "level"),
        ("gdp_growth_pct", "Y", 3.6, "yoy_growth_pct"),
        ("industry_va_growth_pct", "Y", 6.0, "yoy_growth_pct"),
        ("above_scale_firms_new", "Y", 127.0, "level"),
        ("strategic_emerging_output_growth_pct", "Y", 11.0, "yoy_growth_pct"),
        ("fixed_asset_investment_growth_pct", "Y", 10.0, "yoy_growth_pct"),
        ("tech_renovation_investment_growth_pct", "Y", 20.0, "yoy_growth_pct"),
        ("rd_expenditure", "Y", 19.1, "level"),
        ("rd_expenditure_growth_pct", "Y", 19.1, "yoy_growth_pct"),
        ("rd_intensity_pct", "Y", 0.86, "share_pct"),
    ]),
    "lingbi_2023_m01_m04.txt": ("灵璧县", 2023, [
        ("industry_va_growth_pct", "M01-M04", 4.2, "yoy_growth_pct"),
        ("strategic_emerging_output_growth_pct", "M01-M04", 28.8, "yoy_growth_pct"),
        ("fixed_asset_investment_growth_pct", "M01-M04", 10.7, "yoy_growth_pct"),
        ("industrial_investment_growth_pct", "M01-M04", 14.3, "yoy_growth_pct"),
        ("tech_renovation_investment_growth_pct", "M01-M04", 45.8, "yoy_growth_pct"),
    ]),
    "xiaoxian_2023_traditional.txt": ("萧县", 2023, [
        ("gdp", "Y", 443.9, "level"),
        ("gdp_growth_pct", "Y", 5.7, "yoy_growth_pct"),
        ("industry_va_growth_pct", "Y", 4.7, "yoy_growth_pct"),
        ("manufacturing_va_growth_pct", "Y", 6.6, "yoy_growth_pct"),
        ("fixed_asset_investment_growth_pct", "Y", 11.4, "yoy_growth_pct"),
        ("industrial_investment_growth_pct", "Y", 60.0, "yoy_growth_pct"),
        ("tech_renovation_investment_growth_pct", "Y", 58.9, "yoy_growth_pct"),
    ]),
}


@pytest.mark.parametrize("name", sorted(FIXTURE_EXPECTED))
def test_fixture_bulletin(name):
    region, year, expected = FIXTURE_EXPECTED[name]
    text = (FIXTURES / name).read_text(encoding="utf-8")
    found = extract_figures(text, doc=name)
    assert [(r["metric"], r["period"], r["value"], r["basis"]) for r in found] == expected
    for row in found:
        assert (row["doc"], row["region"], row["year"]) == (name, region, year)
        assert row["region_code"] == _region_code(region)
        clause = text[row["start"]:row["end"]]
        assert clause and clause in row["sentence"] and row["sentence"] in text
        assert row["unit"] in ("%", "亿元", "户", "家")


def test_fixture_qualifiers():
    text = (FIXTURES / "suzhou_2022_annual.txt").read_text(encoding="utf-8")
    quals = {r["metric"]: r["qualifier"] for r in extract_figures(text)}
    assert quals["gdp"] == quals["gdp_growth_pct"] == "初步核算"
    assert quals["industry_va_growth_pct"] == ""


# --------------------------------------------------------------------------------------------
# Reports and headings


def test_heading_with_targets_skips_its_section():
    text = ("安徽省2025年政府工作报告要点\n一、2024年工作回顾\n"
            "全省地区生产总值增长5.8%;规上工业增加值增长9%,增速居工业大省第1位;\n"
            "二、2025年主要目标任务\n固定资产投资增长5%左右;\n规上工业增加值增长7%左右;")
    found = rows(text)
    assert [(r["metric"], r["year"], r["value"]) for r in found] == [
        ("gdp_growth_pct", 2024, 5.8), ("industry_va_growth_pct", 2024, 9.0)]
    assert found[0]["region"] == "安徽省"


def test_bound_amount_keeps_the_subject_for_the_growth():
    row = only("规模以上工业增加值突破万亿元、增长8.8%。")
    assert (row["metric"], row["value"]) == ("industry_va_growth_pct", 8.8)


def test_list_item_outside_the_catalog_is_dropped():
    assert facts("高新技术产业、装备制造业增加值分别增长16.7%和12.9%。") == [
        ("high_tech_industry_va_growth_pct", "Y", 16.7, "yoy_growth_pct")]


def test_year_from_the_opening_sentence_when_the_title_has_none():
    text = "宿州市经济运行情况\n2023年,全市经济运行稳中向好。全市规上工业增加值增长4.4%。"
    assert (only(text)["year"], only(text)["region"]) == (2023, "宿州市")


def test_date_in_a_title_is_not_a_period():
    text = "政府工作报告——2019年1月在省十三届人大二次会议上\n规模以上工业增加值增长9.2%。"
    row = only(text)
    assert (row["period"], row["year"], row["region"]) == ("Y", 2018, "安徽省")


def test_cumulative_twelve_months_is_the_full_year():
    assert only("1-12月,全县规模以上工业增加值同比增长4.2%。")["period"] == "Y"


def test_high_tech_firms_inside_above_scale_firms_are_not_the_stock():
    assert facts("年末全市规模以上工业企业1587户,其中高新技术企业456家。") == [
        ("above_scale_industrial_firms", "Y", 1587.0, "level")]


def test_footnote_markers_are_ignored():
    assert facts("初步核算,全年实现生产总值(GDP)[2]3071.5亿元,比上年增长9.0%。") == [
        ("gdp", "Y", 3071.5, "level"), ("gdp_growth_pct", "Y", 9.0, "yoy_growth_pct")]


def test_firms_named_before_in_the_paragraph():
    text = "全市规模以上工业企业经济效益综合指数286.5%。企业主营业务收入增长11.5%。"
    assert facts(text) == [
        ("above_scale_industrial_revenue_growth_pct", "Y", 11.5, "yoy_growth_pct")]


def test_most_specific_region_in_the_title():
    row = only("安徽省宿州市萧县2023年经济运行情况\n全县规模以上工业增加值同比增长4.7%。")
    assert (row["region"], row["year"]) == ("萧县", 2023)


def test_new_covers_a_list_joined_by_dunhao():
    assert facts("全年新增规上工业企业127户、高新技术企业350家。") == [
        ("above_scale_firms_new", "Y", 127.0, "level")]


def test_region_named_only_by_the_local_outlet():
    # a city the region table does not hold, named bare in the text and by its broadcaster
    text = ("1-9月,襄阳工业经济稳中有进。全市规模以上工业增加值同比增长7.1%。\n"
            "(襄阳广播电视台 编辑:李明)\n")
    row = extract_figures(text)[0]
    assert (row["region"], row["period"], row["metric"]) == ("襄阳市", "M01-M09", "industry_va_growth_pct")
    # a national outlet names no place
    assert extract_figures("1-9月,全市规模以上工业增加值同比增长7.1%。\n(人民日报记者 王刚)\n")[0]["region"] is None


def test_a_park_report_that_names_itself_by_its_short_form():
    text = ("经开区2023年经济运行情况汇报\n今年以来,经开区在蚌埠市委市政府坚强领导下,经济保持良好势头。"
            "全年实现规模以上工业产值520亿元,增长9.5%。\n")
    assert {r["region"] for r in extract_figures(text)} == {"蚌埠经济技术开发区"}
    # a park the region table holds keeps its official name; a county's is an 经济开发区
    from orchestration.extract.context import own_park
    assert own_park("经开区2023年工作总结", "萧县") == "萧县经济开发区"
    assert own_park("经开区2023年工作总结", "泾县") == "泾县经济开发区"
    assert own_park("全市2023年工作总结", "芜湖市") == "芜湖市"


def test_growth_after_a_round_figure_milestone_keeps_its_subject():
    # family: a review states a level as a milestone, then the growth of the same subject
    # (突破X亿元大关、增长y%; 近千亿,增长y%左右)
    text = ("某市政府工作报告\n一、2023年工作回顾\n"
            "初步核算,全市地区生产总值突破500亿元大关、增长6.2%左右。\n"
            "预计全县地区生产总值近千亿,增长9%左右。\n")
    rows = [(r["metric"], r["value"]) for r in extract_figures(text)]
    assert rows == [("gdp_growth_pct", 6.2), ("gdp_growth_pct", 9.0)]


def test_a_level_reached_with_laidao_or_gaoda_is_read():
    # family: news verbs of a level or rate reached (GDP来到1068.4亿元, 增速高达13.7%)
    from orchestration.extract import read
    rows = read("某县经济运行情况\n2022年,某县地区生产总值来到860.5亿元,增速高达9.7%。").actuals
    assert [(r["metric"], r["value"]) for r in rows] == [("gdp", 860.5), ("gdp_growth_pct", 9.7)]


def test_growth_against_the_previous_year_written_shang_yi_niandu():
    from orchestration.extract import read
    text = "某市2022年计划执行情况的报告\n预计全市全社会研发投入达到15亿元,较上一年度增长12%左右。\n"
    assert ("rd_expenditure_growth_pct", 12.0) in [(r["metric"], r["value"]) for r in read(text).actuals]


def test_a_space_between_two_numbers_survives_normalisation():
    # family: a row of cells copied as text (生产总值 414.9 7.4): the space separates two numbers
    from orchestration.extract.text.normalise import normalise
    assert normalise("生产总值 414.9 7.4").text == "生产总值414.9 7.4"
    assert normalise("突破 800 亿元").text == "突破800亿元"


def test_a_plain_text_bulletin_table_is_read_row_by_row():
    # family: a statistical bulletin's table as plain text: unit line, a header naming a level and
    # a growth column, rows of a name and its numbers
    from orchestration.extract import read
    text = ("某县2023年国民经济和社会发展统计公报\n表1  全县生产总值及其增长速度\n单位:亿元\n"
            "指    标 绝对数 比上年增长(%)\n生产总值 356.2 6.8\n第一产业 40.1 3.2\n")
    rows = {(r["metric"], r["value"], r["year"]) for r in read(text).actuals}
    assert {("gdp", 356.2, 2023), ("gdp_growth_pct", 6.8, 2023)} <= rows


def test_this_year_after_a_named_year_is_that_year():
    # family: '…在2021年就已实现。这一年,某县实现GDP…' -- 这一年/同年 refers to the year just named
    from orchestration.extract import read
    text = ("某县经济盘点\n2024年开年,各县公布了去年的成绩。\n"
            "某县GDP突破五百亿在2021年就已实现。这一年,某县实现地区生产总值512.3亿元,增长8.1%。\n")
    rows = {(r["metric"], r["year"]) for r in read(text).actuals}
    assert {("gdp", 2021), ("gdp_growth_pct", 2021)} <= rows


def test_a_value_after_zai_and_a_discourse_lead_in_is_read():
    # family: 增长在x% / 预计在x亿元, and derived figures opened by 这意味着 / 这也表明 / 数据显示
    from orchestration.extract import read
    text = ("某县经济盘点\n某县预计2023年全年地区生产总值增长在6%,这意味着2023年某县GDP预计在512.6亿元。"
            "数据显示,某县2022年GDP为480.2亿元,这也表明某县2023年规上工业产值预计达到300.5亿元。\n")
    rows = {(r["metric"], r["value"], r["year"]) for r in read(text).actuals}
    assert {("gdp_growth_pct", 6.0, 2023), ("gdp", 512.6, 2023), ("gdp", 480.2, 2022),
            ("above_scale_industrial_output", 300.5, 2023)} <= rows


def test_a_list_opened_by_baokuo_and_a_rank_field_are_not_unknown_words_or_places():
    # family: '晒出成绩单,包括规上工业产值x亿元,增长y%,总量全省第一,战新产业产值增长z%': 包括 opens
    # the list; 全省 in 全省第一 / 居全市前列 is where the rank is taken, not the figure's place
    from orchestration.extract import read
    text = ("某县经济盘点\n在2024年政府工作报告中,宿松县晒出成绩单,包括规上工业产值820亿元,增长21%,"
            "总量、增速全省第一,战新产业产值增长35%,居全市前列,高新技术企业达到160家。\n")
    rows = {(r["region"], r["metric"], r["value"], r["year"]) for r in read(text).actuals}
    assert {("宿松县", "above_scale_industrial_output", 820.0, 2023),
            ("宿松县", "above_scale_industrial_output_growth_pct", 21.0, 2023),
            ("宿松县", "strategic_emerging_output_growth_pct", 35.0, 2023),
            ("宿松县", "high_tech_enterprises", 160.0, 2023)} <= rows


def test_a_running_total_after_a_single_month_is_of_the_cumulative_period():
    # family: '9月份新增规上企业6家,累计新增71家': the month's own flow is skipped, the 累计 total is
    # of the release's period (1-9月)
    from orchestration.extract import read
    text = "1-9月,某市工业运行平稳。全市规模以上工业增加值增长6.1%。9月份新增规上工业企业6家,累计新增71家。\n"
    rows = {(r["metric"], r["value"], r["period"]) for r in read(text).actuals}
    assert ("above_scale_firms_new", 71.0, "M01-M09") in rows
    assert not any(v == 6.0 for _, v, _ in rows)


def test_figures_after_a_count_of_new_firms_are_those_firms():
    # family: '新增规上工业企业94家,完成产值x亿元,同比增长y%': the output is the new firms', not the
    # industry's
    from orchestration.extract import read
    text = "1-8月,某市规上工业增加值增长7.2%。新增规上工业企业52家,完成产值61.3亿元,同比增长212.4%。\n"
    rows = {(r["metric"], r["value"]) for r in read(text).actuals}
    assert ("above_scale_firms_new", 52.0) in rows
    assert not {v for _, v in rows} & {61.3, 212.4}


def test_high_tech_industry_written_with_manufacturing_in_brackets_is_high_tech_manufacturing():
    # family: 高技术产业(制造业)增加值: the bracket narrows the NBS high-tech industry to manufacturing
    row = only("某市2023年上半年工业运行情况\n全市高技术产业(制造业)增加值同比增长18.3%。\n")
    assert (row["metric"], row["value"], row["period"]) == ("high_tech_manufacturing_va_growth_pct", 18.3, "M01-M06")


def test_the_subject_of_a_multi_year_average_carries_to_the_next_clause():
    # family: 'X产值年均增长a%,占规上工业产值比重由b%提高到c%': the average is skipped, the share is X's
    from orchestration.extract import read
    text = "某市工业发展成效\n2020年以来,全市战略性新兴产业产值年均增长14.2%,占规上工业产值比重由31.5%提高到38.9%。\n"
    rows = {(r["metric"], r["value"]) for r in read(text).actuals}
    assert ("strategic_emerging_output_share_pct", 38.9) in rows
    assert not {v for _, v in rows} & {14.2, 31.5}


def test_a_level_rising_from_one_value_to_another_is_the_second():
    # family: '营收由3.8万亿元增加到5.5万亿元', '企业从1200户增加到1530户': the first is the baseline
    from orchestration.extract import read
    text = "某市工业运行情况\n全市规上工业营收由8000亿元增加到1.2万亿元,规上工业企业从1200户增加到1530户。\n"
    rows = {(r["metric"], r["value"]) for r in read(text).actuals}
    assert {("above_scale_industrial_revenue", 12000.0), ("above_scale_industrial_firms", 1530.0)} <= rows
    assert not {v for _, v in rows} & {8000.0, 1200.0}


def test_a_title_naming_the_year_it_reviews_dates_the_figures():
    # family: a work report's title says which year it looks back on ('(2024年12月28日,2024年回顾)',
    # '2023年工作回顾'): that year, not the year before the report's
    from orchestration.extract import read
    text = "某县政府工作报告(2024年12月28日,2024年回顾)\n预计实现地区生产总值增长6.1%;规上工业增加值增长11.5%;\n"
    assert {r["year"] for r in read(text).actuals} == {2024}
    text = "某县2025年政府工作报告(2024年回顾)\n预计实现地区生产总值增长6.1%;规上工业增加值增长11.5%;\n"
    assert {r["year"] for r in read(text).actuals} == {2024}


def test_this_years_figures_in_a_dated_news_item_run_to_its_month():
    # family: a news item dated by its byline (来源:… 2023-07-28) whose figures are 今年's with no
    # month of their own: January to the byline's month, whatever period its opening mentions
    from orchestration.extract import read
    text = ("某县:奋力推进工业强县建设\n来源:某某网 责任编辑:张三 2023-07-28 09:15:00\n"
            "今年上半年,某县8项主要指标增速高于全市平均水平。\n"
            "县长介绍,今年,全县规上工业企业达215家,规上工业总产值132.5亿元;新增规上工业企业17家。\n")
    rows = {(r["metric"], r["period"]) for r in read(text).actuals}
    assert rows == {("above_scale_industrial_firms", "M01-M07"), ("above_scale_industrial_output", "M01-M07"),
                    ("above_scale_firms_new", "M01-M07")}


def test_places_listed_before_one_subject_share_it():
    # family: county list sharing one sentence: '1-6月,甲县、乙县和丙县规上工业增加值分别增长a%、b%和c%'
    from orchestration.extract import read
    text = "某市经济运行情况\n1-6月,宿松县、太湖县和望江县规上工业增加值分别增长11.4%、8.2%和9.6%。\n"
    rows = {(r["region"], r["metric"], r["value"], r["period"]) for r in read(text).actuals}
    assert rows == {("宿松县", "industry_va_growth_pct", 11.4, "M01-M06"),
                    ("太湖县", "industry_va_growth_pct", 8.2, "M01-M06"),
                    ("望江县", "industry_va_growth_pct", 9.6, "M01-M06")}


def test_a_period_named_as_a_baseline_is_not_the_releases_period():
    # family: '增速较1-5月回落0.3个百分点', '比一季度加快': the period compared with dates nothing
    from orchestration.extract import read
    text = "某市经济运行情况\n全市规上工业增加值增长7.4%,增速较1-5月回落0.3个百分点。\n"
    assert [r["period"] for r in read(text).actuals] == ["Y"]


def test_a_slogan_ending_in_xian_is_not_a_place():
    # family: 工业强县 / 制造强县 slogans before a figure are not a county's name
    from orchestration.extract import read
    text = "某县2024年政府工作报告\n过去一年,我们坚持工业强县,规上工业增加值增长12.6%。\n"
    assert [r["region"] for r in read(text).actuals] == ["某县"]


def test_a_result_stated_beside_its_target_is_read_and_the_target_is_not():
    # family: '目标增长8%,实际增长9.1%' / '计划投资30亿元,实际完成32亿元': the goal is a target, the
    # 实际 clause after it the result, of the same subject
    from orchestration.extract import read
    text = "某县2023年重点工作完成情况\n规上工业增加值目标增长7.5%,实际增长8.4%。\n"
    assert [(r["metric"], r["value"]) for r in read(text).actuals] == [("industry_va_growth_pct", 8.4)]
    # a plan's 城乡居民收入实际增长 opens on its subject: still a target
    plan = "某县2024年工作要点\n城乡居民人均可支配收入实际增长6%。\n"
    assert not read(plan).actuals


def test_yi_and_jiezhi_muqian_and_gai_shi_are_no_unknown_words():
    # family: a progress report's 截至目前,已新增… and a news item's 该市/该县 (the place it reports on)
    from orchestration.extract import read
    rows = read("某县2023年重点工作进展情况\n截至目前,已新增规上工业企业27户。\n").actuals
    assert [(r["metric"], r["value"]) for r in rows] == [("above_scale_firms_new", 27.0)]
    rows = read("宿松县:工业经济稳中向好\n该县规上工业增加值同比增长9.3%。\n").actuals
    assert [(r["region"], r["metric"], r["value"]) for r in rows] == [("宿松县", "industry_va_growth_pct", 9.3)]


def test_a_release_table_with_level_and_growth_columns_is_read():
    # family: a monthly release's indicator table, bars at both ends, columns named only by kind
    # (绝对值, 增速(%)), the unit in the indicator's name: figures of the title's place and period
    from orchestration.extract import read
    text = ("宿松县2023年1-9月主要经济指标\n| 指标 | 绝对值 | 增速(%) |\n| 地区生产总值(亿元) | 234.5 | 6.1 |\n"
            "| 规模以上工业增加值 | — | 8.2 |\n")
    rows = {(r["region"], r["period"], r["metric"], r["value"]) for r in read(text).actuals}
    assert rows == {("宿松县", "M01-M09", "gdp", 234.5), ("宿松县", "M01-M09", "gdp_growth_pct", 6.1),
                    ("宿松县", "M01-M09", "industry_va_growth_pct", 8.2)}
    # a plan's table names its plan column: not a release table
    plan = "宿松县2024年计划\n| 指标 | 2024年目标 | 增速(%) |\n| 地区生产总值(亿元) | 260 | 6.5 |\n"
    assert not read(plan).actuals


def test_qunian_dates_a_figure_the_year_before_the_document_is_written():
    # family: relative years: '去年,全县规上工业增加值增长9.1%' in a 2024 document is 2023
    from orchestration.extract import read
    text = "宿松县2024年工业经济工作要点\n去年,全县规上工业增加值增长9.1%,工业投资增长21.3%。今年,力争规上工业增加值增长10%以上。\n"
    r = read(text)
    assert {(a["metric"], a["year"]) for a in r.actuals} == {("industry_va_growth_pct", 2023),
                                                             ("industrial_investment_growth_pct", 2023)}
    assert [(t["metric"], t["value"]) for t in r.targets] == [("industry_va_growth_pct", 10.0)]


def test_a_multi_year_plans_background_figures_are_of_the_year_before_it_starts():
    # family: an achievement stated in a plan's 发展基础 paragraph (三年行动方案(2024-2026年)): of
    # 2023, not of the plan's end year; a 十四五以来 total is multi-year and is not read
    from orchestration.extract import read
    text = ("宿松县制造业高质量发展三年行动方案(2024-2026年)\n一、发展基础\n"
            "目前,全县共有规上工业企业235户,战略性新兴产业产值占比达到35.2%。"
            "“十四五”以来,全县新增规上工业企业86户。\n二、发展目标\n到2026年,全县规上工业企业达到300户。\n")
    r = read(text)
    assert {(a["metric"], a["value"], a["year"]) for a in r.actuals} == {
        ("above_scale_industrial_firms", 235.0, 2023), ("strategic_emerging_output_share_pct", 35.2, 2023)}
    assert ("above_scale_industrial_firms", 300.0, 2026) in {(t["metric"], t["value"], t["target_year"]) for t in r.targets}


def test_a_plans_development_base_section_reports():
    # family: an achievement stated in a plan paragraph under 一、发展基础 (not 夯实发展基础, a task):
    # the figures are actuals, not the plan's targets
    from orchestration.extract import read
    text = ("某县工业高质量发展三年行动方案(2024-2026年)\n一、发展基础\n2023年,全县规上工业总产值达到388.1亿元,"
            "同比增长10.4%。\n二、发展目标\n到2026年,全县规上工业总产值突破500亿元。\n"
            "三、重点任务\n(一)夯实发展基础\n力争2024年新增规上工业企业30户。\n")
    r = read(text)
    assert {(a["metric"], a["value"], a["year"]) for a in r.actuals} == {
        ("above_scale_industrial_output", 388.1, 2023), ("above_scale_industrial_output_growth_pct", 10.4, 2023)}
    assert {(t["metric"], t["value"]) for t in r.targets} >= {("above_scale_industrial_output", 500.0),
                                                              ("above_scale_firms_new", 30.0)}


def test_guishang_qiye_is_above_scale_firms():
    # family: the short form 规上企业 / 规模以上企业 of 规上工业企业 (as 规模企业 already is)
    from orchestration.extract import read
    rows = read("某县2024年政府工作报告\n过去一年,新增规上企业35户,全县规上企业达到312户。\n").actuals
    assert {(r["metric"], r["value"]) for r in rows} == {("above_scale_firms_new", 35.0),
                                                         ("above_scale_industrial_firms", 312.0)}


def test_the_provinces_rate_a_local_rate_is_compared_with_is_the_provinces_figure():
    # family: '增长8.1%,比全省的6.5%高1.6个百分点' / '高于全省(6.5%)': the province's own growth of the
    # same figure, period and year
    from orchestration.extract import read
    text = "宿松县2023年上半年经济运行情况\n上半年,全县规上工业增加值同比增长8.4%,比全省的6.6%高1.8个百分点。\n"
    rows = {(r["region"], r["metric"], r["value"], r["period"], r["year"]) for r in read(text).actuals}
    assert rows == {("宿松县", "industry_va_growth_pct", 8.4, "M01-M06", 2023),
                    ("安徽省", "industry_va_growth_pct", 6.6, "M01-M06", 2023)}


def test_a_parks_own_report_names_it_by_its_short_form():
    # family: a park the region table does not hold, named once with its city (某城某某开发区召开…) and
    # then by its short form as the subject of its figures (某某开发区全年地区生产总值…)
    from orchestration.extract import read
    text = ("1月20日,临川金山开发区召开2023年工作总结大会。\n"
            "2023年,金山开发区全年地区生产总值预计完成212.5亿元,同比增长6.1%。金山开发区规上工业增加值同比增长5.2%。\n")
    rows = {(r["region"], r["metric"], r["value"]) for r in read(text).actuals}
    assert rows == {("临川金山开发区", "gdp", 212.5), ("临川金山开发区", "gdp_growth_pct", 6.1),
                    ("临川金山开发区", "industry_va_growth_pct", 5.2)}


def test_quanshi_in_a_countys_report_is_its_city():
    # family: '全县增长8.2%,全市增长6.1%,全省增长6.5%' in a county's release: 全市 is the city the
    # county is in (a county-level city's 全市 is itself)
    from orchestration.extract import read
    text = "宿松县2023年1-6月工业经济运行情况\n上半年,全县规上工业增加值同比增长8.3%,全市增长6.2%,全省增长6.4%。\n"
    rows = {(r["region"], r["value"]) for r in read(text).actuals}
    assert rows == {("宿松县", 8.3), ("安庆市", 6.2), ("安徽省", 6.4)}
    text = "桐城市2023年1-6月工业经济运行情况\n上半年,全市规上工业增加值同比增长8.3%。\n"
    assert {r["region"] for r in read(text).actuals} == {"桐城市"}


def test_a_plain_text_release_table_with_a_unit_column_is_read():
    # family: a monthly release's table copied as text with a unit column and '-' for a missing value
    from orchestration.extract import read
    text = ("宿松县2023年1-9月主要经济指标\n指标名称 单位 1-9月 同比增长(%)\n地区生产总值 亿元 234.5 6.1\n"
            "规上工业增加值 - - 8.2\n固定资产投资 亿元 - 10.3\n")
    rows = {(r["region"], r["period"], r["metric"], r["value"]) for r in read(text).actuals}
    assert rows == {("宿松县", "M01-M09", "gdp", 234.5), ("宿松县", "M01-M09", "gdp_growth_pct", 6.1),
                    ("宿松县", "M01-M09", "industry_va_growth_pct", 8.2),
                    ("宿松县", "M01-M09", "fixed_asset_investment_growth_pct", 10.3)}


def test_a_headline_announcing_a_years_goals_makes_its_figures_of_that_year_goals():
    # family: a target wrongly read as an actual: a news item headed '某县:2024年工业经济目标'
    # writes its goals with result verbs (增长10%, 新增30户); only a report's own cue (去年, 同比,
    # 已) makes a figure of that item an actual
    from orchestration.extract import read
    text = ("宿松县:2024年工业经济目标\n记者从县经信局获悉,2024年全县规上工业增加值增长10%,新增规上工业企业30户。"
            "去年,全县规上工业增加值同比增长9.2%。\n")
    assert [(r["year"], r["value"]) for r in read(text).actuals] == [(2023, 9.2)]


def test_fenbie_lists_with_a_rate_word_a_second_list_and_a_shared_flow_word():
    # family: 分别 lists pairing metrics with values: 'A、B增速分别为x%、y%'; a second 分别 list of the
    # same items ('分别达到a亿元、b亿元,分别增长x%、y%'); 新增 before the list covers every item
    from orchestration.extract import read
    def facts(sentence):
        return [(r["metric"], r["value"]) for r in read("某县2024年政府工作报告\n" + sentence + "\n").actuals]
    assert facts("全县GDP、规上工业增加值增速分别为6.3%、9.4%。") == [("gdp_growth_pct", 6.3),
                                                                ("industry_va_growth_pct", 9.4)]
    assert facts("规上工业总产值、营业收入分别达到466亿元、431亿元,分别增长12.2%、10.3%。") == [
        ("above_scale_industrial_output", 466.0), ("above_scale_industrial_revenue", 431.0),
        ("above_scale_industrial_output_growth_pct", 12.2), ("above_scale_industrial_revenue_growth_pct", 10.3)]
    assert facts("新增高新技术企业、规上工业企业分别为26家、37户。") == [("above_scale_firms_new", 37.0)]


def test_a_completion_ratio_against_the_task_does_not_make_the_growth_after_it_a_target():
    # family: '完成规模工业增加值x万元,占任务数y万元的z%,同比下降w%': the task number speaks of its own
    # clause; the year-on-year change after it is the result's
    from orchestration.extract import read
    text = "某镇2023年1-10月工作进展\n1-10月份完成规模工业增加值9321万元,占任务数15200万元的61.3%,同比下降12.4%。\n"
    assert [(r["metric"], r["value"]) for r in read(text).actuals] == [("industry_va_growth_pct", -12.4)]
