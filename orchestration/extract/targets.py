"""Numeric targets of policy documents: the clauses the layout reads as targets, turned into rows.

    extract(doc, blocks) -> list[dict]

One dict per target, in document order, with the keys of ``FIELDS``. The labelling conventions
behind the output are tests/fixtures/gold/CONVENTIONS.md; in short:

- Blocks (a paragraph line or a table cell) are read sentence by sentence (。), a sentence clause
  by clause (, ;). A clause with several targets is cut at the 、 (or 和) between them; ``start``/
  ``end`` delimit that piece and ``sentence`` is the whole sentence.
- State carried along: the target year (到2027年 …) and horizon (3-5年) to the end of the block;
  力争 and the industry a clause opens with to the next ; or 。; 每年 to the end of the sentence.
- Only clauses whose mode is ``target`` give rows (see ``classify``); the others still update
  the state (a year named in a review clause frames nothing, a topic named there does).
- Subjects: a generic subject opening the clause (各县区、园区, 每个县(市), 县域将…), else the region
  a paragraph opens with (支持萧县…), else the issuing region.
- Responsible units: the row's own cell in a table, else the paragraph's (责任单位:…) note (only
  牵头单位 when 配合单位 are named too); none in a goals section (二、工作目标).

Modules: ``target_values`` finds the value expressions of a clause; ``target_rows`` turns them into
rows with ``target_nouns`` (noun phrases, industries) and ``target_metrics`` (metric codes).
"""

from __future__ import annotations

import re

from orchestration.extract import classify as cl
from orchestration.extract.context import Document
from orchestration.extract.layout import Block
from orchestration.extract.target_nouns import (
    LEAD_RE, NOT_SUBJECT_RE, VERB_LEAD_RE, industry_alias, named_industry,
)
from orchestration.extract.target_rows import ClauseView, ParaState, SentState, resolve_tiers, rows_for_clause
from orchestration.extract.target_values import Cand, find_values
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import periods, regions

FIELDS = (
    "doc", "subject_region", "region_code", "subject_level", "industry", "metric", "metric_text",
    "kind", "comparator", "value", "value_low", "value_high", "unit", "qualifier", "target_year",
    "period", "redacted", "category", "responsible_units", "sentence", "start", "end", "reason",
    "target_id",
)

HEDGE_RE = re.compile(r"力争|争创|奋力冲刺|力求")          # conventions: 争创/奋力冲刺 count as 力争
ENSURE_RE = re.compile(r"确保")
_LATER_FRAME_RE = re.compile(r"(?:到|至)(\d{4})年(?:底|末)?")
# A clause can hold a value only if it has a digit, a numeral, a redaction mark or a worded target.
_VALUE_HINT_RE = re.compile(r"[\d*×Xx一二两三四五六七八九十百千万亿]|全覆盖|全面推开|倍增|翻|强|第")
_THIS_YEAR_RE = re.compile(r"(?<![比较同去上])(?:今年|全年|年内|本年度?)(?!以来)")

# The region a paragraph opens with: '支持萧县推动…', '1.推进居巢经开区改革…'.
PARA_SUBJ_PREFIX_RE = re.compile(
    r"(?:\d{1,2}[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)?\s*(?:支持|推动|鼓励|推进|引导|加快|指导|促进)?"
)
FALLBACK_SUBJ_RE = re.compile(   # regions the reference table does not know (other cities)
    r"([\u4e00-\u9fa5]{1,3}?(?:县|区)|[\u4e00-\u9fa5]{2,3}?市|市?[\u4e00-\u9fa5]{1,4}?(?:经开区|高新区|开发区|新区|科学城|产业园区))"
    r"(?=着力|全力|加快|做大|做强|推动|重点|打造|发展|建设|聚焦|依托|要|围绕|改革|规划|创新|力争|争创|创建|推进)"
)


def extract(doc: Document, blocks: list[Block]) -> list[dict]:
    """Target rows of every block, in document order; rows read from actual clauses come with
    `reported` set (they are what the document reports, not what it plans)."""
    rows: list[dict] = []
    prev_rows: list[dict] = []
    prev_block: Block | None = None
    this_year = False
    for block in blocks:
        block_rows, this_year = _block(doc, block, this_year)
        if not block_rows and not block.in_goals and block.cell is None:
            # A note on a line of its own, '(责任单位:…)', covers the paragraph above it.
            notes = block.notes
            if notes and notes[0].start == block.start and notes[-1].end >= block.end - 1:
                for row in (r for r in prev_rows if not r["reported"]):
                    row["responsible_units"] = row["responsible_units"] or notes[0].units
        if prev_rows and prev_block is not None and _restates(doc, prev_block, prev_rows, block_rows):
            # '农业:粮食总产突破80亿斤' over the paragraph '…力争今年粮食总产突破80亿斤': the subheading
            # restates its paragraph's goal; the paragraph's row is the target
            drop = {id(r) for r in prev_rows if any(_same_goal(r, b) for b in block_rows)}
            rows = [r for r in rows if id(r) not in drop] if drop else rows
        rows.extend(block_rows)
        prev_rows, prev_block = block_rows, block
    return rows


def _restates(d: Document, head: Block, head_rows: list[dict], rows: list[dict]) -> bool:
    """Whether `head` is a subheading line (short, no full stop) whose goals the paragraph after it gives."""
    line = d.t[head.start:head.end]
    return head.cell is None and len(line.strip()) <= 40 and "。" not in line and bool(rows)


def _same_goal(a: dict, b: dict) -> bool:
    """The same value of the same quantity, its noun said again in the paragraph's sentence (a list
    of goals one a line, 规上工业增加值增长8.5% over 制造业增加值增长8.5%, restates nothing)."""
    return a["value"] == b["value"] and a["unit"] == b["unit"] and a["value_low"] == b["value_low"] and \
        a["value_high"] == b["value_high"] and not b["reported"] and a["metric"] == b["metric"] and \
        bool(a["metric_text"]) and a["metric_text"] in b["sentence"]


# A sentence that opens on 今年 to say what will be done ('今年,县经信局将多措并举…。■聚焦…,力争…'):
# the goals of the paragraphs after it are this year's.
# (not 今年是…开局之年, which says what the year is, in multi-year plans too)
_THIS_YEAR_LEAD_RE = re.compile(r"(?:而|在)?(?:今年|本年度?)(?:,|将|要|我|全)")


def _block(d: Document, block: Block, this_year: bool) -> tuple[list[dict], bool]:
    """The rows of one block, and whether a 今年 lead seen so far frames the blocks after it
    (only in a document that gives its goals no year of its own: a work report's or a news
    item's year is its plan year anyway, and a multi-year plan's goals are due at its end)."""
    t = d.t
    para = ParaState(subject=_paragraph_subject(d, block), this_year=this_year)
    fm = _FIELD_LEAD_RE.match(t, block.start, block.end)
    if fm:
        para.field = fm.group(1)
    if block.section_year and block.section_year >= (d.doc_year or 0):
        para.frame_year, para.frame_kind = block.section_year, "section"   # 二、2025年主要目标任务
    named = _named_set_year(t, block.start, block.end)
    if named and para.frame_year is None:
        para.frame_year, para.frame_kind = named, "future"
    rows: list[dict] = []
    for sentence in block.sentences:
        ss, se = sentence.start, sentence.end
        if any(n.start <= ss and se <= n.end + 1 for n in block.notes):
            continue
        sent = SentState(future=any(c.mode.cls == cl.TARGET for c in sentence.clauses),
                         has_values=bool(_VALUE_HINT_RE.search(t, ss, se)))
        if _THIS_YEAR_LEAD_RE.match(t, ss, se) and not d.plan_end_year:
            para.this_year = True
        if para.frame_year is None or para.frame_kind == "section":
            # '力争规上工业总产值年均增长12%,到2025年达到2000亿元': a year named later in the sentence
            # governs the clauses before it too.
            m = _LATER_FRAME_RE.search(t, ss, se)
            if m and not any(a <= m.start() < b for a, b in block.protected) and \
                    (d.doc_year is None or int(m.group(1)) >= d.doc_year):
                para.frame_year, para.frame_kind = int(m.group(1)), "future"
        first_row = len(rows)
        commenting = False
        for clause in sentence.clauses:
            if sent.has_values and clause.end > clause.start:
                # '…,某市提出的目标是:…': the place governs this clause and the rest of the sentence
                sent.subject = _sentence_subject(d, clause.start, se) or sent.subject
            # '…,这是某市近年首次将这一数字下调至7%以下': a comment on the number just given, no goal
            commenting = commenting or (t[clause.start:clause.start + 1] in ("这", "此") and
                                        bool(_COMMENT_RE.match(t, clause.start, clause.end)))
            if clause.end > clause.start:
                view = ClauseView(d, block, sentence, clause, para, sent)
                found = _clause(view)
                rows.extend(r for r in found if not commenting or r["reported"])
            if clause.sep == ";":
                sent.hedge = sent.ensure = sent.every_year = False
                sent.topic = None
        rows[first_row:] = _floor_and_stretch(t, rows[first_row:])

    return rows, para.this_year


_COMMENT_RE = re.compile(r"(?:这|此)(?:也|还)?(?:是|意味着)")

# A paragraph that spells out a set of goals named before: '“五强”目标具体为:产业强,…' after
# '到2022年,…实现产业强、企业强…“五强”发展目标'. Its goals are due when that sentence said.
_NAMED_SET_RE = re.compile(r"\s*(?:其中|具体而言)?,?[“\"]([^”\"]{1,10})[”\"](?:发展)?目标(?:任务)?(?:具体为|具体是|是|为|包括|:)")


def _named_set_year(t: str, start: int, end: int) -> int | None:
    m = _NAMED_SET_RE.match(t, start, end)
    if not m:
        return None
    for quoted in (f"“{m.group(1)}”", f'"{m.group(1)}"'):
        at = t.find(quoted, 0, start)
        if at >= 0:
            opens = max(t.rfind("。", 0, at), t.rfind("\n", 0, at)) + 1
            years = [int(y.group(2)) for y in _FRAME_LEAD_RE.finditer(t, opens, at)]
            return years[-1] if years else None
    return None


# '…销售达9000亿元,力争超10000亿元', '保9000亿元力争超万亿元': a floor and a stretch goal of the same
# quantity, the second with no noun of its own, are one target, a range (conventions: 保…力争超… → range)
_STRETCH_RE = re.compile(r"[,、]?\s*(?:并|但)?力争(?:超过?|突破|达到?|实现)?")


def _floor_and_stretch(t: str, rows: list[dict]) -> list[dict]:
    out: list[dict] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev is not None and prev["unit"] == row["unit"] and prev["comparator"] in (">=", "=") and \
                row["comparator"] in (">=", "=") and prev["value"] is not None and row["value"] is not None and \
                prev["value"] < row["value"] and prev["reported"] == row["reported"] and \
                _STRETCH_RE.fullmatch(t, prev["value_end"], row["value_start"]):
            words = prev["qualifier"].split(";") + row["qualifier"].split(";")
            out[-1] = dict(prev, comparator="range", value=None, value_low=prev["value"], value_high=row["value"],
                           qualifier=";".join(dict.fromkeys(w for w in words if w)), end=row["end"])
            continue
        out.append(row)
    return out


# A paragraph opening on the sector it is about: '在农业方面,2023年完成投资…。新增…', '制造业领域:…'.
_FIELD_LEAD_RE = re.compile(r"\s*(?:\d{1,2}[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)?\s*"
                            r"(?:此外|另外|同时|其中|而)?,?在?([\u4e00-\u9fa5]{2,6}?)(?:方面|领域)[,:]")


def _paragraph_subject(d: Document, block: Block) -> str | None:
    """The region a paragraph is about when it opens with it (支持萧县…, 1.推进居巢经开区…), also
    right after a heading's title ((四)实施园区提升工程。支持肥西经开区…)."""
    t, ls, le = d.t, block.start, block.end
    starts = [ls]
    if block.heading and t.find("。", ls, le) > 0:
        starts.append(t.find("。", ls, le) + 1)
    for start in starts:
        m = PARA_SUBJ_PREFIX_RE.match(t, start, le)
        pos = m.end() if m else start
        for rm in regions.matches(t, pos, min(le, pos + 12)):
            if rm.start() == pos and regions.is_below(regions.canonical(rm.group()), d.issuing, d.issuing_level):
                return rm.group()
            break
        fm = FALLBACK_SUBJ_RE.match(t, pos, min(le, pos + 14))
        if fm and not NOT_SUBJECT_RE.match(fm.group(1)) and not regions.lookup(fm.group(1)) \
                and fm.group(1) != d.issuing:
            return fm.group(1)
    return None


# A clause that opens on a place to say what it plans ('某某市提出的目标是:GDP增速9%,…', '某县围绕…,
# 全年推进…', '某区2021年主要预期目标:…'): the place is the subject of the rest of the sentence.
_SENT_SUBJ_NEXT = (r"(?=提出|围绕|大力|着力|全力|坚持|聚焦|力争|确保|计划|预计|将|要|今年|全年|明年|\d{4}年|"
                   r"(?:的|今年的?|全年的?)?(?:主要)?(?:预期)?目标)")
_SENT_SUBJ_NEXT_RE = re.compile(_SENT_SUBJ_NEXT)
_SENT_SUBJ_QUICK_RE = re.compile(r"[\u4e00-\u9fa5]{2,8}?" + _SENT_SUBJ_NEXT)     # (a cheap test first)
_SENT_SUBJ_RE = re.compile(
    r"(?P<name>" + regions.FALLBACK_NAME + r"|[^\x00-\u4dff全本我各该年末月日的和与及在了中其共有为是比较同上下内外城都超省市县区新老大小规工业企]{2}区"
    r"|[^\x00-\u4dff全本我各该年末月日的和与及在了中其共有为是比较同上下内外城都超省市县区新老大小规工业企]{1,2}县市)"   # (某县市: a county-level city)
    + _SENT_SUBJ_NEXT)


def _sentence_subject(d: Document, ss: int, se: int) -> str | None:
    """The place a clause at `ss` opens with as the subject of what the sentence plans (see
    _SENT_SUBJ_NEXT): a known region below the issuing one, or a place the table does not know (a
    news item on other cities' goals)."""
    t = d.t
    if not _SENT_SUBJ_QUICK_RE.match(t, ss, se):
        return None
    for rm in regions.matches(t, ss, min(se, ss + 12)):
        if rm.start() == ss:
            name = regions.canonical(rm.group())
            if not regions.GENERIC_RE.match(rm.group()) and \
                    regions.is_below(name, d.issuing, d.issuing_level) and _SENT_SUBJ_NEXT_RE.match(t, rm.end(), se):
                return rm.group()
            return None
        break
    m = _SENT_SUBJ_RE.match(t, ss, se)
    if not m or NOT_SUBJECT_RE.match(m.group("name")) or regions.lookup(m.group("name")):
        return None
    name = m.group("name")
    return None if name == d.issuing or (d.issuing or "").startswith(name) else name


# (not 在2022年的基础上: a baseline)
_FRAME_LEAD_RE = re.compile(r"(到|至|截至|截止到?|在)(\d{4})年(?!(?:底|末)?的?(?:基础|水平)上)(?:底|末|前)?")
_FRAME_BEFORE_RE = re.compile(r"(\d{4})年(?:底|末)?前")
_FRAME_BARE_RE = re.compile(r"(?:力争|确保|争取)?(\d{4})年(?:底|末)?")
# a year that names the goals it introduces, after a subject or a verb: '临汾市2020年主要预期目标:',
# '建议2020年GDP增长目标为…'
_FRAME_GOAL_RE = re.compile(r"(?<![-~至\d])(\d{4})年(?:的|度)?[^,;。:、]{0,10}?(?:预期目标|主要目标|增长目标|发展目标|目标任务)")
# the same with the 年 left out, as a news graphic's caption writes it: '2024预期目标:…'
_FRAME_GOAL_BARE_RE = re.compile(r"(?<![-~至\d.])((?:19|20)\d{2})(?:预期目标|主要目标|发展目标|目标任务)")


def _frame(t: str, cs: int, ce: int, protected) -> tuple[int | None, str]:
    """The year a clause sets: ('future' 到2027年, 'status' 截至2022年底, 'bare' 2022年全市…)."""
    if t.find("年", cs, ce) < 0:
        m = _FRAME_GOAL_BARE_RE.search(t, cs, ce)
        return (int(m.group(1)), "bare") if m and not _in_spans(protected, m.start()) else (None, "")
    c = t[cs:ce]
    for m in _FRAME_LEAD_RE.finditer(c):
        if not any(a <= cs + m.start(2) < b for a, b in protected) and not _names_document(c, m):
            return int(m.group(2)), ("status" if m.group(1).startswith("截") else "future")
    m = _FRAME_BEFORE_RE.search(c)
    if m and not any(a <= cs + m.start() < b for a, b in protected):
        return int(m.group(1)), "future"
    m = _FRAME_BARE_RE.match(c)
    if m and not _names_document(c, m):
        return int(m.group(1)), "bare"
    m = _FRAME_GOAL_RE.search(c)
    if m and not any(a <= cs + m.start() < b for a, b in protected):
        return int(m.group(1)), "bare"
    return None, ""


def _in_spans(spans, pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


def _names_document(c: str, m: re.Match) -> bool:
    """'在2024年政府工作报告中', '2023年度考核': the year dates a document, it frames nothing."""
    return m.group().endswith("年") and periods.names_document(c, m.end())


# A sentence opening with a time phrase alone: '2021年,', '2019年年初,', '2023年上半年,'.
_LEAD_TIME_RE = re.compile(r"(?:在|于)?(\d{4})\s?年(?:年初|初|年中|全年|度)?")


# A news item's attribution before the sentence proper: '澎湃新闻注意到,', '记者了解到,', '据介绍,'.
_ATTRIBUTION_RE = re.compile(r"[^,;。]{0,12}(?:注意到|了解到|获悉|看到|介绍|表示|指出|显示),$")


def _opens_sentence(t: str, ss: int, cs: int) -> bool:
    """Whether the clause at `cs` opens its sentence, an attribution before it aside."""
    return cs == ss or bool(_ATTRIBUTION_RE.fullmatch(t, ss, cs))


def _lead_year(para: ParaState, sent: SentState, year: int) -> None:
    sent.lead_year = year
    if para.report_year is None:
        para.report_year = year


def _clause(view: ClauseView) -> list[dict]:
    d, para, sent = view.doc, view.para, view.sent
    t, cs, ce = d.t, view.cs, view.ce
    c = t[cs:ce]
    if _opens_sentence(t, view.sentence.start, cs) and view.clause.mode.cls != cl.TARGET and \
            _LEAD_TIME_RE.fullmatch(c.strip()):
        _lead_year(para, sent, int(_LEAD_TIME_RE.fullmatch(c.strip()).group(1)))    # '2019年年初,'
        return []
    if not sent.has_values:
        # a sentence with no number at all: only what it says of the paragraph matters
        if view.clause.mode.cls == cl.TARGET:
            year, kind = _frame(t, cs, ce, view.block.protected)
            if year and kind == "future":
                para.frame_year, para.frame_kind = year, kind
            hz = periods.horizon(c) if "年" in c else ""
            if hz:
                para.horizon = hz
        return []
    is_target = view.clause.mode.cls == cl.TARGET
    year, kind = _frame(t, cs, ce, view.block.protected)
    if year and is_target and (kind != "status" or (d.doc_year is not None and year >= d.doc_year)):
        para.frame_year, para.frame_kind = year, kind
        sent.framed = sent.framed or kind == "future"
        sent.lead_year = None
    elif year and kind == "bare" and cs == view.sentence.start:
        _lead_year(para, sent, year)
    hz = periods.horizon(c)
    if hz:
        para.horizon = hz
    fm = periods.FIVE_YEAR_RE.search(c)
    if fm and is_target and not year and fm.group(2) != "以来" and not _NAMES_PLAN_RE.match(c, fm.end()):
        para.frame_year, para.frame_kind = periods.five_year_end(fm.group(1)), "future"
    if _THIS_YEAR_RE.search(c):
        sent.this_year = True
        if not _THIS_YEAR_RE.search(c).group().startswith("全"):
            sent.lead_year = None   # '2023年…增长8.5%,今年力争增长10%': 今年 is the document's year
    # 每年 covers the rest of the sentence (每年新签约…50个,新开工…40个), except where the sentence
    # names its own due year (到2025年,…,每年新增1个千亿级产业,净增300户…: the 300 is due by 2025)
    sent.every_year_here = "每年" in c
    sent.every_year = sent.every_year_here or (sent.every_year and not sent.framed)
    view.hedge_m = HEDGE_RE.search(c)
    view.ensure_m = ENSURE_RE.search(c)
    topic = _topic(d, c)
    if topic:
        sent.topic = topic
    rows: list[dict] = []
    cands: list[Cand] = []
    if view.clause.mode.cls in (cl.TARGET, cl.ACTUAL) and _VALUE_HINT_RE.search(c):
        # an actual clause is read the same way: its rows are what a unit reports (新培育…企业110户)
        cands = find_values(t, cs, ce, view.block.protected)
        cands = resolve_tiers(t, cs, ce, cands)
        if cands:
            rows = rows_for_clause(view, cands)
            for row in rows:
                row["reported"] = not is_target
            if is_target and _CONDITIONAL_RE.search(t, view.sentence.start, cs):
                rows = []      # '如果按照15%的增速粗略计算,其全年GDP将达到…': a reckoning, not a goal
    if view.hedge_m:
        sent.hedge = True
    if view.ensure_m:
        sent.ensure = True
    if not cands:
        # '打造新能源汽车零部件产业集群,力争到2025年产值突破300亿元': the object names the industry.
        m = _OBJECT_INDUSTRY_RE.search(c)
        if m and named_industry(m.group(1)):
            sent.topic = m.group(1)
    return rows


# '实施“十四五”农村供水保障规划': the five-year span names a plan document, it frames no goal
_NAMES_PLAN_RE = re.compile(r"[”\"]?(?:时期)?[\u4e00-\u9fa5]{0,14}?(?:规划|方案|计划)(?![\u4e00-\u9fa5]*(?:末|期末))")

_CONDITIONAL_RE = re.compile(r"(?:如果|假如|假设|倘若|若)(?:按照?|以|照)[^。;]{0,30}?(?:计算|测算|推算|估算)")

_OBJECT_INDUSTRY_RE = re.compile(
    r"(?:打造|培育|发展|壮大|做大做强|做强|做大|建设|推动)[^,;。]*?((?:(?!的)[\u4e00-\u9fa5()]){2,16}?(?:产业集群|产业|集群|制造业))"
    r"(?:基地|高地|集聚区|园区|示范区)?$")

_TOPIC_NAME_RE = re.compile(
    r"(?!增大|扩大|推进|加快|推动|主动|面向|围绕|依托|承接|发展|培育|打造|提升|支持|实施|聚焦|坚持|优化)"
    r"[\u4e00-\u9fa5]{2,8}(?:产业|产业集群)"
)

_TOPIC_NEXT_RE = re.compile(r"力争|确保|企业|规模|产值|营业收入|营收|增加值|总产值|实现|要|将|整体|[、,]")


def _topic(d: Document, c: str) -> str | None:
    """The industry a clause opens with as its subject (制造业集群力争培育…, 战略性新兴产业企业数新增…,
    制造业规模、质量…同步提升): a known industry name or a word ending in 产业/集群."""
    body = LEAD_RE.sub("", c)
    best = None
    for m in re.finditer(r"(?:产业集群|制造业集群|产业|制造业|集群)", body[:14]):
        name = body[:m.end()]
        if _TOPIC_NEXT_RE.match(body, m.end()) and (industry_alias(name) or _TOPIC_NAME_RE.fullmatch(name)):
            best = name
    if not best or (d.scope and best == d.scope[1]):
        return None
    if VERB_LEAD_RE.sub("", best) != best or re.search(r"[的和与及、等]", best):
        return None
    return best
