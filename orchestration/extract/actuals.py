"""Actual figures (统计公报, monthly releases, work reports' reviews, progress reports): the clauses the
layout reads as actuals, turned into rows.

    extract(doc, blocks, *, region=None, year=None, include_pp_change=False) -> list[dict]

Each dict has the keys of ``FIELDS``. `start:end` is the clause that states the figure, from its
subject phrase to the number and unit; `sentence` is the sentence (to 。 or ;).

How it reads a sentence:
1. Find the *value expressions*: growth (增长8.5%, 下降3.1%, 增速为, 增长-3.1%, 增长1.6倍, 持平,
   增长百分之八), shares (占…比重为35.5%, 投入强度为1.52%, 与GDP之比, 比重由…上升至15.3%), levels
   (2345.6亿元, 4.34万亿元, 1234户, 2.3万家, 127家规上工业企业), changes (新增127户, 比上年增加56户)
   and percentage-point changes (提高1.9个百分点, basis `pp_change` on request, for a share only).
2. The text between the previous value (or the clause start) and a value is its *subject*,
   read by `actual_lexicon.tokenize`. Words the lexicon does not know make the figure someone
   else's (装备制造业, 民营企业, 粮食产量): it is skipped. A subject-less clause (",增长8.5%")
   carries the previous subject over; `A、B分别增长x%、y%` is split.
3. Only clauses whose mode is ``actual`` give figures (see ``classify``: a target clause, however
   bulletin-like, is never an actual).
4. Period (1—4月 -> M01-M04, 一季度, 上半年, 前三季度, 全年/年末 -> Y), year and region come from
   markers in the sentence, then the block, then the section heading, then the document (title,
   opening lines, date), then the caller's defaults. Single months, comparisons with other periods
   or places, multi-year averages (年均, 两年平均) and bounds (突破, 以上) are skipped.
5. The subject and the basis resolve to a catalog metric (`actual_lexicon.resolve_metric`); no
   metric, no row. Values are converted to the catalog unit (万亿元 -> 亿元, 万家 -> 家).
6. A figure repeated in one document (title, summary, section) is returned once.
"""


from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from orchestration.extract import actual_lexicon as lx
from orchestration.extract import classify as cl
from orchestration.extract.context import Document, self_named_region
from orchestration.extract.layout import Block
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import periods, regions
from orchestration.extract.text.numbers import parse_number
from orchestration.extract.text.units import convert_unit

FIELDS = ("doc", "region", "region_code", "year", "period", "metric", "value", "unit", "basis",
          "qualifier", "sentence", "start", "end", "reason", "target_id")

HOME_PROVINCE = regions.HOME_PROVINCE

NUM = lx.NUM
_TO = r"(?:为|达到|达|是|:|(?:提高|上升|提升|增加|扩大|下降|降低|回落|增长|升)(?:到|至)|至|到)?"
_FROM = r"(?:由[^,;。%]{0,20}?" + NUM + r"%)?"

# Value expressions, tried at every position; the earliest and then longest match wins.
_EXPRESSIONS: list[tuple[str, re.Pattern]] = [
    ("pp", re.compile(r"(?:提高|提升|增加|上升|下降|降低|回落|加快|放缓|减少|扩大|收窄|缩小|回升|"
                      r"增长|高|低|快|慢)?了?\s*(?P<num>" + NUM + r"|[一二两三四五六七八九十]+)"
                      r"\s*个?百分点")),
    ("share", re.compile(r"(?:占|相当于)(?P<denom>[^,;。%]{0,30}?)的?(?P<kw>比重|比例|份额|比)?"
                         + _FROM + _TO + r"\s*(?P<num>" + NUM + r")\s*%")),
    ("share", re.compile(r"(?P<kw>占比|比重|比例|强度|份额)" + _FROM + _TO
                         + r"\s*(?P<num>" + NUM + r")\s*%")),
    ("share", re.compile(r"与(?P<denom>[^,;。%]{1,20}?)之比(?:为|达到|达|是)?\s*(?P<num>" + NUM
                         + r")\s*%")),
    ("growth_to", re.compile(r"(?P<kw>增速|增幅)" + _FROM + r"(?:提高|上升|提升|加快|回落|下降|放缓|回升)"
                             r"(?:到|至)\s*(?P<num>" + NUM + r")\s*%")),
    ("growth", re.compile(r"(?P<kw>负增长|增长速度|增长率|增长|增速|增幅|降幅|增|上升|提高|提升|增加|"
                          r"下降|降低|减少|下滑)(?:了|为|达到|达|是|高达|在)?\s*"
                          # a note on the basis between word and rate: 增长(同比,下同)6.7%
                          r"(?:\([^()%\d]{1,12}\))?\s*"
                          r"(?:(?P<sign>-)?(?P<num>" + NUM + r")\s*%|百分之(?P<cn>" + lx.CN_PCT + r")|"
                          r"(?P<bei>" + NUM + r")\s*倍)")),
    ("hold", re.compile(r"(?:与上年|和上年|同比|与去年)?(?:基本)?持平")),
    ("change", re.compile(r"(?P<kw>增加|减少|净增|净减|新增)了?\s*(?P<num>" + NUM + r"|"
                          + lx.CN_NUM + r")\s*(?P<unit>万户|万家|户|家|个)(?!百分点|月|季度)")),
    ("level", re.compile(r"(?P<num>" + NUM + r")\s*(?P<unit>万亿元|亿元|万元|万亿|亿|万户|万家|户|家|个)"
                         r"(?!百分点|月|季度|级|平方|千瓦|吨|人|元)")),
    ("level", re.compile(r"(?<![\u4e00-\u9fff])(?P<num>[一二两三四五六七八九十百千]+)\s*(?P<unit>户|家)")),
    ("other", re.compile(r"(?P<num>" + NUM + r")\s*%")),
]

_NEGATIVE = ("下降", "降低", "减少", "下滑", "回落", "负增长", "降幅", "净减")
_BOUND_BEFORE = ("突破", "超过", "超", "逾", "近", "接近", "不足", "不到", "将近", "超出")
_BOUND_AFTER = ("以上", "多", "余", "强", "以下")
# Target language: anywhere before the figure in the sentence, or in the figure's own clause.
_MULTI_YEAR_RX = re.compile(r"年均|两年平均|三年平均|五年来|过去五年|五年累计|近五年|"
                            r"十[三四]五”?(?:以来|期间|时期)|环比")
# A multi-year frame that opens a sentence ('“十四五”以来,全县新增规上工业企业86户'): the flows and
# rates after it are totals or averages of several years; a level is still the latest year's.
_FRAME_RX = re.compile(r"五年来|过去五年|近五年|五年累计|近[三两]年|十[三四]五”?(?:以来|期间|时期)")
_CMP_BAD_RX = re.compile(r"(?:比|较|高于|低于|快于|慢于|相比|与)(?:一季度|上半年|前三季度|上月|上季度|"
                         r"全国|全省|全市|1-\d+月份?|前\d+个?月|\d+月份?)")
_CMP_YEAR_RX = re.compile(r"(?:比|较|与)(?P<year>\d{4})年(?:同期)?")
_CLAUSE_BREAK = set(",,::")
_SENTENCE_BREAK = set("。;;!?!?\n")
_UNIT_AMOUNT = {"万亿元": "万亿元", "万亿": "万亿元", "亿元": "亿元", "亿": "亿元", "万元": "万元"}
# Counts of firms: 户, 家 and (for firms) 个 are the same unit; 万户/万家 multiply.
_UNIT_COUNT = {"户": 1.0, "家": 1.0, "个": 1.0, "万户": 1e4, "万家": 1e4}


@dataclass
class Expr:
    kind: str
    start: int
    end: int
    num_start: int
    value: float | None = None
    unit: str = ""
    keyword: str = ""
    denom: str = ""
    members: list["Expr"] = field(default_factory=list)


@dataclass
class DocContext:
    region: str | None
    year: int | None
    period: str
    title_end: int
    title_year: int | None = None  # a year stated in the title: later years are plans
    home: bool = True              # 全省 is 安徽省
    dated: str | None = None       # a news item's byline month (M08): what its 今年 figures run to
    written: int | None = None     # the year the document is written in: its 今年 (去年 is the one before)
    goal_year: int | None = None   # a year the headline announces goals for (宿松县:2024年工业经济目标)


@dataclass
class ParaState:
    period: str | None = None
    year: int | None = None
    subject: lx.Subject | None = None
    measure: str | None = None  # last explicit measure, for bare 制造业 after 增加值 talk
    entity: str | None = None  # last entity named, for 企业主营业务收入 after 规模以上工业企业…
    qualifiers: list = field(default_factory=list)  # 预计 … ; carried to the end of the 。


_UNKNOWN = lx.Subject(entity="?")
_FLOWS = frozenset({"new", "net"})


# --------------------------------------------------------------------------------------------
# Public API


def extract(doc: Document, blocks: list[Block], *, region: str | None = None,
            year: int | None = None, include_pp_change: bool = False) -> list[dict]:
    """Figures stated in the actual clauses of a laid-out document, in text order.

    `region`/`year` are defaults; when None they come from the document's context.
    Percentage-point changes (较上年提高1.9个百分点) are skipped unless `include_pp_change`,
    in which case they come back with basis `pp_change` and unit `个百分点`.
    """
    norm = doc.t
    ctx = doc_context(doc, region, year)
    rows: list[dict] = []
    for block in blocks:
        if block.end <= ctx.title_end:
            continue                  # the title: a figure it states is stated again below
        para = ParaState(year=block.section_year)
        named = None                  # the last year the paragraph named, for a 这一年 after it
        for sentence in block.sentences:
            modes = [(c.start, c.end, c.mode) for c in sentence.clauses]
            _note_lead_year(norm, sentence, para, named)
            named = _last_year(norm, sentence.start, sentence.end) or named
            if not any(mode.cls == cl.ACTUAL for _, _, mode in modes):
                para.qualifiers = []
                continue              # nothing in it reports: no figure to read
            for s_start, s_end in _figure_sentences(sentence):
                rows.extend(_read_sentence(norm, s_start, s_end, ctx, para, doc.doc, include_pp_change, modes))
                # 预计/初步核算 reach over a ";" to the end of the 。 sentence
                if norm[s_end:s_end + 1] not in (";", ";"):
                    para.qualifiers = []
    return _dedupe(rows)


# A sentence that opens on a year alone: '2018年,张家界高新区…取得一系列新进展。', '2023年度,…'.
_LEAD_YEAR_RE = re.compile(r"(?:\d{1,2}[.、]\s*)?(?:在|于)?((?:19|20)\d{2})\s?年(?:度|全年)?[,,]")


# A sentence that opens on the year just named: 'GDP突破千亿在2021年就已实现。这一年,肥西县实现…'.
_SAME_YEAR_RE = re.compile(r"(?:这一年|同年|该年|当年)[,,]")


def _last_year(norm: str, start: int, end: int) -> int | None:
    found = [m for m in periods.YEAR_RE.finditer(norm, start, end)]
    return periods.year_value(found[-1].group("year")) if found else None


def _note_lead_year(norm: str, sentence, para: ParaState, named: int | None = None) -> None:
    """A review paragraph often opens on a sentence with no figure that names the year it speaks
    of ('2018年,…取得一系列新进展、新成绩。全年…同比增长11%'): that year holds for the figures of
    the sentences after it. A sentence with a cue that plans ('2019年,…预期目标是…') names no such
    year (a text of unknown kind reads a clause with no cue as a target: that says nothing)."""
    if any(c.mode.cls == cl.TARGET and c.mode.source != "document" for c in sentence.clauses):
        return
    m = _LEAD_YEAR_RE.match(norm, sentence.start, sentence.end)
    if m:
        para.year = int(m.group(1))
    elif named and _SAME_YEAR_RE.match(norm, sentence.start, sentence.end):
        para.year = named


def _figure_sentences(sentence) -> list[tuple[int, int]]:
    """The sentence cut at its ';' (a figure sentence ends there), end marks excluded."""
    out, start = [], sentence.start
    for c in sentence.clauses:
        if c.sep in (";", "。", "!", "?"):
            out.append((start, c.end))
            start = c.end + 1
    if sentence.clauses and start < sentence.clauses[-1].end:
        out.append((start, sentence.clauses[-1].end))
    return [(a, b) for a, b in out if b > a]


def _mode_at(modes, pos: int) -> cl.Mode:
    for a, b, mode in modes:
        if a <= pos <= b:
            return mode
    return cl.UNDECIDED


def _dedupe(rows: list[dict]) -> list[dict]:
    """One row per stated fact: a figure repeated (title, summary, section) keeps its first."""
    seen, out = set(), []
    for row in rows:
        key = (row["region"], row["year"], row["period"], row["metric"], row["basis"],
               row["value"])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


# --------------------------------------------------------------------------------------------
# Document context


# A title that names the year it looks back on: '(2023年回顾)', '2024年工作回顾', '回顾2022年'.
_REVIEWED_YEAR_RE = re.compile(r"((?:19|20)\d{2})\s?年(?:度)?(?:工作)?(?:回顾|总结)|回顾((?:19|20)\d{2})\s?年")


def doc_context(doc: Document, region: str | None, year: int | None) -> DocContext:
    title = doc.title
    t_year = doc.title_year
    reviewed = _REVIEWED_YEAR_RE.search(title)
    span = periods.PLAN_SPAN_RE.search(title) if doc.kind in ("plan", "task_list") else None
    if span:
        # a multi-year plan (三年行动方案(2024-2026年)): its 发展基础 figures are of the year before
        # it starts, and its end year caps nothing
        t_year = int(span.group(1)) - 1
    elif reviewed:
        t_year = int(reviewed.group(1) or reviewed.group(2))  # 政府工作报告(2024年12月29日,2024年回顾)
    elif t_year and re.search(r"政府工作报告", title) and "计划" not in title:
        t_year -= 1  # a work report reviews the year before it is delivered
    cap = None if span else t_year
    period = "Y"
    for pos in range(len(title)):
        tok = periods.period_token(title, pos)
        # a cumulative period (1—4月, 一季度 …); a lone month in a title is a date
        if tok and tok.attrs["kind"] in ("range", "q1", "h1", "q3"):
            period = tok.attrs["period"]
            break
    t_region = region or _title_region(title) or doc.issuing
    if not region and doc.issuing and t_region != doc.issuing and _narrows(doc.issuing, t_region):
        t_region = doc.issuing
    head = doc.t[doc.title_end:doc.title_end + 300]
    if period == "Y" and doc.kind in ("progress", "bulletin", "news", "unknown"):
        # a release that states its period once at the top ('1-7月,我市…', '前三季度,全市…'):
        # later figures with no period of their own (今年以来…) are of that period too
        for pos in range(len(head)):
            tok = periods.period_token(head, pos)
            if tok and tok.attrs["kind"] in ("range", "q1", "h1", "q3") and not _compared_period(head, pos):
                period = tok.attrs["period"]
                break
    home = _in_home_province(doc, t_region)
    if t_region is None:  # a body that opens with "宿州市统计局 …" or "全省 …"
        t_region = regions.most_specific(head) or (
            HOME_PROVINCE if home and ("全省" in head or "我省" in head) else None)
    if year is None:
        year = t_year
    if year is None:
        # "2023年,面对复杂多变的外部环境……", else the year the document reviews
        year = periods.first_year(head) or doc.review_year
    return DocContext(region=t_region, year=year, period=period, title_end=doc.title_end,
                      title_year=cap, home=home, dated=_byline_month(doc, year),
                      written=doc.doc_year or doc.title_year, goal_year=_goal_year(doc))


_GOAL_TITLE_RE = re.compile(r"((?:19|20)\d{2})\s?年[^,;。:()]{0,12}?(?:目标|任务书|打算|计划(?!执行))")


def _strongly_reported(norm: str, modes, pos: int) -> bool:
    """Whether the clause at `pos` (or its sentence before it) has a strong cue of a report
    (已, 截至, 同比, 1-9月 …), not only a result verb that a goal is written with too."""
    for a, b, mode in modes:
        if a > pos:
            break
        if cl.strong_cue(norm, a, b).cls == cl.ACTUAL or cl.cue(cl.ACTUAL, "comparison", norm, a, b):
            return True
    return False


def _goal_year(doc: Document) -> int | None:
    """The year a news item's headline announces goals for ('2024年工业经济目标'): its figures of that
    year that only the weak cues or the document's kind made actuals are the goals."""
    if doc.kind not in ("news", "unknown"):
        return None
    m = _GOAL_TITLE_RE.search(doc.title or "")
    return int(m.group(1)) if m else None


_BYLINE_DATE_RE = re.compile(r"(20\d{2})\s?[-/.年]\s?(\d{1,2})\s?[-/.月]\s?(\d{1,2})")


def _byline_month(doc: Document, year: int | None) -> str | None:
    """The month a news item is dated in by its byline ('来源:… 2023-08-31 10:24'), when it falls in
    the year its figures are of: a figure the item says is 今年's, with no period of its own, runs
    from January to then."""
    if doc.kind != "news":
        return None
    for s, e in tc.lines(doc.t)[:12]:
        line = doc.t[s:e]
        m = _BYLINE_DATE_RE.search(line)
        if m and len(line) <= 120 and "。" not in line:
            month = int(m.group(2))
            if (year is None or int(m.group(1)) == year) and 1 < month < 12:
                return f"M{month:02d}"
            return None
    return None


_COMPARED_BEFORE_RE = re.compile(r"(?:比|较|于|同|相比|与|和)$")


def _compared_period(text: str, pos: int) -> bool:
    """A period named as the baseline of a comparison ('增速较1-5月回落0.3个百分点', '比一季度加快')
    is not the period the release is of."""
    return bool(_COMPARED_BEFORE_RE.search(text, max(0, pos - 2), pos))


def _narrows(issuing: str, named: str) -> bool:
    """Whether the issuing region is a more precise reading of the region the title names: a
    region inside it (a county's report under a province's headline, 安徽第2个千亿县 of 长丰县), or
    the full form of a name the fallback cut short (乡市 of 新乡市: 新 cannot open a fallback
    name)."""
    if issuing.endswith(named):
        return True
    inner, outer = regions.lookup(issuing), regions.lookup(named)
    if inner is None or outer is None or outer.level == "group":
        return False
    by_code = {r.code: r for r in regions.table().values()}
    code = inner.parent
    for _ in range(4):
        if code == outer.code:
            return True
        parent = by_code.get(code)
        if parent is None:
            return False
        code = parent.parent
    return False


def _in_home_province(doc: Document, region: str | None) -> bool:
    """Whether 全省 means 安徽省: the document is placed in an Anhui region, or names 安徽 / 皖
    (荆门's 全省 is 湖北's)."""
    if region:
        return regions.lookup(region) is not None
    return bool(re.search(r"安徽|皖|" + regions.HOME_PROVINCE, doc.t[:3000]))


_TITLE_ABOUT_RE = re.compile(r"^(?:关于|对于)")


_RANKED_IN_RE = re.compile(r"(?:位居|居|位列|列|高于|低于|快于|慢于|领跑|领先)全省|全省(?:第|前列|前\d|首位)")


def _title_region(title: str) -> str | None:
    named = regions.most_specific(title)
    if named:
        return named
    own = self_named_region(title)
    if own:
        return own          # 长治市上党区国民经济和社会发展统计公报: the district, not its city
    # '关于兰溪市2023年…的报告': the 关于 of a report's or notice's title is no part of the name
    bare = regions.without_province(_TITLE_ABOUT_RE.sub("", title))
    district = regions.CITY_DISTRICT_RE.search(bare)
    if district:
        return district.group()     # 关于攀枝花市东区2023年…的报告: the district, not its city
    found = re.findall(regions.FALLBACK_NAME, bare)
    if found:  # without regions.csv: the last name is the most specific (安徽省宿州市萧县)
        return found[-1]
    # (not '我市…多项数据位居全省前列': a place ranked within its province)
    if re.search(r"我市|我县|我区|本市|本县", title):
        return None
    if re.search(r"全省|我省|^省|[^\u4e00-\u9fff]省|省(?:人民政府|政府|统计局|人大|委|十|第)", _RANKED_IN_RE.sub("", title)):
        return HOME_PROVINCE  # the warehouse's province
    return None


# --------------------------------------------------------------------------------------------
# Splitting


# Where any expression can start: one search jumps to the next candidate position.
_ANY_EXPRESSION = re.compile("|".join(
    "(?:" + re.sub(r"\(\?P<\w+>", "(?:", rx.pattern) + ")" for _, rx in _EXPRESSIONS))


def _find_expressions(norm: str, start: int, end: int) -> list[Expr]:
    found: list[Expr] = []
    pos = start
    while pos < end:
        hit = _ANY_EXPRESSION.search(norm, pos, end)
        if hit is None:
            break
        pos = hit.start()
        best = None
        for kind, rx in _EXPRESSIONS:
            m = rx.match(norm, pos, end)
            if m and m.end() > pos and (best is None or m.end() > best[1].end()):
                best = (kind, m)
        if best is None:
            pos += 1
            continue
        kind, m = best
        expr = _make_expr(kind, m)
        if expr is not None:
            found.append(expr)
        pos = m.end()
    return _group_lists(norm, _from_to_levels(norm, found))


_FROM_BEFORE_RE = re.compile(r"由|从")
_FROM_TO_GAP_RE = re.compile(r"\s*(?:增加|提高|提升|增长|扩大|上升|跃升|攀升|发展|壮大)?(?:到|至)了?\s*")


def _from_to_levels(norm: str, exprs: list[Expr]) -> list[Expr]:
    """'营收由3.8万亿元增加到5.5万亿元', '企业从1200户增加到1530户': the first level is the baseline;
    the figure is the second, with the subject written before 由."""
    out: list[Expr] = []
    i = 0
    while i < len(exprs):
        ex = exprs[i]
        nxt = exprs[i + 1] if i + 1 < len(exprs) else None
        if ex.kind == "level" and nxt is not None and nxt.kind == "level" and \
                (ex.unit in _UNIT_AMOUNT) == (nxt.unit in _UNIT_AMOUNT) and \
                _FROM_BEFORE_RE.fullmatch(norm, max(0, ex.start - 1), ex.start) and \
                _FROM_TO_GAP_RE.fullmatch(norm, ex.end, nxt.start):
            out.append(replace(nxt, start=ex.start - 1))
            i += 2
            continue
        out.append(ex)
        i += 1
    return out


def _make_expr(kind: str, m: re.Match) -> Expr | None:
    gd = m.groupdict()
    num_start = m.start("num") if gd.get("num") else m.start()
    expr = Expr(kind, m.start(), m.end(), num_start, keyword=gd.get("kw") or "",
                denom=(gd.get("denom") or "").strip())
    if kind == "hold":
        expr.kind, expr.value, expr.unit, expr.keyword = "growth", 0.0, "%", "持平"
        return expr
    if kind == "growth":
        if gd.get("cn"):
            expr.value = lx.cn_percent(gd["cn"])
            expr.num_start = m.start("cn") - 3
        elif gd.get("bei"):
            expr.value = float(gd["bei"].replace(",", "")) * 100
            expr.num_start = m.start("bei")
        else:
            expr.value = float(gd["num"].replace(",", ""))
            if gd.get("sign"):
                expr.value = -expr.value
        if expr.value is None:
            return None
        if expr.keyword in _NEGATIVE:
            expr.value = -expr.value
        expr.unit = "%"
        return expr
    if kind == "growth_to":
        expr.kind = "growth"
    if kind in ("share", "growth_to", "other"):
        expr.value = float(gd["num"].replace(",", "")) if gd.get("num") else None
        expr.unit = "%"
        return expr
    if kind == "pp":
        expr.value = parse_number(gd["num"])
        expr.unit = "个百分点"
        if m.group(0).startswith(("下降", "降低", "回落", "减少", "收窄", "缩小", "低", "慢", "放缓")):
            expr.value = -(expr.value or 0.0)
        return expr
    value = parse_number(gd["num"])
    if value is None:
        return None
    expr.value, expr.unit = value, gd["unit"]
    if kind == "change":
        if expr.keyword in ("减少", "净减"):
            expr.value = -value
    return expr


def _group_lists(norm: str, exprs: list[Expr]) -> list[Expr]:
    """Join `分别增长30.8%、11.2%和15.3%` into one expression with members."""
    out: list[Expr] = []
    i = 0
    while i < len(exprs):
        ex = exprs[i]
        before = norm[max(0, ex.start - 8):ex.start]
        if ex.kind == "other" and re.search(r"(?:增速|增幅|增长率|增长速度)分别(?:为|是|达到|达)?$", before):
            ex = replace(ex, kind="growth")  # 'A、B增速分别为9.1%、15.2%'
        if ex.kind in ("growth", "share", "level") and re.search(
                r"分别(?:比上年|较上年|同比|比去年)?(?:增长|为|达到|达|占)?$", before):
            members = [ex]
            j = i + 1
            while j < len(exprs):
                gap = norm[members[-1].end:exprs[j].start]
                nxt = exprs[j]
                if re.fullmatch(r"\s*[、,,和及与]\s*", gap) and nxt.kind in (
                        ex.kind, "other", "growth"):
                    if nxt.kind == "other":
                        nxt = replace(nxt, kind=ex.kind)
                    members.append(nxt)
                    j += 1
                else:
                    break
            if len(members) > 1:
                out.append(Expr("list", ex.start, members[-1].end, ex.num_start,
                                members=members))
                i = j
                continue
        out.append(ex)
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# Reading one sentence


@dataclass
class _Marks:
    """Period, year, region and qualifiers seen so far in a sentence."""
    period: str | None = None
    year: int | None = None
    region: str | None = None
    qualifiers: list[str] = field(default_factory=list)
    first_period: str | None = None
    first_year: int | None = None
    ytd: bool = False  # the sentence said 今年 in a dated news item: its ; parts are of that period too


def _note_tokens(norm: str, toks: lx.Tokens, marks: _Marks, ctx: DocContext, first: bool) -> None:
    for t in toks.items:
        prev = norm[max(0, t.start - 2):t.start]
        compared = prev[-1:] in ("比", "较", "由", "于", "同") or prev in ("相比", "高于", "低于")
        if "period" in t.attrs and not compared:
            if marks.ytd and marks.period == ctx.dated:
                # '今年前三季度,…' in an item dated in November: the period named wins over the date's
                marks.ytd = False
                if marks.first_period == ctx.dated:
                    marks.first_period = None
            marks.period = t.attrs["period"]
            if first and marks.first_period is None:
                marks.first_period = marks.period
        if "year" in t.attrs and not compared:
            marks.year = _year_of_figures(norm, t)
            if first and marks.first_year is None:
                marks.first_year = marks.year
        elif t.kind == "filler" and ctx.written and not compared and not marks.year:
            # 去年,全县规上工业增加值增长9.1% in a 2024 plan: 2023; 今年 of a news item: its year
            offset = _RELATIVE.get(norm[t.start:t.end])
            if offset is not None:
                marks.year = ctx.written + offset
                if first and marks.first_year is None:
                    marks.first_year = marks.year
        if t.kind == "region" and not _ranks_in(norm, t):
            marks.region = t.attrs["name"]
            if ctx.region and ctx.region != marks.region and ctx.region.endswith(marks.region) and \
                    _PARK_WORD_RE.search(marks.region):
                marks.region = ctx.region  # 火炬开发区 in 中山火炬开发区's report
        if t.attrs.get("home") and not _ranks_in(norm, t):
            marks.region = _home_region(norm[t.start:t.end], ctx)
        if ctx.dated and t.kind == "filler" and t.end - t.start == 2 and norm.startswith("今年", t.start) \
                and marks.period is None:
            marks.period = ctx.dated  # 今年,全县规上工业企业达142家 in an item dated 2023-08-31: 1-8月
            marks.ytd = True
            if first and marks.first_period is None:
                marks.first_period = marks.period
        if t.kind == "filler" and marks.period == "single" and norm.startswith("累计", t.start):
            marks.period = None  # 10月份新增4家,累计新增94家: the running total is the document's period
        q = t.attrs.get("qualifier")
        if q and q not in marks.qualifiers and q != "约":
            marks.qualifiers.append(q)


# A place named only as the field of a rank: 总量、增速全省第一, 居全市前列, 在全省排名第3.
_RANK_AFTER_RE = re.compile(r"(?:县域|城市|各[市县区]|同类)?(?:第[一二三四五六七八九十\d]|前[一二三四五六七八九十\d]|首位|前列|领先|排名|排位|位次|位居|居首)")
_RANK_BEFORE = ("居", "列", "在")


def _ranks_in(norm: str, tok) -> bool:
    """Whether a region token names the field a rank is taken in (居全省第一), not the figure's place."""
    return bool(_RANK_AFTER_RE.match(norm, tok.end)) or (
        norm[max(0, tok.start - 1):tok.start] in _RANK_BEFORE and bool(
            re.match(r"[^,;。]{0,6}?(?:第|前|首|列)", norm[tok.end:tok.end + 8])))


_RELATIVE = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "去年全年": -1, "上年全年": -1}

_WORK_REPORT_AFTER_RE = re.compile(r"度?[^,;。:\d]{0,8}?工作报告")


def _year_of_figures(norm: str, tok) -> int:
    """The year a year token dates the figures after it: its own, but a work report of year N
    (在2024年政府工作报告中, 长丰县晒出…) reports on N-1."""
    year = tok.attrs["year"]
    if _WORK_REPORT_AFTER_RE.match(norm, tok.end):
        return year - 1
    return year


_PARK_WORD_RE = re.compile(r"(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区|园区)$")


@lru_cache(maxsize=32)
def _region_rx(own: str | None) -> re.Pattern:
    """Place names in a sentence; a document's own place that the region table does not hold
    (中山火炬开发区) is one too, and so is its short form (火炬开发区)."""
    base = lx.pattern_with_fallback()
    park = _PARK_WORD_RE.search(own or "")
    if not own or regions.lookup(own) is not None or not park:
        return base
    names = {own[i:] for i in range(0, max(1, park.start() - 1))}
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(f"(?:{alternatives})|(?:{base.pattern})")


def _home_region(word: str, ctx: DocContext) -> str | None:
    if "省" in word and not (ctx.region or "").endswith("省"):
        return HOME_PROVINCE if ctx.home else None
    if "市" in word and (ctx.region or "").endswith(("县", "区")):
        # '全县增长8.2%,全市增长6.1%' in a county's report: 全市 is the city the county is in
        return _parent_city(ctx.region) or ctx.region
    return ctx.region


@lru_cache(maxsize=64)
def _parent_city(name: str) -> str | None:
    region = regions.lookup(name)
    if region is None or region.level not in ("county", "park"):
        return None
    parent = next((r for r in regions.table().values() if r.code == region.parent), None)
    return parent.name if parent is not None and parent.level == "city" else None


def _clauses(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    out, cur, depth = [], start, 0
    for i in range(start, end):
        ch = norm[i]
        if ch in "((":
            depth += 1
        elif ch in "))":
            depth = max(0, depth - 1)
        elif ch in _CLAUSE_BREAK and depth == 0:
            out.append((cur, i))
            cur = i + 1
    out.append((cur, end))
    return out


def _read_sentence(norm: str, s_start: int, s_end: int, ctx: DocContext,
                   para: ParaState, doc: str, include_pp: bool, modes) -> list[dict]:
    exprs = _find_expressions(norm, s_start, s_end)
    marks = _Marks(qualifiers=list(para.qualifiers))
    state = para.subject
    rows: list[dict] = []
    region_rx = _region_rx(ctx.region)
    cursor = s_start
    share_metric = None  # the share just read, for a following "提高1.9个百分点"
    last_list = None     # the subjects of the last 分别 list, for a second list of the same items
    first_clause_end = _clauses(norm, s_start, s_end)[0][1]
    sentence = norm[s_start:s_end]
    for ex in exprs:
        clauses = _clauses(norm, cursor, ex.start)
        # Clauses without a value only set the subject (and marks) for what follows.
        for a, b in clauses[:-1]:
            toks = lx.tokenize(norm, a, b, region_rx)
            _note_tokens(norm, toks, marks, ctx, first=a < first_clause_end)
            _note_entity(toks, para)
            subj = lx.subject_from(toks)
            if subj is not None:
                state = _UNKNOWN if toks.residual else _with_region(subj, marks)
        seg_start = clauses[-1][0]
        toks = lx.tokenize(norm, seg_start, ex.start, region_rx)
        _note_tokens(norm, toks, marks, ctx, first=seg_start < first_clause_end)
        cursor = ex.end
        local = lx.subject_from(toks)
        if local is not None and local.entity is None and state in (None, _UNKNOWN) and \
                para.entity == lx.ABOVE and any(t.attrs.get("measure") == lx.FIRMS
                                                 for t in toks.items):
            # 规模以上工业企业经济效益…。企业主营业务收入增长11.5%: the firms are the 规上 ones
            local = replace(local, entity=lx.ABOVE)
        _note_entity(toks, para)
        multi = _MULTI_YEAR_RX.search(norm[seg_start:ex.start])
        if multi and ex.kind in ("growth", "share", "level"):
            # '战新产业产值年均增长16.1%,占规上工业产值比重由40.3%提高到43.6%': the average is not
            # read, but its subject is the next clause's
            carried = _merge(local, state, para) if not set(toks.residual) - set(multi.group()) else None
            state = _with_region(carried, marks) if carried is not None and carried.entity not in (
                None, "?") else _UNKNOWN
            continue
        if ex.kind == "other" and rows and _PROVINCE_BASE_RX.search(norm[seg_start:ex.start]):
            province = _province_figure(rows[-1], ex, ctx, _mode_at(modes, ex.num_start))
            if province is not None:
                rows.append(province)
        if ex.kind == "other" or (ex.kind == "pp" and not include_pp):
            share_metric = None if ex.kind == "other" else share_metric
            continue
        if toks.residual and ex.kind != "list":  # about something the lexicon does not know
            state = _UNKNOWN
            continue
        if any(t.kind == "share_word" for t in toks.items) and ex.kind != "pp":
            continue  # 比重…增长x% / 比重…x户: not a figure we read
        if any(t.kind in ("foreign", "target", "single_period") for t in toks.items):
            if local is not None:
                # '规上工业增加值目标增长8%,实际增长9.1%': the goal is not read, but whose it is carries
                own = local is not None and local.entity is not None and all(
                    t.kind != "foreign" and t.kind != "single_period" for t in toks.items)
                state = _with_region(local, marks) if own else _UNKNOWN
            continue
        if ex.kind in ("level", "change") and ex.unit in _UNIT_COUNT and not _count_ends(
                norm, ex.end, s_end):
            # 127家规上工业企业: the noun after the count is the subject; 41个大类行业: not ours
            local = _subject_after(norm, ex.end, s_end, region_rx, toks)
            if local is None:
                continue
        if local is not None and state not in (None, _UNKNOWN) and state.flags and \
                norm[seg_start:seg_start + 1] == "、":
            # 新增规上工业企业127户、高新技术企业350家: 新增 covers the whole list
            local = replace(local, flags=frozenset(set(local.flags) | set(state.flags)))
        if local is not None and local.entity and not local.flags:
            flags = _flow_of_whole(norm, s_start, seg_start, region_rx)
            if flags:
                local = replace(local, flags=flags)
        mode = _mode_at(modes, ex.num_start)
        if mode.cls != cl.ACTUAL or multi:
            continue
        if _CMP_BAD_RX.search(norm[seg_start:ex.start]):
            continue
        if ex.kind != "list" and _of_new_firms(local, state, ex):
            state = _UNKNOWN  # 新增规模企业94家,完成产值152.5亿元,增长4倍: the new firms', not the whole's
            continue
        members = ex.members if ex.kind == "list" else [ex]
        subjects = _list_subjects(norm, seg_start, ex.start, len(members), region_rx) \
            if ex.kind == "list" else None
        if ex.kind == "list" and subjects is None and last_list is not None and \
                len(last_list) == len(members) and not norm[seg_start:ex.start].replace("分别", "").strip(",、 "):
            # '总产值、营业收入分别达到456亿元、430亿元,分别增长12.1%、10.2%': the same items again
            subjects = [replace(x, flags=frozenset()) if x is not None else None for x in last_list]
        if ex.kind == "list" and subjects is None:
            continue
        if subjects is not None:
            last_list = subjects
        for idx, member in enumerate(members):
            if subjects is not None:
                subj = subjects[idx]
                if subj is None:
                    continue
                place = subj.region if subj.entity is None and subj.measure is None else None
                subj = _merge(subj, state, para)
                if place and subj is not None:
                    subj = replace(subj, region=place)
            else:
                subj = _merge(local, state, para)
                if subj is not None and local is not None and local.start is not None and (
                        subj.start is None or subj.start < s_start):
                    subj = replace(subj, start=local.start)
            if subj is None or subj.entity in (None, "?"):
                continue
            if not (subjects is not None and subjects[idx].region):
                subj = _with_region(subj, marks) if marks.region else subj
            state = subj
            if member.kind == "change" and member.unit in _UNIT_COUNT:
                state = replace(subj, flags=frozenset(set(subj.flags) | {
                    "new" if member.keyword == "新增" else "net"}))
            row = _row(norm, member, subj, marks, ctx, para, doc, sentence, s_start,
                       seg_start, share_metric if member.kind == "pp" else None)
            if row is not None and ctx.goal_year and row["year"] == ctx.goal_year and \
                    not _strongly_reported(norm, modes, member.num_start):
                row = None  # '宿松县:2024年工业经济目标' -- 2024年全县规上工业增加值增长10% is a goal
            if row is not None:
                row["reason"] = mode.reason
            share_metric = None
            if row is not None:
                rows.append(row)
                if row["basis"] == "share_pct":
                    share_metric = row["metric"]
        if local is not None and local.measure and ex.kind != "pp":
            para.measure = local.measure
    para.subject = state
    para.qualifiers = list(marks.qualifiers)
    if marks.first_period is not None:
        para.period = marks.first_period
    elif marks.ytd and para.period is None:
        para.period = ctx.dated
    if marks.first_year is not None:
        para.year = marks.first_year
    return rows


_COUNT_FOLLOWERS = ("比", "较", "同比", "增", "减", "下降", "左右", "其中", "占", "和", "与", "及",
                    "分别", "是", "为", "以上", "多", "余")


def _count_ends(norm: str, pos: int, end: int) -> bool:
    """A count (1234户) ends its phrase: it is not 41个 of 41个大类行业."""
    rest = norm[pos:end]
    return not rest or not re.match(r"[\u4e00-\u9fff]", rest) or rest.startswith(_COUNT_FOLLOWERS)


def _subject_after(norm: str, pos: int, end: int, region_rx, before: lx.Tokens):
    """Subject written after a count: 新增127户规上工业企业, 拥有高新技术企业 … 1234家."""
    stop = pos
    while stop < end and norm[stop] not in _CLAUSE_BREAK and norm[stop] not in "、":
        stop += 1
    if stop == pos:
        return None
    toks = lx.tokenize(norm, pos, stop, region_rx)
    lead, cur = [], pos
    for tok in toks.items:  # only the noun phrase right after the count
        if tok.kind not in ("entity", "measure", "scope", "flag") or norm[cur:tok.start].strip():
            break
        lead.append(tok)
        cur = tok.end
    subj = lx.subject_from(lx.Tokens(lead, ""))
    if subj is None or subj.entity is None:
        return None
    if cur < stop and re.match(r"[\u4e00-\u9fff]", norm[cur]):
        rest = lx.tokenize(norm, cur, stop, region_rx).items
        if not rest or rest[0].start != cur or rest[0].kind not in ("filler", "bound", "cmp"):
            return None  # 45家规上工业企业专精特新企业: the count is of something narrower
    flags = {t.attrs["flag"] for t in before.items if "flag" in t.attrs}
    return replace(subj, flags=frozenset(set(subj.flags) | flags), start=pos, end=cur)


_SUBSET_RE = re.compile(r"其中[,:]?$")
_CLAUSE_SPLIT_RE = re.compile(r"[,;。]")
_DIGIT_RE = re.compile(r"\d")


def _flow_of_whole(norm: str, s_start: int, seg_start: int, region_rx) -> frozenset:
    """The flow word (新增, 净增) of the whole a 其中 part is counted in: '新增“四上”企业58家,其中
    规上工业企业18家' -- the 18 are new firms too. Only the count stated right before counts."""
    head = norm[s_start:seg_start]
    if norm.startswith("其中", seg_start):
        pass                                  # the clause opens on 其中 itself
    elif _SUBSET_RE.search(head):
        head = head[:_SUBSET_RE.search(head).start()]   # 其中 is a clause of its own before it
    else:
        return frozenset()
    whole = _CLAUSE_SPLIT_RE.split(head.rstrip(",;"))[-1]
    if not _DIGIT_RE.search(whole):
        return frozenset()
    toks = lx.tokenize(whole, 0, len(whole), region_rx)
    return frozenset(t.attrs["flag"] for t in toks.items if "flag" in t.attrs)


def _note_entity(toks: lx.Tokens, para: ParaState) -> None:
    for t in toks.items:
        if t.kind == "entity":
            para.entity = t.attrs["entity"]


def _with_region(subj: lx.Subject, marks: _Marks) -> lx.Subject:
    return replace(subj, region=marks.region) if marks.region else subj


def _list_subjects(norm: str, a: int, b: int, n: int, region_rx) -> list | None:
    """Subjects of a `A、B和C分别…` list: one per item, the measure shared from the last."""
    seg = norm[a:b]
    cut = seg.rfind("分别")
    if cut == -1:
        return None
    items, cur = [], 0
    body = seg[:cut]
    for mm in re.finditer(r"[、和及与]", body):
        items.append((a + cur, a + mm.start()))
        cur = mm.end()
    items.append((a + cur, a + len(body)))
    if len(items) != n:
        return None
    places = _places_sharing_subject(norm, items, region_rx)
    if places is not None:
        return places
    subjects = []
    for x, y in items:
        toks = lx.tokenize(norm, x, y, region_rx)
        subj = lx.subject_from(toks)
        named = [t.attrs["name"] for t in toks.items if t.kind == "region"]
        if subj is None and not toks.residual and len(named) == 1 and len(toks.items) == 1:
            # '其中,池州、六安、芜湖市分别增长13.6%、10.2%、10.1%': places sharing the measure said
            # before; the subject is carried over, the place is the item's
            subj = lx.Subject(region=named[0])
        subjects.append(None if toks.residual or subj is None else subj)
    if all(s is not None and s.region and s.entity is None and s.measure is None for s in subjects):
        return subjects
    shared = subjects[-1].measure if subjects[-1] is not None else None
    for i, subj in enumerate(subjects):
        if subj is not None and subj.measure is None and shared and subj.entity not in (
                lx.TECHRENO, lx.INDINV, lx.FAI, lx.GDP):
            subjects[i] = replace(subj, measure=shared)
    if subjects[0] is not None and subjects[0].entity is None:
        return None
    for i in range(1, n):  # an item with only a measure borrows the previous entity
        if subjects[i] is not None and subjects[i].entity is None and subjects[i - 1]:
            subjects[i] = replace(subjects[i], entity=subjects[i - 1].entity,
                                  start=subjects[i - 1].start)
    lead = subjects[0].flags & _FLOWS if subjects[0] is not None else frozenset()
    if lead:  # '新增高新技术企业、规上工业企业分别为25家、35户': 新增 covers every item
        subjects = [replace(x, flags=frozenset(x.flags | lead)) if x is not None else None for x in subjects]
    return subjects


# '增长7.5%,比全省的6.1%快1.4个百分点', '高于全省(6.1%)': the province's own rate of the same figure.
_PROVINCE_BASE_RX = re.compile(r"(?:比|较|高于|低于|快于|慢于)(?:全省|我省)(?:平均水平|平均)?的?\(?$")


def _province_figure(last: dict, ex: Expr, ctx: DocContext, mode: cl.Mode) -> dict | None:
    """The home province's growth rate a local growth rate is compared with in the same clause run."""
    if last["basis"] != "yoy_growth_pct" or mode.cls != cl.ACTUAL or not ctx.home or \
            (last["region"] or "").endswith("省") or ex.value is None:
        return None
    return dict(last, region=HOME_PROVINCE, region_code=regions.code(HOME_PROVINCE), value=round(ex.value, 6),
                start=ex.start, end=ex.end, value_start=ex.num_start, value_end=ex.end)


def _of_new_firms(local: lx.Subject | None, state: lx.Subject | None, ex: Expr) -> bool:
    """A figure with no entity of its own after a count of new firms (新增规上工业企业94家,
    完成产值…, 同比增长…) is about those firms, not the whole industry; only another count of them
    (累计新增…家) carries on."""
    if state in (None, _UNKNOWN) or not state.flags & _FLOWS:
        return False
    if local is not None and local.entity is not None:
        return False
    measure = local.measure if local is not None else None
    if ex.kind in ("level", "change") and ex.unit in _UNIT_COUNT and measure in (None, lx.FIRMS):
        return False
    return True


def _places_sharing_subject(norm: str, items: list[tuple[int, int]], region_rx) -> list | None:
    """'肥西县、长丰县规上工业增加值分别增长12.1%、15.3%': places listed before one subject, which
    is each place's."""
    named = []
    for x, y in items[:-1]:
        toks = lx.tokenize(norm, x, y, region_rx)
        if toks.residual or len(toks.items) != 1 or toks.items[0].kind != "region":
            return None
        named.append(toks.items[0].attrs["name"])
    x, y = items[-1]
    toks = lx.tokenize(norm, x, y, region_rx)
    if toks.residual or not toks.items or toks.items[0].kind != "region":
        return None
    subj = lx.subject_from(toks)
    if subj is None or subj.entity is None:
        return None
    return [replace(subj, region=name) for name in named + [toks.items[0].attrs["name"]]]


def _merge(local: lx.Subject | None, state: lx.Subject | None, para: ParaState):
    """The subject of a figure: what the clause says, the rest carried from before."""
    if state is _UNKNOWN:
        state = None
    if local is None:
        return replace(state, flags=frozenset()) if state is not None else None
    if local.entity is None:
        if state is None:
            return None
        return replace(state, measure=local.measure or state.measure,
                       weak_measure=state.weak_measure if not local.measure else None,
                       flags=local.flags)
    if local.entity == lx.HTE and state is not None and state.entity == lx.ABOVE:
        return replace(local, measure="subset")  # 规上工业企业…,其中高新技术企业: a subset
    if local.measure is None and local.entity in (lx.MFG, lx.HTM, lx.HTI, lx.SEI, lx.HTE):
        carried = None
        if state is not None and state.entity in (lx.ABOVE, lx.INDUSTRY, lx.MFG):
            carried = state.measure
        elif state is None:
            carried = para.measure
        if local.entity == lx.HTE and carried not in (None, lx.FIRMS):
            carried = "subset"
        if local.entity == lx.MFG and carried is None and state is None and para.measure:
            carried = para.measure
        if carried:
            return replace(local, measure=carried)
    return local


def _row(norm: str, ex: Expr, subj: lx.Subject, marks: _Marks, ctx: DocContext,
         para: ParaState, doc: str, sentence: str, s_start: int, seg_start: int,
         share_metric: str | None) -> dict | None:
    # period and year
    period = marks.period or para.period or ctx.period
    if period == "single":
        return None
    year = marks.year or para.year or ctx.year
    if ctx.title_year and year and year > ctx.title_year:
        return None  # a year after the report's own: a plan, not a figure
    cmp_year = _CMP_YEAR_RX.search(norm[seg_start:ex.start])
    if cmp_year and year and int(cmp_year.group("year")) != year - 1:
        return None
    if (ex.kind in ("growth", "change") or subj.flags & _FLOWS) and _FRAME_RX.search(norm, s_start, ex.start):
        return None
    # bounds (突破2000亿元, 10%以上) are not figures
    before = norm[max(s_start, ex.num_start - 2):ex.num_start]
    lead = norm[max(s_start, ex.start - 2):ex.start]
    after = norm[ex.end:ex.end + 2]
    if any(before.endswith(w) or lead.endswith(w) for w in _BOUND_BEFORE):
        return None
    if after.startswith(_BOUND_AFTER):
        return None
    qualifiers = list(marks.qualifiers)
    if norm[max(s_start, ex.num_start - 2):ex.num_start].endswith(("约", "大约")) or \
            norm[max(s_start, ex.start - 1):ex.start] == "约":
        qualifiers.append("约")
    if after.startswith("左右"):
        qualifiers.append("左右")

    basis, metric, value, unit = _resolve(ex, subj, norm, seg_start, share_metric)
    if metric is None:
        return None
    region = regions.canonical(subj.region or ctx.region)
    region_code = regions.code(region)
    start = subj.start if subj.start is not None and subj.start < ex.start else ex.start
    if start < s_start:  # subject carried from an earlier sentence: span this clause only
        start = seg_start
        while start < ex.start and (norm[start].isspace() or norm[start] in ",,、:"):
            start += 1
    end = ex.end
    if subj.start is not None and subj.start >= ex.end:  # 新增127户规上工业企业
        start, end = ex.start, subj.end or ex.end
    return {
        "doc": doc,
        "region": region,
        "region_code": region_code,
        "year": year,
        "period": "Y" if period in ("Y", "M12") else f"M01-{period}",
        "metric": metric,
        "value": value,
        "unit": unit,
        "basis": basis,
        "qualifier": ";".join(qualifiers),
        "sentence": sentence,
        "start": start,
        "end": end,
        "value_start": ex.num_start,
        "value_end": ex.end,
        "sentence_start": s_start,
        "sentence_end": s_start + len(sentence),
    }


def _resolve(ex: Expr, subj: lx.Subject, norm: str, seg_start: int, share_metric: str | None):
    """(basis, metric, value in the catalog unit, catalog unit), or Nones when no metric fits."""
    from orchestration.reference import metrics

    catalog = metrics()
    none = (None, None, None, None)
    if ex.kind == "growth":
        metric = lx.resolve_metric(subj, "growth")
        if metric is None:
            return none
        return "yoy_growth_pct", metric, round(ex.value, 6), "%"
    if ex.kind == "share":
        kw = "强度" if ex.keyword == "强度" else ex.keyword
        metric = lx.resolve_metric(subj, "share", keyword=kw, denom=ex.denom)
        if metric is None:
            return none
        return "share_pct", metric, ex.value, "%"
    if ex.kind == "pp":  # only a share's change: 比重/强度…提高1.9个百分点
        clause = norm[seg_start:ex.end]
        metric = share_metric
        if re.search(r"比重|占比|强度|比例", clause):
            denom_m = re.search(r"占([^,;。]{0,30}?)的?(?:比重|比例)", clause)
            metric = lx.resolve_metric(subj, "share", keyword="强度" if "强度" in clause else "",
                                       denom=denom_m.group(1) if denom_m else "")
        if metric is None:
            return none
        return "pp_change", metric, ex.value, "个百分点"
    if ex.kind in ("level", "change"):
        if ex.unit in _UNIT_AMOUNT:
            if ex.kind == "change":
                return none
            metric = lx.resolve_metric(subj, "amount")
            if metric is None:
                return none
            unit = catalog[metric]["unit"]
            value = convert_unit(ex.value, _UNIT_AMOUNT[ex.unit], unit)
            return ("level", metric, value, unit) if value is not None else none
        if ex.unit in _UNIT_COUNT:
            if ex.kind == "change":
                flag = "new" if ex.keyword == "新增" else "net"
                subj = replace(subj, flags=frozenset(set(subj.flags) | {flag}))
            metric = lx.resolve_metric(subj, "count")
            if metric is None:
                return none
            unit = catalog[metric]["unit"]
            return "level", metric, round(ex.value * _UNIT_COUNT[ex.unit], 6), unit
    return none
