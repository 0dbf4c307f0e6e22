"""Numeric targets in Chinese policy documents (pure stdlib; no Dagster or Streamlit).

    extract_targets(text, *, doc="-", issuing_region=None, doc_year=None) -> list[dict]

One dict per target, in document order, with the keys of ``FIELDS``. The labelling conventions
behind the output are tests/fixtures/gold/CONVENTIONS.md; in short:

- A document is read line by line (a line is a paragraph), a line sentence by sentence (。), a
  sentence clause by clause (, ;). A clause with several targets is cut at the 、 (or 和) between
  them; ``start``/``end`` delimit that piece of the clause and ``sentence`` is the whole sentence,
  both as offsets into the original ``text``.
- State carried along: the target year (到2027年 …) and horizon (3-5年) to the end of the paragraph;
  力争 and the industry a clause opens with to the next ; or 。; 每年 and a past time frame
  (十三五期间, 2022年…) to the end of the sentence.
- Subjects: a generic subject opening the clause (各县区、园区, 每个县(市), 县域将…), else the region
  a paragraph opens with (支持萧县…), else the issuing region.
- Responsible units: the paragraph's (责任单位:…) note, only 牵头单位 when 配合单位 are named too;
  none in a goals section (二、工作目标).

Modules: this one reads the document and carries the state; ``target_text`` finds lines, headings,
notes, sentences and clauses and infers the document's region and year; ``target_values`` finds the
value expressions of a clause; ``target_rows`` turns them into rows with ``target_nouns`` (noun
phrases, industries) and ``target_metrics`` (metric codes, kinds, categories).
"""

from __future__ import annotations

import re

from orchestration.extract import target_text as tt
from orchestration.extract.numbers import to_halfwidth
from orchestration.extract.target_nouns import (
    LEAD_RE, NOT_SUBJECT_RE, VERB_LEAD_RE, industry_alias, named_industry,
)
from orchestration.extract.target_rows import (
    DocState, ParaState, SentState, is_subregion, resolve_tiers, rows_for_clause,
)
from orchestration.extract.target_values import Cand, find_values, horizon

FIELDS = (
    "doc", "subject_region", "region_code", "subject_level", "industry", "metric", "metric_text",
    "kind", "comparator", "value", "value_low", "value_high", "unit", "qualifier", "target_year",
    "period", "redacted", "category", "responsible_units", "sentence", "start", "end",
)

# Clause-level state the reader carries.
HEDGE_RE = re.compile(r"力争|争创|奋力冲刺|力求")          # conventions: 争创/奋力冲刺 count as 力争
ENSURE_RE = re.compile(r"确保")
FIVE_YEAR_RE = re.compile(r"十([一二三四五六七])五”?(?:规划)?(期间|时期|以来|末|期末)")
PAST_RE = re.compile(
    r"过去[一二三四五六七八九十\d]+年|近[一二三四五\d]+年来|近年来|以来[,,]|"
    r"截至目前|目前已|已(?:经)?(?:达到|实现|建成|完成|突破|超过|培育|认定|累计|拥有|形成|获批|集聚|有)|"
    r"(?:全|本)(?:市|省|县|区)(?:共有|现有|拥有)|目前(?:共有|拥有|有)"
)
FUTURE_RE = re.compile(r"力争|确保|争取|目标|将|要|预计|计划|力求|努力|到\d{4}")
_LATER_FRAME_RE = re.compile(r"(?:到|至)(\d{4})年(?:底|末)?")

# The region a paragraph opens with: '支持萧县推动…', '1.推进居巢经开区改革…'.
PARA_SUBJ_PREFIX_RE = re.compile(
    r"(?:\d{1,2}[.、]|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)?\s*(?:支持|推动|鼓励|推进|引导|加快|指导|促进)?"
)
FALLBACK_SUBJ_RE = re.compile(   # regions the reference table does not know (other cities)
    r"([\u4e00-\u9fa5]{1,3}?(?:县|区)|[\u4e00-\u9fa5]{2,3}?市|市?[\u4e00-\u9fa5]{1,4}?(?:经开区|高新区|开发区|新区|科学城|产业园区))"
    r"(?=着力|全力|加快|做大|做强|推动|重点|打造|发展|建设|聚焦|依托|要|围绕|改革|规划|创新|力争|争创|创建|推进)"
)


def extract_targets(text: str, *, doc: str = "-", issuing_region: str | None = None,
                    doc_year: int | None = None) -> list[dict]:
    """Numeric targets of a policy document (or of a single sentence), in document order."""
    t = to_halfwidth(text)
    issuing = issuing_region or tt.infer_region(t)
    if issuing:
        issuing = tt.canonical_region(issuing)
    d = DocState(
        t=t, text=text, doc=doc, issuing=issuing,
        issuing_level=tt.region_level(issuing) if issuing else None,
        doc_year=doc_year or tt.infer_doc_year(t), annual_year=tt.infer_annual_year(t),
        plan_end_year=tt.infer_plan_end_year(t),
        scope=tt.infer_scope(t),
    )
    rows: list[dict] = []
    sections: dict[int, str] = {}
    goals_level: int | None = None
    prev_rows: list[dict] = []
    for ls, le in tt.lines(t):
        h = tt.heading(t, ls, le)
        if h:
            for lvl in [k for k in sections if k >= h.level]:
                del sections[lvl]
            sections[h.level] = h.title
            if goals_level is not None and h.level <= goals_level:
                goals_level = None
            if h.level <= 2 and len(h.title) <= 12 and tt.GOALS_TITLE_RE.search(h.title):
                goals_level = h.level
        section = sections[max(sections)] if sections else ""
        line_rows = _line(d, ls, le, section, goals_level is not None)
        if not line_rows and goals_level is None:
            # A note on a line of its own, '(责任单位:…)', covers the paragraph above it.
            notes = tt.find_notes(t, ls, le)
            if notes and notes[0].start == ls and notes[-1].end >= le - 1:
                for row in prev_rows:
                    row["responsible_units"] = row["responsible_units"] or notes[0].units
        rows.extend(line_rows)
        prev_rows = line_rows
    return rows


def _line(d: DocState, ls: int, le: int, section: str, in_goals: bool) -> list[dict]:
    t = d.t
    notes = tt.find_notes(t, ls, le)
    protected = tt.protected_spans(t, ls, le) + [(n.start, n.end) for n in notes]
    para = ParaState(subject=_paragraph_subject(d, ls, le))
    rows: list[dict] = []
    for ss, se in tt.sentences(t, ls, le):
        if any(n.start <= ss and se <= n.end + 1 for n in notes):
            continue
        sent = SentState(future=bool(FUTURE_RE.search(t, ss, se)))
        if para.frame_year is None:
            # '力争规上工业总产值年均增长12%,到2025年达到2000亿元': a year named later in the sentence
            # governs the clauses before it too.
            m = _LATER_FRAME_RE.search(t, ss, se)
            if m and not any(a <= m.start() < b for a, b in protected):
                para.frame_year, para.frame_kind = int(m.group(1)), "future"
        for cs, ce, sep in tt.clauses(t, ss, se):
            if ce > cs:
                rows.extend(_clause(d, para, sent, cs, ce, ss, se, protected, notes, section, in_goals))
            if sep == ";":
                sent.hedge = sent.ensure = sent.every_year = False
                sent.topic = None
    return rows


def _paragraph_subject(d: DocState, ls: int, le: int) -> str | None:
    """The region a paragraph is about when it opens with it (支持萧县…, 1.推进居巢经开区…), also
    right after a heading's title ((四)实施园区提升工程。支持肥西经开区…)."""
    t = d.t
    starts = [ls]
    h = tt.heading(t, ls, le)
    if h and t.find("。", ls, le) > 0:
        starts.append(t.find("。", ls, le) + 1)
    for start in starts:
        m = PARA_SUBJ_PREFIX_RE.match(t, start, le)
        pos = m.end() if m else start
        for rm in tt.region_matches(t, pos, min(le, pos + 12)):
            if rm.start() == pos and is_subregion(d, tt.canonical_region(rm.group())):
                return rm.group()
            break
        fm = FALLBACK_SUBJ_RE.match(t, pos, min(le, pos + 14))
        if fm and not NOT_SUBJECT_RE.match(fm.group(1)) and not tt.region_row(fm.group(1)):
            return fm.group(1)
    return None


def _frame(d: DocState, t: str, cs: int, ce: int, protected) -> tuple[int | None, str]:
    """The year a clause sets: ('future' 到2027年, 'status' 截至2022年底, 'bare' 2022年全市…)."""
    c = t[cs:ce]
    for m in re.finditer(r"(到|至|截至|截止到?|在)(\d{4})年(?:底|末|前)?", c):
        if not any(a <= cs + m.start(2) < b for a, b in protected):
            return int(m.group(2)), ("status" if m.group(1).startswith("截") else "future")
    m = re.search(r"(\d{4})年(?:底|末)?前", c)
    if m and not any(a <= cs + m.start() < b for a, b in protected):
        return int(m.group(1)), "future"
    m = re.match(r"(?:力争|确保|争取)?(\d{4})年(?:底|末)?", c)
    if m:
        return int(m.group(1)), "bare"
    return None, ""


def _clause(d: DocState, para: ParaState, sent: SentState, cs: int, ce: int, ss: int, se: int,
            protected, notes, section: str, in_goals: bool) -> list[dict]:
    t = d.t
    c = t[cs:ce]
    if c.startswith("即"):          # 即 spells out a programme name: the rest is its definition
        sent.skip = True
    if sent.skip:
        return []
    year, kind = _frame(d, t, cs, ce, protected)
    if year:
        past = kind == "status" and (d.doc_year is None or year <= d.doc_year)
        if kind == "bare":
            past = (year < d.doc_year) if d.doc_year else not sent.future
        if past:
            sent.past = True
        else:
            para.frame_year, para.frame_kind = year, kind
    hz = horizon(c)
    if hz:
        para.horizon = hz
    fm = FIVE_YEAR_RE.search(c)
    if fm:
        end_year = 2005 + 5 * _cn_int(fm.group(1))   # 十三五 -> 2020, 十四五 -> 2025
        if (d.doc_year and end_year < d.doc_year) or (not d.doc_year and end_year <= 2020) or fm.group(2) == "以来":
            sent.past = True
        elif not year:
            para.frame_year, para.frame_kind = end_year, "future"
    if PAST_RE.search(c):
        sent.past = True
    sent.every_year_here = "每年" in c
    sent.every_year = sent.every_year or sent.every_year_here
    hedge_m = HEDGE_RE.search(c)
    ensure_m = ENSURE_RE.search(c)
    topic = _topic(d, c)
    if topic:
        sent.topic = topic
    rows: list[dict] = []
    cands: list[Cand] = []
    if not sent.past:
        cands = find_values(t, cs, ce, protected)
        cands = resolve_tiers(t, cs, ce, cands)
        if cands:
            rows = rows_for_clause(d, para, sent, cs, ce, ss, se, cands, notes, section, in_goals,
                                    hedge_m, ensure_m)
    if hedge_m:
        sent.hedge = True
    if ensure_m:
        sent.ensure = True
    if not cands:
        # '打造新能源汽车零部件产业集群,力争到2025年产值突破300亿元': the object names the industry.
        m = _OBJECT_INDUSTRY_RE.search(c)
        if m and named_industry(m.group(1)):
            sent.topic = m.group(1)
    return rows


_OBJECT_INDUSTRY_RE = re.compile(
    r"(?:打造|培育|发展|壮大|做大做强|做强|做大|建设|推动)[^,;。]*?((?:(?!的)[\u4e00-\u9fa5()]){2,16}?(?:产业集群|产业|集群|制造业))"
    r"(?:基地|高地|集聚区|园区|示范区)?$")

_TOPIC_NAME_RE = re.compile(
    r"(?!增大|扩大|推进|加快|推动|主动|面向|围绕|依托|承接|发展|培育|打造|提升|支持|实施|聚焦|坚持|优化)"
    r"[\u4e00-\u9fa5]{2,8}(?:产业|产业集群)"
)

_TOPIC_NEXT_RE = re.compile(r"力争|确保|企业|规模|产值|营业收入|营收|增加值|总产值|实现|要|将|整体|[、,]")


def _cn_int(ch: str) -> int:
    return "一二三四五六七".index(ch) + 1


def _topic(d: DocState, c: str) -> str | None:
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
