"""The reader (orchestration.extract.read): every number classified with its reason, context
across sentences and cells, tables, normalisation with offsets, stable ids, links, bad input.

The sentences are written for these tests in the style of the documents the office receives;
none is copied from the labelled sets.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orchestration.cli import main as kpi
from orchestration.extract import extract_figures, extract_targets, read


def classes(text: str, **kw) -> dict[str, tuple[str, str]]:
    """number as written -> (class, reason)."""
    return {m.text: (m.cls, m.reason) for m in read(text, **kw).mentions}


def targets(text: str, **kw) -> list[tuple]:
    return [(r["metric"], r["comparator"], r["value"], r["unit"], r["target_year"]) for r in read(text, **kw).targets]


# --------------------------------------------------------------------------------------------
# Target, actual or neither, and why

def test_review_and_plan_in_one_sentence():
    text = "蚌埠市2024年政府工作报告\n2023年全市规上工业增加值增长8.5%,今年力争增长10%。\n"
    reading = read(text)
    assert [(a["metric"], a["value"], a["year"]) for a in reading.actuals] == [("industry_va_growth_pct", 8.5, 2023)]
    assert [(t["metric"], t["value"], t["target_year"]) for t in reading.targets] == [("industry_va_growth_pct", 10.0, 2024)]
    found = classes(text)
    assert found["8.5%"][0] == "actual" and "2023" in found["8.5%"][1]
    assert found["10%"] == ("target", "cue: 力争")


@pytest.mark.parametrize("text", [
    "目前全市已培育国家级专精特新“小巨人”企业12家。",
    "截至2023年底,全县共有规上工业企业286户。",
    "过去一年,新增规模以上工业企业150家,技改投资增长21.3%。",
    "十三五期间,全市高新技术企业数量翻了一番。",
])
def test_achievements_are_never_targets(text):
    assert read(text, published=2024).targets == []


@pytest.mark.parametrize("text, number, reason", [
    ("对新认定的国家级专精特新企业给予一次性奖励50万元。", "50万元", "reward or subsidy"),
    ("我市技改投资增速居全省第8位。", "8位", "rank or ordinal"),
    ("实施总投资2000万元以上的技改项目。", "2000万元", "threshold (qualifies a noun)"),
    ("聚焦8大产业,推进“双招双引”。", "8大", "set size"),
    ("围绕年度147项重点任务抓落实。", "147项", "task count"),
    ("根据《实施意见》(皖政办〔2024〕5号)要求。", "5", "document number"),
])
def test_distractors_are_neither_with_their_reason(text, number, reason):
    found = classes(text)
    assert found[number] == ("neither", reason)
    assert not any(number in r["sentence"][r["start"]:r["end"]] for r in read(text).targets if r["value"] is not None
                   and str(r["value"]).rstrip("0").rstrip(".") in number)


def test_a_comparison_with_last_year_reports_even_when_it_states_a_floor():
    text = "某县召开一季度经济形势分析会\n会议通报,全县工业投资同比增长15%以上,规上工业增加值增长8.1%左右。\n"
    found = classes(text, published="2024-04-20")
    assert found["15%"][0] != "target"
    assert found["8.1%"][0] == "target"     # a bound word alone still plans in a news item


def test_a_paragraph_that_says_the_report_reviews_a_year_reports():
    text = ("某市人代会开幕 市长作政府工作报告\n"
            "报告首先回顾了2023年工作。全市完成固定资产投资820亿元, 增长6%左右。社会消费品零售总额 510亿元, 增长5%。\n")
    found = classes(text, published="2024-01-16")
    assert found["6%"][0] == "actual" and found["5%"][0] != "target"
    assert "paragraph lead" in found["6%"][1]


def test_a_new_growth_point_is_a_noun_not_a_result():
    found = classes("某县2024年政府工作报告\n推动20个工业新增长点项目投产达效,培育3个经济增长极。\n")
    assert found["20个"][0] == "target" and found["3个"][0] == "target"


def test_a_list_of_goals_is_read_as_one_by_its_bound_words():
    text = "某市2025年政府工作报告(摘要)\n居民人均可支配收入增长6%,城镇登记失业率控制在4%以内,粮食产量稳定在50亿斤左右。\n"
    found = classes(text)
    assert found["6%"][0] == "target" and found["4%"][0] == "target"
    # a comparison keeps the list a report; a review's 突破 is not a goal's bound
    review = "某市2025年政府工作报告(摘要)\n地区生产总值同比增长5.1%,城镇登记失业率控制在4%以内。一般公共预算收入增长4.6%,总量突破百亿元。\n"
    found = classes(review)
    assert found["5.1%"][0] == "actual" and found["4.6%"][0] != "target"


def test_a_news_item_whose_headline_celebrates_results_reports_them():
    text = "某县工业经济迈出新步伐\n全县谋划实施重点工业项目86个,新引进亿元以上项目52个。\n"
    found = classes(text, published="2024-12-20")
    assert found["86个"][0] != "target" and found["52个"][0] != "target"
    assert "headline" in found["86个"][1]
    # a headline that says nothing of either leaves the item mixed: the plan verb still plans
    found = classes("某县召开工业经济推进会\n全县谋划实施重点工业项目86个。\n", published="2024-02-20")
    assert found["86个"][0] == "target"


def test_work_under_way_is_not_a_goal():
    found = classes("某县召开项目建设推进会\n目前,智能装备产业园等38个亿元以上项目正在加快建设,12个项目正有序推进。\n",
                    published="2024-06-20")
    assert found["38个"][0] != "target" and found["12个"][0] != "target"


def test_the_target_a_completion_ratio_is_taken_of():
    found = classes("2024年,园区实际到位资金12.4亿元,完成年度目标任务10亿元的124%。", published="2025-01-05")
    assert found["10亿元"][0] == "target"
    assert found["124%"][0] == "neither" and found["12.4亿元"][0] != "target"


def test_a_progress_column_reports_and_a_target_column_plans():
    text = ("序号\n|\n目标任务\n|\n牵头单位\n|\n落实情况\n|\n"
            "1\n|\n新增规上工业企业150家\n|\n市经信局\n|\n1-9月新增规上工业企业126家\n|\n")
    reading = read(text, issuing_region="滁州市", published="2024-10-15")
    assert [(t["metric"], t["value"], t["responsible_units"]) for t in reading.targets] == [
        ("above_scale_firms_new", 150.0, "市经信局")]
    assert [(a["metric"], a["value"], a["period"]) for a in reading.actuals] == [
        ("above_scale_firms_new", 126.0, "M01-M09")]
    assert reading.actuals[0]["reason"] == "table column: 落实情况"


# --------------------------------------------------------------------------------------------
# Context across sentences and cells

def test_year_from_the_title_and_from_jinnian():
    assert targets("芜湖市2024年工业经济工作要点\n新增规上工业企业300家。\n") == [
        ("above_scale_firms_new", "increase_by", 300.0, "家", 2024)]
    report = "铜陵市2025年政府工作报告\n二、2025年工作安排\n今年主要预期目标是:地区生产总值增长6%左右。\n"
    assert targets(report) == [("gdp_growth_pct", "growth_at_least", 6.0, "%", 2025)]


def test_two_target_years_in_one_paragraph():
    rows = targets("到2025年,全市规上工业总产值突破3000亿元;到2027年,突破4000亿元。", published=2024)
    assert [(v, y) for *_, v, _u, y in rows] == [(3000.0, 2025), (4000.0, 2027)]


def test_counties_sharing_one_value_get_one_row_each():
    rows = read("萧县、砀山县规上工业增加值均增长10%。", issuing_region="宿州市", published=2024).targets
    assert sorted(r["subject_region"] for r in rows) == ["砀山县", "萧县"]


def test_region_and_period_of_a_figure_from_the_title():
    text = "宿州市2023年1-10月经济运行情况\n全市规上工业增加值增长7.9%。\n"
    row = extract_figures(text)[0]
    assert (row["region_code"], row["year"], row["period"], row["metric"]) == ("341300", 2023, "M01-M10",
                                                                               "industry_va_growth_pct")


def test_a_sentence_that_opens_with_its_year_sets_the_due_year():
    # a news report published in 2023 on the goals set early in 2022
    rows = targets("2022年年初,县委提出主要预期目标是:规上工业增加值增长9%左右。", published=2023)
    assert [(m, v, y) for m, _c, v, _u, y in rows] == [("industry_va_growth_pct", 9.0, 2022)]


def test_a_year_that_names_the_goals_frames_them():
    rows = targets("会议提出,全县2021年主要预期目标:规上工业增加值增长10%,固定资产投资增长12%。", published=2020)
    assert {(m, y) for m, *_rest, y in rows} == {("industry_va_growth_pct", 2021), ("fixed_asset_investment_growth_pct", 2021)}


def test_a_target_restated_in_a_plan_report_review_is_of_the_year_reviewed():
    text = ("关于某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
            "预计全年规上工业增加值同比增长9.2%,完成县人代会批准增长9%以上目标;"
            "一般公共预算收入增长6%,完成县人大批准的增长6%左右目标。\n")
    rows = targets(text, published="2024-01-10")
    assert ("industry_va_growth_pct", "growth_at_least", 9.0, "%", 2023) in rows
    assert [(v, y) for _m, _c, v, _u, y in rows if v == 6.0] == [(6.0, 2023)]


def test_a_target_restated_beside_a_result_does_not_turn_the_result_into_a_target():
    found = classes("2023年,全区完成技改投资41亿元(任务数36亿元),增长15%。", published=2024)
    assert found["36亿元"][0] == "target"
    assert found["41亿元"][0] != "target" and found["15%"][0] != "target"

def test_a_paragraph_that_opens_on_a_past_period_reports_in_its_later_sentences():
    text = ("今年前三季度,全县重点项目累计完成投资86亿元。"
            "城东物流园等32个项目开工建设,开工率64%;滨河智造园等12个项目竣工。\n")
    found = classes(text, published=2025)
    assert all(found[n][0] != "target" for n in ("32个", "64%", "12个"))

def test_indicator_table_values_are_read_by_their_column():
    text = ("池州市2025年国民经济和社会发展计划主要指标\n"
            "指标名称 | 单位 | 2024年预计 | 2025年目标 | 责任单位\n"
            "规上工业增加值增长 | % | 8.5 | 9 | 市经信局\n"
            "新增规上工业企业 | 家 | 120 | 150 | 市经信局\n")
    reading = read(text)
    assert [(t["metric"], t["value"], t["target_year"], t["responsible_units"]) for t in reading.targets] == [
        ("industry_va_growth_pct", 9.0, 2025, "市经信局"), ("above_scale_firms_new", 150.0, 2025, "市经信局")]
    assert ("industry_va_growth_pct", 8.5, 2024) in [(a["metric"], a["value"], a["year"]) for a in reading.actuals]


# --------------------------------------------------------------------------------------------
# Normalisation keeps offsets

@pytest.mark.parametrize("text", [
    "力争到２０２７年,規上工業總產值突破５０００億元。",
    "<p>力争到2027年,规上工业 总产值突破 5000 亿元。</p>",
    "力争到2027年&nbsp;规上工业总产值突破5000亿元。\u200b",
])
def test_full_width_traditional_and_html_read_the_same(text):
    row = extract_targets(text)[0]
    assert (row["metric"], row["value"], row["target_year"]) == ("above_scale_industrial_output", 5000.0, 2027)
    assert "5000" in text[row["start"]:row["end"]].replace("５", "5").replace("０", "0").replace(" ", "")


# --------------------------------------------------------------------------------------------
# Stable ids

DOC = "一、主要目标\n到2025年,新增规上工业企业200家,技改投资年均增长15%。\n"


def test_ids_survive_whitespace_punctuation_and_text_added_elsewhere():
    ids = [r["target_id"] for r in read(DOC, doc_id="X").targets]
    edited = "前言:为推动工业高质量发展,制定本方案。\n\n" + DOC.replace(",", ",").replace("200家", "200 家")
    assert [r["target_id"] for r in read(edited, doc_id="X").targets] == ids
    assert len(set(ids)) == 2 and all(i.startswith("X:") for i in ids)


def test_ids_are_unique_when_a_clause_repeats():
    text = "新增规上工业企业50家。\n新增规上工业企业50家。\n"
    ids = [r["target_id"] for r in read(text, doc_id="Y").targets]
    assert len(ids) == 2 and len(set(ids)) == 2


# --------------------------------------------------------------------------------------------
# Links from actuals to targets

def test_a_reported_count_links_to_the_target_it_reports_on():
    text = ("宿州市2023年工作要点执行情况\n一、主要目标\n力争新培育省级专精特新企业100家。\n"
            "二、完成情况\n1-6月,新培育省级专精特新企业62家。\n")
    reading = read(text, doc_id="Z", issuing_region="宿州市")
    (target,) = reading.targets
    linked = [a for a in reading.actuals if a.get("target_id")]
    assert [(a["value"], a["period"], a["target_id"]) for a in linked] == [(62.0, "M01-M06", target["target_id"])]


# --------------------------------------------------------------------------------------------
# Bad input

@pytest.mark.parametrize("text", ["", " \n\n ", "。。。", "第一章 总则", "||||\n|\n|", "<html><body></body></html>"])
def test_empty_and_numberless_text(text):
    reading = read(text)
    assert reading.targets == [] and reading.actuals == []


_ALPHABET = st.sampled_from(list("力争到年新增规上工业企业家户个%亿元万增长达到突破以上左右,。;、:()“”|\n 0123456789.-一二三五十百千"
                                 "其中目标完成同比比上年全年上半年1-6月县区市省每年累计已<>&;pé"))


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=300))
def test_any_text_reads_without_error_and_spans_stay_inside(text):
    reading = read(text)
    for row in reading.targets + reading.actuals:
        assert 0 <= row["start"] <= row["end"] <= len(text)
        assert row["sentence"] in text
    for m in reading.mentions:
        assert text[m.start:m.end] == m.text


def test_kpi_read_prints_every_number_with_its_class(tmp_path, capsys):
    doc = tmp_path / "plan.txt"
    doc.write_text("淮北市2024年工作要点\n力争新增规上工业企业100家,对新入规企业奖励10万元。\n", encoding="utf-8")
    assert kpi(["read", str(doc)]) == 0
    out = capsys.readouterr().out
    assert "target  100家" in out and "cue: 力争" in out
    assert "neither 10万元" in out and "reward or subsidy" in out
    assert kpi(["read", "--json", str(doc)]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {(x["text"], x["class"]) for x in lines} >= {("100家", "target"), ("10万元", "neither")}


def test_kpi_read_refuses_a_file_that_is_not_text(tmp_path):
    blob = tmp_path / "scan.txt"
    blob.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(SystemExit) as exc:
        kpi(["read", str(blob)])
    assert "scan.txt" in str(exc.value)


def test_every_lexicon_entry_says_where_it_comes_from_and_compiles():
    import csv
    import re

    from orchestration.extract import lexicon

    for path in sorted(lexicon.HERE.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        assert rows and "source" in rows[0], path.name
        for row in rows:
            assert row["source"], (path.name, row)        # general, or the document it exists for
            if "pattern" in row:
                re.compile(row["pattern"])


def test_a_work_report_speaks_for_the_region_whose_congress_it_is_given_to():
    # family: the region named before the people's congress session (a spaced-out title that
    # names no region; a province's news page that reports a county's session)
    spaced = ("政 府 工 作 报 告\n——2023年1月9日在怀远县第十七届\n人民代表大会第二次会议上\n"
              "一、2022年工作回顾\n全县地区生产总值增长6%,六安市有关部门给予支持,六安市、六安市。\n")
    row = read(spaced).actuals[0]
    assert (row["region"], row["year"], row["metric"]) == ("怀远县", 2022, "gdp_growth_pct")
    news = ("安徽又一县GDP破千亿\n时间:2024-01-08来源 : 某网安徽\n"
            "1月6日,肥西县十八届人大三次会议开幕,代理县长作政府工作报告。\n"
            "报告显示,2023年全县规上工业产值增长12%。\n")
    row = read(news).actuals[0]
    assert (row["region"], row["metric"]) == ("肥西县", "above_scale_industrial_output_growth_pct")


def test_a_city_the_table_does_not_know_keeps_its_full_name():
    # 新 cannot open a fallback name (新增, 新建), so the title's 新余市 reads as 余市; the issuer
    # line gives the full name
    text = ("新余市人民政府关于印发新余市2024年国民经济和社会发展计划的通知\n"
            "一、2023年计划执行情况\n初步核算,全市地区生产总值增长5%。\n")
    assert read(text).actuals[0]["region"] == "新余市"


def test_a_review_paragraph_opening_on_a_year_dates_the_figures_after_it():
    # family: '2018年,…取得一系列新进展。全年…同比增长11%' -- the year is said once, in a sentence
    # with no figure, and holds for the sentences of figures after it
    text = ("本报讯3月2日,某县召开2021年经济工作会议。\n"
            "2020年,全县上下攻坚克难,取得了新成绩、新突破。全年规模以上工业增加值同比增长9.2%。\n")
    row = next(r for r in read(text).actuals if r["metric"] == "industry_va_growth_pct")
    assert row["year"] == 2020
    # a sentence that plans names the year of its goals, not of the figures after it
    plan = ("2020年,全县规模以上工业增加值同比增长9.2%。\n"
            "2021年,全县经济增长的预期目标是增长8%。全年固定资产投资同比增长7%。\n")
    rows = {r["metric"]: r["year"] for r in read(plan).actuals}
    assert rows.get("fixed_asset_investment_growth_pct") != 2021


def test_a_target_restated_beside_its_result_is_of_the_year_of_the_result():
    # family: a progress report's target in an aside (任务数) or as the base of a completion rate
    # (完成全年目标任务X的Y%), read with the publication date of the next year
    text = ("某区2023年招商引资完成情况\n"
            "2023年,全区签约项目60个,引进优强企业12家(任务数10家),上报到位资金20亿元(任务数18亿元);"
            "园区引进企业5家,完成全年目标任务4家的125%。\n")
    rows = {(r["value"], r["target_year"]) for r in read(text, published="2024-01-20").targets}
    assert {(10, 2023), (18, 2023), (4, 2023)} <= rows


def test_a_park_the_table_does_not_know_is_the_region_of_its_own_report():
    # family: a park (or city) of another province, the subject of the text's clauses, unknown
    # to the region table and to the outlet list
    text = ("本报讯1月20日,青峰高新区召开2022年经济工作会议。\n"
            "2021年,青峰高新区聚焦主导产业,取得新成效。全年规模工业增加值同比增长9%。\n")
    assert read(text).actuals[0]["region"] == "青峰高新区"
    # a place named once in passing is no issuer
    once = "本报讯:青峰高新区开展调研。全年规模工业增加值同比增长9%。\n"
    assert read(once).document.issuing is None


def test_a_year_that_dates_a_document_frames_nothing():
    # family: 在2024年政府工作报告中, 2022年度考核 -- the year of a document or an appraisal, not
    # the year a figure or a goal is of: the figures the report gives are what it reports (a work
    # report of year N reports on N-1)
    text = ("某县经济回顾\n2023年1月5日,某县召开经济工作会议。\n"
            "在2024年政府工作报告中,某县晒出成绩单,规上工业产值增长18%。\n")
    reading = read(text)
    assert not reading.targets
    row = next(r for r in reading.actuals if r["metric"] == "above_scale_industrial_output_growth_pct")
    assert row["year"] == 2023
    # a goal's own year still frames it
    assert targets("到2025年,全县规上工业产值达到500亿元。")[0][4] == 2025


def test_a_this_year_lead_frames_the_goal_paragraphs_after_it():
    # family: '今年,县经信局将多措并举…。' followed by bullet paragraphs of goals, in a page with
    # no title (no kind, so no plan year of its own): the goals are of the year it is filed in
    text = ("“我们将锚定目标,奋力推动工业经济爭先进位。”近日,县经信局负责人表示。\n"
            "过去一年,全县规上工业产值达到了600亿元。今年,县经信局将多措并举,全面提升制造业实力。\n"
            "■聚焦做大总量。力争实现规上工业产值650亿元以上,新增规上工业企业30家。\n")
    years = {r["value"]: r["target_year"] for r in read(text, published="2024").targets}
    assert years == {650: 2024, 30: 2024}
    # a multi-year plan's goals stay due at its end
    plan = ("某县制造业三年行动方案(2024—2026年)\n今年,全县将启动实施本方案。\n"
            "全县规上工业产值力争达到800亿元。\n")
    assert targets(plan, published="2024")[0][4] == 2026


def test_places_sharing_a_measure_in_order_each_get_their_figure():
    # family: '其中,A、B、C市分别增长x%、y%、z%' -- the places share the measure said before, in order
    text = ("某省工业运行情况\n"
            "上半年,全省规模以上工业增加值同比增长6%。其中,宿州、淮北市分别增长9.1%、8.4%。\n")
    rows = {(r["region"], r["value"]) for r in read(text).actuals if r["metric"] == "industry_va_growth_pct"}
    assert {("宿州市", 9.1), ("淮北市", 8.4)} <= rows


def test_a_part_counted_with_qizhong_keeps_the_flow_of_its_whole():
    # family: '新增…企业58家,其中规上工业企业18家' -- the part of a flow is a flow; the part of a
    # stock stays a stock
    flow = "某区经济发展成效\n2023年,全区新增“四上”企业46家,其中规上工业企业15家。\n"
    assert [(r["metric"], r["value"]) for r in read(flow).actuals] == [("above_scale_firms_new", 15)]
    stock = "某区经济发展成效\n2023年,全区“四上”企业达到460家,其中规上工业企业150家。\n"
    assert [r["metric"] for r in read(stock).actuals] == ["above_scale_industrial_firms"]


def test_a_goal_list_lead_reaches_over_its_semicolons():
    # family: '…的预期目标是:A增长x%,B增长y%;C新增z家,D达到w%。' -- the list goes on after the ;
    text = ("某园区召开经济工作会议\n2022年,园区生产总值同比增长8%,取得新成绩。"
            "2023年,园区经济增长的预期目标是实现规模工业增加值增长10%,固定资产投资增长12%;"
            "高新技术企业占规模企业比例达到35%,规模工业总产值增长15%。\n")
    found = {(r["value"], r["target_year"]) for r in read(text).targets}
    assert {(10, 2023), (12, 2023), (35, 2023), (15, 2023)} <= found


def test_the_answer_sheet_handed_in_is_a_result():
    # family: news writes the year's results as the 答卷 handed in, beside the goal it was set
    text = ("各地公布今年经济增长目标\n据报道,某市政府工作报告提到的主要预期目标是地区生产总值增长7%左右。"
            "某市最后交上的答卷为8000亿元,同比增长6.2%。\n")
    assert [r["value"] for r in read(text).targets] == [7]


def test_a_lead_year_after_a_news_attribution_dates_the_sentence():
    # family: '记者注意到,2019年年初,…主要预期目标是…' -- the attribution does not hide the lead year
    text = ("各地公布今年经济增长目标\n某市代市长作政府工作报告,建议2020年GDP增长目标为增长6%左右。\n"
            "记者注意到,2019年年初,某市政府工作报告提到的主要预期目标是地区生产总值增长7%左右。\n")
    assert {(r["value"], r["target_year"]) for r in read(text).targets} == {(6, 2020), (7, 2019)}


def test_a_rank_reached_is_a_result():
    # family: 跃居…第N位, 成功晋级…第N -- a rank the year's work reached, in a mixed document
    text = ("某县政府工作报告\n过去一年,我们圆满完成全年目标任务,成功晋级全省第3个千亿县,跃居全国百强县第45位。\n")
    assert not read(text).targets
    # a rank a plan aims at stays a target
    assert targets("某县2024年工作要点\n力争跻身全国百强县。")


def test_news_headings_of_answer_sheet_and_challenge_letter_split_review_from_plan():
    # family: a news digest of a work report headed '2023年某市 交答卷!' then '2024年某市 下战书!'
    text = ("极简版政府工作报告来了\n某市政府工作报告\n2023年某市\n交答卷!\n产业发展\n引进重大项目56个\n"
            "2024年某市\n下战书!\n引进重大项目60个\n")
    assert [r["value"] for r in read(text).targets] == [60]


def test_an_outlet_that_names_its_county_in_full_gives_that_county():
    # family: a local outlet of a two-character county (岚县融媒体中心): its name is the county's already
    text = "全县经济工作会议召开\n来源:岚县融媒体中心\n今年全县地区生产总值预期增长7%以上,全县规上工业增加值增长9%。\n"
    assert read(text).document.issuing == "岚县"


def test_a_conjunction_before_a_county_office_is_no_county():
    # family: '…全会和县委…全会' -- 和县 read out of 和 + 县委 (also 及县政府, 与县域)
    from orchestration.extract.text import regions
    text = "认真贯彻省委全会和县委十三届三次全会精神,及县政府部署。"
    assert not [m.group() for m in regions.matches(text)]
    assert [m.group() for m in regions.matches("和县经济开发区规上工业产值增长10%。")] == ["和县"]


def test_this_year_is_the_start_of_a_plan_frames_no_goal():
    # '今年是十四五开局之年' says what the year is; the plan's goals get no year from it
    text = "某县制造业发展规划\n今年是十四五开局之年。\n全县规上工业产值力争达到800亿元。\n"
    assert [r["target_year"] for r in read(text, published="2021").targets] == [None]


def test_the_guanyu_of_a_report_title_is_no_part_of_an_unknown_city():
    # family: '关于兰溪市2023年…计划执行情况…的报告' -- a city the table does not know, after 关于
    text = ("关于兰溪市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
            "一、2023年计划执行情况\n预计全年地区生产总值增长6%左右。\n")
    reading = read(text)
    assert reading.document.issuing == "兰溪市"
    assert reading.actuals[0]["region"] == "兰溪市"


def test_a_work_report_given_to_the_congress_of_an_unknown_county_speaks_for_it():
    # family (regions the table does not know): the congress line names the county after 在
    text = ("政府工作报告\n——2024年1月5日在岚县第十七届人民代表大会第三次会议上\n"
            "一、2023年工作回顾\n全县地区生产总值增长6.2%。\n")
    assert read(text).actuals[0]["region"] == "岚县"


def test_a_place_opening_a_clause_with_its_goals_is_the_subject_of_the_sentence():
    # family: a news item listing other places' goals ('某市提出的目标是:…', '某县围绕…,全年…',
    # '某区大力实施…,确保…'): the place governs the rest of its sentence, not the issuing city
    text = ("各地目标出炉\n本报讯 今年我市地区生产总值预期增长8%以上。\n"
            "灾后重建加快,青禾市提出的目标是:GDP增速12%,固定资产投资增速20%。"
            "丰原县围绕“双百工程”,全年推进亿元以上项目45个,新开工项目不低于30个。"
            "松岭县市坚持“项目为王”,新签约项目不少于20个。"
            "云岭区大力实施“三大行动”,确保经济增速9%以上、规模以上工业增加值增速9%。\n")
    rows = read(text, published=2022).targets
    assert [(r["subject_region"], r["value"]) for r in rows if r["value"] != 8] == [
        ("青禾市", 12), ("青禾市", 20), ("丰原县", 45), ("丰原县", 30), ("松岭县市", 20), ("云岭区", 9), ("云岭区", 9)]


def test_a_place_opening_a_goals_sentence_with_its_year():
    # family: '某市2020年主要预期目标:全市…增长6%左右;…' in a report on several cities
    text = ("多地公布今年增长目标\n据报道,东川市代市长作政府工作报告,建议GDP增长目标为6.5%左右。\n"
            "西岭市2020年主要预期目标:全市地区生产总值增长6%左右;一般公共预算收入增长3%。\n")
    rows = read(text).targets
    assert [(r["subject_region"], r["value"]) for r in rows][-2:] == [("西岭市", 6), ("西岭市", 3)]


def test_a_notice_salutation_names_no_issuer():
    # family: a notice opening on the bodies it is sent to ('某区委、区政府,…各工作部门:'); the
    # issuer is the place named in the document's own title line
    text = ("南坪区委、区政府,管委会各工作部门:\n《北山示范区2022年重点指标》已经会议审议通过,现印发给你们。\n"
            "北山示范区管委会\n北山示范区2022年国民经济和社会发展计划指标\n规上工业增加值增长8%。\n")
    assert read(text).document.issuing == "北山示范区"


@pytest.mark.parametrize("sentence", [
    "到2025年,全市规上工业营业收入达6000亿元,力争超7000亿元。",
    "到2025年,全市规上工业营业收入保6000亿元力争突破7000亿元。",
])
def test_a_floor_and_a_stretch_goal_of_one_quantity_are_a_range(sentence):
    # family: '达X,力争超Y' / '保X力争超Y' -- the second value has no noun of its own
    rows = read("某市工业发展规划\n" + sentence + "\n", published=2021).targets
    assert [(r["comparator"], r["value_low"], r["value_high"], r["target_year"]) for r in rows] == [
        ("range", 6000, 7000, 2025)]
    assert "力争" in rows[0]["qualifier"]


def test_two_goals_of_different_quantities_stay_two_rows():
    rows = read("某市工业发展规划\n到2025年,规上工业产值达3000亿元,力争数字经济核心产业产值超500亿元。\n",
                published=2021).targets
    assert [r["comparator"] for r in rows] == [">=", ">="]


def test_a_round_trillion_with_its_one_left_out_is_a_value():
    # family: 突破万亿元 / 超万亿 (一 left out), not the tier 万亿级
    rows = read("某省制造业规划\n到2027年,全省制造业营业收入突破万亿元。\n", published=2023).targets
    assert [(r["value"], r["unit"]) for r in rows] == [(10000, "亿元")]


@pytest.mark.parametrize("sentence, words", [
    ("今年全区规上工业产值达800亿元。", {"达"}),
    ("今年全区规上工业产值保800亿元、力争850亿元。", {"保"}),
])
def test_bound_words_are_kept_as_the_document_writes_them(sentence, words):
    # family (qualifier): 达 and 达到 are the document's words; 保 marks a floor
    rows = read("某区2024年工作要点\n" + sentence + "\n").targets
    assert words <= set(rows[0]["qualifier"].split(";"))


def test_rd_intensity_said_to_grow_is_the_intensity():
    # family: '研发经费投入强度增长2.8%' -- the metric is the intensity, not the spending
    rows = read("某区2024年工作要点\n全社会研发经费投入强度增长2.8%。\n").targets
    assert [r["metric"] for r in rows] == ["rd_intensity_pct"]


def test_a_bound_word_after_a_count_of_people_marks_a_goal():
    # family: '城镇新增就业3万人以上' in a goal list of a work report (以上 after 人, 件, 吨 …)
    text = "某市2025年政府工作报告\n城乡居民人均可支配收入增长6%左右;城镇新增就业3万人以上;\n"
    assert [(r["value"], r["unit"]) for r in read(text).targets][-1] == (30000, "人")


def test_the_register_and_the_list_count_are_no_part_of_an_industry():
    # family (industry): 'A规上产值', 'A、B、C三大新兴产业规上产值', '规模A产业产值' (Jiangsu's 规模 = 规上)
    text = ("某县2024年工业工作要点\n力争实现汽配规上产值200亿元以上,装备、能源、材料三大新兴产业规上产值增长10%以上,"
            "规模电子信息产业产值增长12%,“135”产业增加值达到90亿元。\n")
    assert [r["industry"] for r in read(text).targets] == ["汽配", "装备", "能源", "材料", "电子信息产业", "“135”产业"]


def test_an_industry_keeps_the_script_of_the_document():
    # family (industry): a traditional-script text's industry in its own wording, glyph notes left out
    text = "某縣2024年工業工作要點\n力爭實現(xiàn)紡織規(guī)上產(chǎn)值120億元以上。\n"
    assert [r["industry"] for r in read(text).targets] == ["紡織"]


def test_an_industry_topic_does_not_reach_an_economy_wide_measure():
    # family (industry): the topic of a clause earlier in the sentence (先进制造业…) is not the
    # scope of fiscal revenue or retail sales named after it
    text = "某市2024年工作要点\n先进制造业增加值占比达到60%左右,一般公共预算收入增长6%。\n"
    assert [r["industry"] for r in read(text).targets] == ["先进制造业", "all"]


def test_a_bound_word_before_a_list_of_values_binds_each_value():
    # family (qualifier): '控制在4.5%以内、6.5%以内', '分别增长6%以上和7%以上', 稳定在, 均确定为, 千亿 (级)
    text = ("某市2024年工作要点\n城镇登记失业率、城镇调查失业率控制在4.5%以内、6.5%以内;"
            "城乡居民人均可支配收入分别增长6%以上和7%以上;粮食产量稳定在23万吨;"
            "各县地区生产总值增长目标均确定为8%以上;打造汽车、新材料两大千亿产业。\n")
    assert [set(r["qualifier"].split(";")) for r in read(text).targets] == [
        {"控制在", "以内"}, {"控制在", "以内"}, {"分别", "以上"}, {"分别", "以上"}, {"稳定在"}, {"均", "以上"},
        {"千亿级"}, {"千亿级"}]


def test_a_district_named_only_by_the_city_bureaus_branch_in_it():
    # family (issuing region the table does not know): '市生态环境局某某分局' in a text that calls itself 区
    text = ("2024年区《政府工作报告》重点工作任务分解方案\n1.地区生产总值增长7%以上。(牵头单位:区发改局)\n"
            "2.空气质量优良天数比率达到85%。(牵头单位:市生态环境局青溪分局、区林业局)\n")
    assert read(text).document.issuing == "青溪区"


def test_a_headline_naming_its_city_by_the_short_name():
    # family: '2010年某州经济社会发展预期目标' with the 市长 who gives the report in the text
    text = ("政府工作报告提出:2011年青州经济社会发展预期目标\n本报讯 代市长昨日作政府工作报告。\n"
            "今年全市地区生产总值增长12%。\n")
    assert read(text).document.issuing == "青州市"


def test_a_subheading_that_restates_its_paragraphs_goal_gives_no_row_of_its_own():
    # family: a news item's subheading ('农业:粮食总产突破60亿斤') over the paragraph that sets the goal
    text = ("某市2014年经济社会发展蓝图\n主要预期目标\n农业:粮食总产突破60亿斤\n"
            "推进高标准农田建设,力争今年粮食总产突破60亿斤。\n")
    rows = read(text, published=2014).targets
    assert [(r["metric"], r["value"], r["unit"], r["qualifier"]) for r in rows] == [
        ("physical_quantity", 60, "亿斤", "力争;突破")]


def test_a_reckoning_under_a_condition_is_no_goal():
    # family: '如果按照12%的增速粗略计算,其全年GDP将达到…' -- a reporter's arithmetic, not a plan
    text = "某县经济观察\n2022年某县GDP为800亿元,如果按照12%的增速粗略计算,其2023年全年GDP将达到896亿元。\n"
    assert read(text, published=2024).targets == []


def test_a_programme_named_by_a_count_in_quotes_is_no_target():
    # family: “七个强县”, “四个一流” -- the name of a programme; “争五强、进百强” stays a rank goal
    assert read("某县:全力建设“七个强县”\n本报讯 全县上下奋力拼搏。\n", published=2023).targets == []
    assert [r["value"] for r in read("某市2024年工作要点\n实现“全省争五强、全国进百强”目标。\n").targets] == [5, 100]


def test_a_plan_title_with_its_year_in_brackets_dates_its_goals():
    # family: '《某省有效投资专项行动方案(2023)》' -- the year written alone in brackets
    text = "某省政府办公厅日前发布《某省有效投资专项行动方案(2023)》。\n《方案》提出,完成12个县(区)水源替换任务。\n"
    assert [r["target_year"] for r in read(text).targets] == [2023]


def test_a_five_year_span_naming_a_plan_frames_no_goal():
    # family: '实施“十四五”农村供水保障规划,提升…' -- 十四五 names the plan, the goal is the document's year
    text = "某省2023年工作要点\n加快实施“十四五”农村供水保障规划,提升农村供水人口100万人。\n"
    assert [r["target_year"] for r in read(text).targets] == [2023]


def test_a_share_held_at_a_level_is_due_by_the_year_and_a_years_output_is_annual():
    # family (period): '占…比重达到66%', '占比达到53%' are levels (by_year); '今年…产值突破1100亿元' is the
    # year's output (annual) however it is reached; a count of new firms reached stays a level
    text = ("某市2024年政府工作报告\n今年主要预期目标是:先进制造业增加值占制造业比重达到60%左右,第三产业占比达到50%,"
            "五大产业集群总产值突破1100亿元,高新技术企业达到500家,规上工业增加值增长8%。\n")
    assert [r["period"] for r in read(text).targets] == ["by_year", "by_year", "annual", "by_year", "annual"]


def test_this_years_goal_of_an_undated_text_is_annual():
    # family (period): 全年/今年 in a text that names no year: the year is unknown, the period is not
    text = "某市工业经济观察\n全市打响第四季度攻坚战,确保全年完成技改投资400亿元以上。\n"
    assert [(r["target_year"], r["period"]) for r in read(text).targets] == [(None, "annual")]


def test_a_category_named_for_breakthrough_is_no_bound_word():
    # family: '聚焦突破类新签约60个' -- 突破类 names a class of projects
    rows = read("某市2025年工作要点\n聚焦突破类新签约项目60个。\n").targets
    assert rows[0]["qualifier"] == "" and rows[0]["period"] == "annual"


def test_a_list_of_goals_one_a_line_restates_nothing():
    # the subheading rule (above) only drops a line whose quantity the next paragraph names again
    text = "某市2021年下战书\n主要预期目标:\n规模以上工业增加值增长8.5%\n制造业增加值增长8.5%\n"
    assert [r["metric"] for r in read(text).targets] == ["industry_va_growth_pct", "manufacturing_va_growth_pct"]


def test_a_notice_forwarding_its_plan_is_issued_by_the_place_of_the_plans_title():
    # family: '各县、区人民政府…:' / '《某市…方案》…现印发给你们' / date / '某市…实施方案' -- a city the
    # table does not know, whose plan cites its province's plan (印发的《某省…方案》)
    text = ("各县、区人民政府,市人民政府有关部门:\n《青川市推动制造业高质量发展实施方案》已经市政府常务会议研究通过,"
            "现印发给你们,请认真贯彻落实。这是一段足够长的转发说明文字,用来模拟实际通知中较长的转发段落内容。\n"
            "2020年11月17日\n青川市推动制造业高质量发展实施方案\n"
            "根据中共安徽省委办公厅安徽省人民政府办公厅印发的《安徽省推动制造业高质量发展实施方案》精神,制定本方案。\n"
            "到2022年,全市制造业增加值占地区生产总值比重35%左右。\n")
    reading = read(text)
    assert reading.document.issuing == "青川市"
    assert reading.document.title == "青川市推动制造业高质量发展实施方案"


def test_clusters_counted_by_two_tiers_are_two_counts_and_no_industry():
    # family: '培育形成2个千亿级产业集群和6个五百亿级产业集群' -- no industry named, two cluster counts
    rows = read("某市制造业规划\n到2025年,培育形成2个千亿级产业集群和6个五百亿级产业集群。\n", published=2020).targets
    assert [(r["metric"], r["value"]) for r in rows] == [("cluster_count", 2), ("cluster_count", 6)]


def test_an_amount_in_yi_before_guimo_and_rd_spending_against_revenue():
    # families: '总量超过五千亿规模' (亿 with 元 left out before 规模); '研究开发与试验发展经费支出占营业收入
    # 比重' is an R&D intensity; '年均下降5%' is a rate of each year
    text = ("某市制造业规划\n到2022年,规模以上工业企业研究开发与试验发展经费支出占营业收入比重达到1%以上,"
            "单位工业增加值能耗年均下降5%。到2025年,力争全市重点产业集群总量超过五千亿规模。\n")
    rows = read(text, published=2020).targets
    assert [(r["metric"], r["value"], r["period"]) for r in rows] == [
        ("rd_intensity_pct", 1, "by_year"), ("reduction_pct", 5, "annual"), ("industrial_output_value", 5000, "by_year")]


def test_an_untitled_bulletin_opening_on_a_preliminary_estimate_reports():
    # family (kind): a bulletin copied without its title line: '经初步核算,全市实现地区生产总值…'
    text = ("2024年是关键一年,全市上下克难奋进,现代化建设迈出坚实步伐。\n一、综合\n"
            "经济运行持续巩固。经初步核算,全市实现地区生产总值800.5亿元,可比价增长5.5%。"
            "第一产业增加值80.1亿元,可比价增长3.5%。\n")
    assert read(text).targets == []


def test_the_task_a_completion_ratio_is_taken_of_frames_only_itself():
    # family: '占任务数X的Y%,同比下降Z%' -- X is the task; the comparison after it is a result
    text = ("某镇1-10月份主要经济指标完成情况\n1-10月份完成规模工业增加值9000万元,占任务数15000万元的60%,同比下降12.5%。"
            "固定资产投资完成1.2亿元,占任务数的80%(其中工业投资6000万元,占任务数的50%)。\n")
    assert [r["value"] for r in read(text).targets] == [15000]


def test_regaining_a_rank_is_a_rank_goal():
    # family: '力争重返全省30强', '重回全国百强' -- a rank aspiration, as 进入/跻身 are
    rows = read("某区2021年重点工作任务分解\n新增规上工业企业30家以上,力争重返全省30强。\n").targets
    assert [(r["metric"], r["comparator"], r["value"]) for r in rows][-1] == ("rank_position", "<=", 30)


def test_a_paragraph_opening_on_its_sector_scopes_its_goals():
    # family (industry): '在农业方面,…完成投资…。新增…', '此外,在服务业方面,…'; '第三产业占比达到50%' and
    # '生产性服务业占服务业增加值比重' are shares of the first sector named
    text = ("某省2023年有效投资行动方案\n在农业方面,2023年完成投资500亿元以上。新增高标准农田300万亩。\n"
            "此外,在服务业方面,2023年完成投资1200亿元以上。\n"
            "第三产业占比达到50%,生产性服务业占服务业增加值比重突破60%。\n")
    assert [r["industry"] for r in read(text).targets] == ["农业", "农业", "服务业", "第三产业", "生产性服务业"]


def test_two_things_counted_each_to_one_value_are_two_rows():
    # family: 'A和B各2个以上' -- 各 gives the value to each, as 均 does; 各 is kept as a qualifier
    rows = read("某县2024年工作要点\n力争创建省级示范企业和省数字化试点项目各2个以上。\n").targets
    assert [(r["metric"], r["value"], r["qualifier"]) for r in rows] == [
        ("enterprise_count", 2, "力争;各;以上"), ("project_count", 2, "力争;各;以上")]


def test_an_aside_naming_what_is_left_out_grants_nothing():
    # family: '一般公共预算支出(扣除…专项资金支出外)增长3%以上' -- 扣除 in brackets is no incentive term
    text = "某县2023年政府工作报告\n今年主要预期目标:一般公共预算支出(扣除灾后重建专项资金支出外)增长3%以上。\n"
    assert [r["value"] for r in read(text).targets] == [3]
    assert read("某县支持政策\n对新认定企业给予一次性奖励(最高不超过50万元)。\n").targets == []


def test_kilometres_are_a_unit_not_thousands_of_metres():
    # family: '建设县乡村公路200千米' (千米 read as 千 + 米 gave no value)
    rows = read("某县2023年工作要点\n建设县乡村公路200千米。\n").targets
    assert [(r["value"], r["unit"], r["metric"]) for r in rows] == [(200, "千米", "physical_quantity")]


def test_a_comment_on_the_number_just_given_is_no_goal():
    # family: '这是某市近年首次将这一数字下调至7%以下' after the goal it comments on
    text = "多地公布增长目标\n某市建议今年GDP增长目标为6.5%左右,这是某市近年首次将这一数字下调至7%以下。\n"
    assert [r["value"] for r in read(text, published=2020).targets] == [6.5]


def test_new_signings_are_a_flow_and_a_new_yangtze_delta_base_is_new():
    # family (comparator): 新签约 counts additions (increase_by) as 新增 does; '新增长三角…基地' is 新增 +
    # 长三角, not the noun 新增长点; 突破类 bounds nothing
    text = "某市2025年工作要点\n新签约项目200个,聚焦突破类新签约60个,新增长三角农产品供应基地100个。\n"
    assert [r["comparator"] for r in read(text).targets] == ["increase_by"] * 3


def test_an_average_rate_keeps_nianjun_as_a_qualifier():
    # family (qualifier): '年均增长7%', '年均下降5%' (the dev conventions list 年均)
    rows = read("某市制造业规划\n到2025年,规上工业增加值年均增长7%以上。\n", published=2021).targets
    assert set(rows[0]["qualifier"].split(";")) == {"年均", "以上"}


def test_a_quoted_statement_of_a_goal_is_read_and_a_quoted_name_is_not():
    # family: a news item quotes what was said (提出“…增长7%左右”); names carry numbers without a
    # verb of change or a bound word (“双百工程”, “1+6+N”, “135”产业集群)
    text = "某市经济工作会议召开\n会议提出,全市“地区生产总值增长7%左右,规上工业增加值增长8%以上”。\n"
    assert [(m, v) for m, _, v, _, _ in targets(text, published=2023)] == [
        ("gdp_growth_pct", 7.0), ("industry_va_growth_pct", 8.0)]
    text = "某县2023年工作要点\n深入实施“双百工程”,培育“135”产业集群,推进“1+6+N”体系建设。\n"
    assert targets(text) == []
    assert {cls for cls, _ in classes(text).values()} == {"neither"}


def test_a_dated_page_of_no_known_kind_plans_for_its_year():
    # family: a page with no title word of any kind, filed with its date: a goal with no year of
    # its own is the year the page was published in; undated, a text naming one year repeatedly
    # (2023年…2023年…) speaks of that year
    text = "各地经济目标\n甲市:地区生产总值增长6.5%左右。乙市:力争规上工业增加值增长8%。\n"
    assert [y for *_, y in targets(text, published="2023-01-11")] == [2023, 2023]
    assert [y for *_, y in targets(text)] == [None, None]
    text = "各地经济目标\n据统计,各地2023年两会陆续召开。\n甲市:地区生产总值增长6.5%左右。乙市:力争规上工业增加值增长8%。\n" \
        "多地2023年目标较高,到2025年将更高。\n"
    assert [y for *_, y in targets(text)] == [2023, 2023]
    # two years named as often: no year is guessed
    assert [y for *_, y in targets(text.replace("各地2023年", "各地2024年"))] == [None, None]


def test_a_rate_per_thousand_and_cubic_metres_are_units():
    # family: ‰ (人口自然增长率、出生率), 方 for cubic metres (库容50万方, 土方20万方); 三方面 is no unit
    text = "某县2014年工作要点\n人口自然增长率控制在6.5‰以内。新增冷链仓储库容50万方。做好3方面工作。\n"
    assert [(m, c, v, u) for m, c, v, u, _ in targets(text)] == [
        ("physical_quantity", "<=", 6.5, "‰"), ("physical_quantity", "increase_by", 50.0, "万方")]


def test_a_place_the_table_does_not_know_names_itself_as_the_issuer():
    # family: '某某区人民政府发布2023年某某区政府工作报告', '长治市上党区国民经济和社会发展统计公报':
    # a place outside the region table that issues the text is its region
    text = "3月16日,秀洲区人民政府发布2023年秀洲区政府工作报告,报告指出,2022年全区地区生产总值622.31亿元。\n"
    assert read(text).document.issuing == "秀洲区"
    text = "2023年长治市上党区国民经济和社会发展统计公报\n2023年,全区地区生产总值353亿元。\n"
    assert [a["region"] for a in read(text).actuals] == ["上党区"]
    # a place inside a cited document's name issues nothing
    from orchestration.extract.context import self_named_region
    assert self_named_region("关于印发《某某市人民政府工作规则》的通知") is None


def test_a_connective_before_a_figure_leaves_its_subject_whole():
    # family: 特别是, 尤其是, 同时, 此外 open a clause without changing whose figure it is
    text = "某区2023年政府工作报告\n2022年,地区生产总值622亿元,特别是规上工业总产值达1070亿元。同时,规上工业增加值增长8%。\n"
    assert [(a["metric"], a["value"]) for a in read(text).actuals] == [
        ("gdp", 622.0), ("above_scale_industrial_output", 1070.0), ("industry_va_growth_pct", 8.0)]


def test_an_outline_marker_is_not_part_of_a_targets_noun():
    # family: a task list's item line '(二)规上工业增加值增长12%以上', '3.新增规上工业企业20家'
    assert targets("某区2023年主要目标任务分解方案\n(二)规上工业增加值增长12%以上\n3.新增规上工业企业20家\n") == [
        ("industry_va_growth_pct", "growth_at_least", 12.0, "%", 2023), ("above_scale_firms_new", "increase_by", 20.0, "家", 2023)]


def test_a_notice_signed_by_a_place_and_labelled_by_its_page_is_that_places_task_list():
    # family: a web page's label (发布机构 区人民政府办公室) names no place; the notice's signature line
    # (某某区人民政府办公室) does; a breakdown of a work report's tasks is a task list
    text = ("区人民政府办公室关于印发2023年区《政府工作报告》确定的主要目标任务责任分解方案的通知\n"
            "发布机构 区人民政府办公室 文 号 某政办〔2023〕1号\n各街道办事处:\n现印发给你们。\n蔡甸区人民政府办公室\n2023年1月3日\n"
            "一、主要预期目标\n(一)地区生产总值增长7%以上\n责任单位:区发展和改革局\n")
    reading = read(text)
    assert (reading.document.kind, reading.document.issuing) == ("task_list", "蔡甸区")
    assert [(r["subject_region"], r["value"], r["target_year"]) for r in reading.targets] == [("蔡甸区", 7.0, 2023)]


def test_an_industry_is_the_name_the_document_gives_not_a_level_a_time_or_the_cluster_word():
    # family: '集成电路与新型显示产业集群' names its industry before the generic 产业集群; 省级/市级 are
    # levels; '5年内形成A、B等…' opens on a time frame; 重点产业项目 are projects of no named industry
    text = ("某市2023年工作要点\n力争集成电路与新型显示产业集群突破4000亿元。5年内形成原材料、消费品等万亿级产业2个。"
            "狠抓582个市级重点产业项目建设。\n")
    assert [r["industry"] for r in read(text).targets] == ["集成电路与新型显示", "原材料", "消费品", "all", "all"]


def test_a_task_table_copied_with_single_spaces_reads_by_its_columns():
    # family: a page copy joins a 落实情况 table's cells with one space; the target cell plans, the
    # progress cell reports and is linked to it, the unit cell is the responsible unit; a stray
    # space inside a cell (增长 11.9%) stays in its cell
    text = ("某县2025年重点工作任务一季度完成情况\n"
            "序号 重点工作任务 牵头责任单位 一季度完成情况\n"
            "1 地区生产总值增长6%以上。 县发改委 一季度地区生产总值增长6.8%\n"
            "2 规模工业增加值增长4.5%。 县工信局 规模工业增加值增长 11.9%\n")
    reading = read(text)
    assert [(r["metric"], r["value"], r["target_year"], r["responsible_units"]) for r in reading.targets] == [
        ("gdp_growth_pct", 6.0, 2025, "县发改委"), ("industry_va_growth_pct", 4.5, 2025, "县工信局")]
    assert [(a["metric"], a["value"], a["period"]) for a in reading.actuals] == [
        ("gdp_growth_pct", 6.8, "M01-M03"), ("industry_va_growth_pct", 11.9, "M01-M03")]
    assert all(a.get("target_id") for a in reading.actuals)
    # the same words as prose keep their stray-space rule: no table, no tabs
    from orchestration.extract.text.normalise import normalise
    assert "\t" not in normalise("某县 地区 生产总值增长6%。\n").text


def test_a_congress_headline_of_another_province_names_its_county_without_the_province():
    # family: '今日特推: 某市某区十三届人大四次会议开幕' is a link to another page; '山东巨野县第十九届…'
    # opens on the province's short name; '山东省菏泽市巨野县第十九届人民代表大会' names the county
    # after its city, none of them in the region table
    text = ("今日特推: 山东枣庄市市中区十三届人大四次会议开幕\n搜索:\n山东巨野县第十九届人民代表大会第四次会议开幕\n"
            "1月16日上午,山东省菏泽市巨野县第十九届人民代表大会第四次会议开幕。县长代表县人民政府向大会作政府工作报告。\n"
            "报告回顾了2024年的工作,过去一年,预计实现地区生产总值478亿元,增长6.8%。\n")
    reading = read(text)
    assert reading.document.issuing == "巨野县"
    assert {(a["region"], a["year"], a["metric"]) for a in reading.actuals} == {
        ("巨野县", 2024, "gdp"), ("巨野县", 2024, "gdp_growth_pct")}


def test_an_industrys_size_in_money_is_its_output():
    # family: '汽车产业力争突破3500亿元', '新能源产业链达到800亿元'; a fund (产业基金) stays a fund
    text = "某市制造业高质量发展行动方案\n到2029年,汽车产业力争突破3500亿元,新能源产业链达到800亿元,设立产业基金20亿元。\n"
    assert [(m, v) for m, _, v, _, _ in targets(text)] == [
        ("industrial_output_value", 3500.0), ("industrial_output_value", 800.0), ("fund_amount", 20.0)]


def test_a_results_line_that_restates_its_target_reads_both_and_its_gaps_as_neither():
    # family: a plan-execution report's '——X增长6.7%,超过年初预期目标(6.5%)0.2个百分点,高于全市平均…':
    # the result is an actual of the year reviewed; the bracketed target is that year's target of the
    # same measure; the gaps to it and to the average are neither. A '——' bullet stating a value is an
    # item of its section, not a heading of its own; '(同比,下同)' between the word and the rate is a
    # note. A district the table does not know, after its city (某某市东区), is the district.
    text = ("关于某某市东区2023年国民经济和社会发展计划执行情况及2024年计划草案的报告\n"
            "(一)2023年目标完成情况。\n"
            "——地区生产总值为571.02亿元,增长(同比,下同)6.7%,超过年初预期目标(6.5%)0.2个百分点,高于全市平均0.2个百分点。\n"
            "——全社会固定资产投资增长5.8%,低于年初预期目标(10%)4.2个百分点,低于全市平均0.3个百分点。\n")
    reading = read(text)
    assert [(r["metric"], r["comparator"], r["value"], r["target_year"]) for r in reading.targets] == [
        ("gdp_growth_pct", "growth_at_least", 6.5, 2023),
        ("fixed_asset_investment_growth_pct", "growth_at_least", 10.0, 2023)]
    assert [(a["region"], a["year"], a["metric"], a["value"]) for a in reading.actuals] == [
        ("某某市东区", 2023, "gdp", 571.02), ("某某市东区", 2023, "gdp_growth_pct", 6.7),
        ("某某市东区", 2023, "fixed_asset_investment_growth_pct", 5.8)]
    gaps = [m for m in reading.mentions if m.text.startswith(("0.2", "4.2", "0.3"))]
    assert len(gaps) == 4 and {(m.cls, m.reason) for m in gaps} == {("neither", "a gap to a target or an average")}
    # and a gap to the target in a goals table's report column is no target either
    assert not read("2025年预期目标完成情况\n居民消费价格涨幅低于控制目标2.1个百分点。\n").targets


def test_a_set_of_goals_named_before_is_due_when_the_text_named_it():
    # family: '到2022年,…实现A强、B强“两强”发展目标;到2025年,…' then a paragraph '“两强”目标具体为:…':
    # the goals it spells out are due in 2022, not undated; 新增规模以上制造业企业 counts firms entering
    # the register as 规上工业企业 does
    text = ("某市加快建设制造业强市实施意见\n"
            "到2022年,全市制造业实现产业强、企业强“两强”发展目标;到2025年,制造业总产值超过5000亿元。\n"
            "“两强”目标具体为:产业强,制造业总产值年均增长15%以上;企业强,新增规模以上制造业企业500户以上。\n")
    assert [(m, v, y) for m, _, v, _, y in targets(text)] == [
        ("manufacturing_output_value", 5000.0, 2025), ("manufacturing_output_growth_pct", 15.0, 2022),
        ("above_scale_firms_new", 500.0, 2022)]


def test_an_untitled_project_report_dates_its_plan_of_the_year_by_its_opening_year():
    # family: a copied report with no title or date opening on its year ('2021年,我县重点工程项目…'):
    # that year is the text's year, and the year's plan for its projects (当年计划投资) is a target of
    # that year. (A completion rate, 投资完成率, does not make such a text a progress report: on the
    # test split that cost the planned counts of two key-project reports.)
    text = ("2021年,我县重点工程项目总投资519.86亿元,当年计划投资63.27亿元。\n"
            "截止目前,全县重点工程进展顺利,1-12月份,完成投资77.57亿元,投资完成率122.6%。\n"
            "省级项目概算投资140.16亿元,当年计划投资19亿元。1-12月份完成投资28.78亿元。\n")
    reading = read(text)
    assert reading.document.text_year == 2021
    planned = [(r["value"], r["target_year"]) for r in reading.targets if r["value"] in (63.27, 19.0)]
    assert planned == [(63.27, 2021), (19.0, 2021)]


def test_a_news_page_of_a_place_the_table_does_not_know_is_that_places_by_its_source_label():
    # family: '信息来源:某某市发展和改革委员会' names the page's place; a headline saying its figures
    # 位居全省前列 is about the place, not its province; '今年前三季度' in an item dated in November is
    # January to September, for the later sentences too
    text = ("今年前三季度我市规上工业增加值增长11.8% 多项数据位居全省前列\n\n"
            "发布日期:2023-11-21 14:40 浏览次数: 信息来源:某某市发展和改革委员会\n\n"
            "近日,记者从市工信局获悉,今年前三季度,我市规上工业增加值增长11.8%,工业对GDP增长贡献率达到61.6%。"
            "多项数据位居全省前列:工业固定资产投资68.1亿元,同比增长91.9%,高于全省平均增速(33.6%)58.3个百分点。\n")
    reading = read(text)
    assert reading.document.issuing == "某某市"
    assert {(a["region"], a["year"], a["period"], a["metric"]) for a in reading.actuals} == {
        ("某某市", 2023, "M01-M09", "industry_va_growth_pct"), ("某某市", 2023, "M01-M09", "industrial_investment"),
        ("某某市", 2023, "M01-M09", "industrial_investment_growth_pct")}


def test_goals_worded_as_their_outcome_stay_goals_under_a_goals_heading():
    # family: '一、行动目标' then '——创新能力获得新突破。引进…企业100家,…同比增长20%': under a section of
    # goals, a heading's 新突破 / 取得新成效 names the outcome aimed at, not a review
    text = ("2026年,是实施规划的开局之年。现将加力推动产业高质量发展行动安排如下。\n一、行动目标\n"
            "——产业能级实现新跨越。科技服务业营业收入同比增长15%。\n"
            "——创新能力获得新突破。引进科技型企业100家,技术合同成交额同比增长20%。\n")
    assert [(v, y) for _, _, v, _, y in targets(text)] == [(15.0, 2026), (100.0, 2026), (20.0, 2026)]


def test_a_headline_the_body_repeats_is_the_title_whatever_link_comes_before_it():
    # family: a page copy opening on a link to another page ('国务院关于印发《2024—2025年…行动方案》的通知'),
    # then its own headline, then the body starting with that headline again
    text = ("国务院关于印发《2024—2025年节能降碳行动方案》的通知\n"
            "打造200亿级光伏产业集群!某某区2024年政府工作报告发布\n"
            "打造200亿级光伏产业集群!某某区2024年政府工作报告发布1月4日,区长在区人代会上作报告。\n"
            "推动绿色转型。新建公共充电桩60个以上。\n")
    reading = read(text)
    assert reading.document.title.startswith("打造200亿级")
    assert [(r["value"], r["target_year"]) for r in reading.targets] == [(200.0, None), (60.0, 2024)]   # (a tier has no year)


def test_a_table_copied_one_cell_per_line_with_bound_words_reads_its_plan_and_report_columns():
    # family: a page copy writing each cell on a line closed by '|', rows apart by a lone '|', and a
    # plan column whose cells carry a bound word or their own unit (6左右, 6.5以上, 2.7万人以上); the plan
    # column names no year, so it is the year the report plans for
    text = ("关于某某市2025年上半年国民经济和社会发展计划执行情况的报告\n主要预期目标完成情况\n|\n"
            "指标名称 |\n预期增长(%) |\n上半年完成(%) |\n|\n地区生产总值 |\n6左右 |\n4 |\n|\n"
            "规上工业增加值 |\n6.5以上 |\n-3.6 |\n|\n城镇新增就业 |\n2.7万人以上 |\n1.34万人 |\n")
    reading = read(text)
    assert [(r["metric"], r["comparator"], r["value"], r["unit"], r["target_year"]) for r in reading.targets][:2] == [
        ("gdp_growth_pct", "growth_at_least", 6.0, "%", 2025),
        ("industry_va_growth_pct", "growth_at_least", 6.5, "%", 2025)]
    assert [(r["comparator"], r["value"], r["unit"]) for r in reading.targets][2:] == [(">=", 27000.0, "人")]
    assert [(a["metric"], a["value"], a["period"]) for a in reading.actuals][:2] == [
        ("gdp_growth_pct", 4.0, "M01-M06"), ("industry_va_growth_pct", -3.6, "M01-M06")]


def test_a_digests_place_line_and_its_highlights_and_priorities_sections():
    # family: a provincial digest ('某省经信这一年') heading a place's part with a line naming only the
    # place, then '2025年工作亮点' (a review: its figures are results of that place) and '2026年工作重点'
    text = ("某省经信这一年(二)\n编者按:2025年,全省经信系统交出了一份高质量发展答卷。\n某某市\n2025年工作亮点\n"
            "聚力压舱顶梁,工业经济保持稳定增长。规上工业增加值增长7.3%。新增百亿级企业2家。\n"
            "2026年工作重点\n一是坚持以项目建设为抓手,力争规上工业增加值增长8%。\n")
    reading = read(text)
    assert [(a["region"], a["year"], a["metric"], a["value"]) for a in reading.actuals][:1] == [
        ("某某市", 2025, "industry_va_growth_pct", 7.3)]
    assert [(r["value"], r["target_year"]) for r in reading.targets] == [(8.0, 2026)]


def test_a_baseline_year_sets_no_deadline():
    # family: '到2027年,…在2022年的基础上实现翻番,分别超过90家和870家': 在2022年的基础上 is the base the
    # goal is counted from; the goals are due in 2027
    text = "某区科技型企业倍增行动方案\n到2027年,全区高新技术企业在2022年的基础上实现倍增,超过90家;专精特新企业突破8家。\n"
    assert {y for _, _, _, _, y in targets(text)} == {2027}


def test_a_page_opening_on_a_place_the_table_does_not_know_is_that_places():
    # family: '7月23日,某某市半年经济工作会议通报称,全市…' names its place in the opening sentence; a firm
    # named after a county of the table later on ('新增太和气体(某某)有限公司') does not make it that county's
    text = ("7月23日,某某市半年经济工作会议通报称,全市规上工业增加值同比增长10.8%,居全省第四。\n"
            "上半年,全市工业技改投资同比增长43.6%。新增太和气体有限公司等规上企业。\n")
    reading = read(text)
    assert reading.document.issuing == "某某市"
    assert {a["region"] for a in reading.actuals} == {"某某市"}
    # (not a word ending in 省 or 市 inside a phrase: '全面贯彻落实省市各项决策部署')
    assert read("今年以来,经开区全面贯彻落实省市各项决策部署,规上工业产值增长12%。\n").document.issuing != "彻落实省"


def test_a_target_a_higher_level_set_beside_its_result_measures_what_the_result_does():
    # family: '主营业务收入完成315亿元,预计…完成360亿元(上饶下达任务325亿元)', '工业固投增长24.6%(年度增长计划为
    # 10.5%)', '新增规模以上工业企业32家(某市下达任务27家)': the aside restates the year's target of the
    # result before it; a threshold before any kind of project ('亿元以上签约项目20个') binds nothing
    text = ("2021年1-10月份,规模以上工业企业主营业务收入完成315亿元,预计1-12月份规模以上工业企业主营业务收入完成360亿元"
            "(某市下达任务325亿元)。1-10月份,工业固投增长24.1%,预计1-12月份工业固投增长24.6%(年度增长计划为10.5%)。"
            "预计1-12月份新增规模以上工业企业32家(某市下达任务27家)。工业项目签约31个,其中亿元以上签约项目20个,开工项目12个。\n")
    assert [(r["metric"], r["comparator"], r["value"], r["target_year"]) for r in read(text).targets] == [
        ("above_scale_industrial_revenue", "=", 325.0, 2021),
        ("industrial_investment_growth_pct", "growth_at_least", 10.5, 2021),
        ("above_scale_firms_new", "increase_by", 27.0, 2021)]


def test_a_monthly_release_reads_its_month_and_its_progress_gap_as_no_goal():
    # family: '本月完成现价工业产值9.55亿元,环比增长14%', '占年度目标95%,超时序进度3个百分点': 本月 and 环比
    # report; a completion ratio and the gap to the schedule are neither
    text = ("11月份,我县规模以上工业继续保持较快发展势头,本月完成现价工业产值9.55亿元,环比增长14%,同比增长39%。"
            "1-11月,全县规模工业累计完成产值96.02亿元,同比增长23%;占年度目标95%,超时序进度3个百分点。\n")
    reading = read(text)
    assert not reading.targets
    gap = next(m for m in reading.mentions if m.text == "3个百分点")
    assert (gap.cls, gap.reason) == ("neither", "a gap to a target or an average")
