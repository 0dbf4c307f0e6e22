"""Is a clause stating a target, an actual, or neither? And why.

Every clause gets a ``Mode``: its class and the cue that decided it. The first rule that speaks
wins:

1. the table column the clause sits in (a 落实情况/进展情况 cell reports; a 目标/任务 cell plans),
   unless the clause itself carries a strong cue of the other class;
2. a strong cue in the clause, or earlier in its sentence up to the last ``;`` (力争, 确保, 目标,
   预期 … against 同比, 比上年, 已, 累计完成, 初步核算, 过去一年 …);
3. the year the clause or its sentence speaks of: 到2027年 (later than the document) plans,
   2023年 / 截至2023年底 / 十三五期间 (earlier than the document) report;
4. the paragraph's lead: 主要预期目标是: plans the paragraph; 过去一年 / 2023年,… reviews it;
5. the section: a heading such as 二、2025年主要目标任务 plans, 一、2024年工作回顾 reviews;
6. the kind of document: a plan or task list plans, a bulletin or progress report reports; in a
   work report, a plan report, a news item or a text without a title the weak cues decide (a
   bound word 左右/以上 plans, a result verb 实现/新增/同比 reports, a plan verb 培育/打造 plans),
   and a clause with nothing to go on is an actual there; a text with no title and no kind word
   (a single sentence) is read as the caller expects (a plan for ``kpi extract-targets``).

The cue words are data: lexicon/cues.csv. The year rules are grammar and live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from orchestration.extract import lexicon
from orchestration.extract.text import periods

TARGET, ACTUAL, NEITHER = "target", "actual", "neither"


@dataclass(frozen=True)
class Mode:
    cls: str | None          # target | actual | None (no rule spoke)
    cue: str = ""            # the words that decided
    source: str = ""         # column | clause | sentence | year | paragraph | section | document

    @property
    def reason(self) -> str:
        where = {"column": "table column", "clause": "cue", "sentence": "cue earlier in the sentence",
                 "year": "year", "paragraph": "paragraph lead", "section": "section", "headline": "headline",
                 "document": "document kind"}.get(self.source, self.source)
        return f"{where}: {self.cue}" if self.cue else where


UNDECIDED = Mode(None)


@lru_cache(maxsize=1)
def _cues() -> dict[tuple[str, str], re.Pattern]:
    groups: dict[tuple[str, str], list[str]] = {}
    for row in lexicon.rows("cues.csv"):
        groups.setdefault((row["class"], row["strength"]), []).append(f"(?:{row['pattern']})")
    return {key: re.compile("|".join(parts)) for key, parts in groups.items()}


def cue(cls: str, strength: str, text: str, start: int = 0, end: int | None = None) -> re.Match | None:
    rx = _cues().get((cls, strength))
    return rx.search(text, start, len(text) if end is None else end) if rx else None


@lru_cache(maxsize=1)
def _strong() -> re.Pattern:
    """Both classes' strong cues in one pattern (a named group each), searched once per clause."""
    cues = _cues()
    return re.compile(f"(?P<target>{cues[(TARGET, 'strong')].pattern})|(?P<actual>{cues[(ACTUAL, 'strong')].pattern})")


def strong_cue(text: str, start: int, end: int, protected=()) -> Mode:
    """The first strong cue of a clause (力争全年同比增长8% plans; 已完成年度目标的80% reports)."""
    for m in _strong().finditer(text, start, end):
        if any(a <= m.start() < b for a, b in protected):
            continue
        return Mode(m.lastgroup, m.group(), "clause")
    return UNDECIDED


def weak_cue(text: str, start: int, end: int, *, fallback: str, kind: str) -> Mode:
    """For a document that mixes plans and reports (a work report, a news item) and a clause with
    no strong cue: a comparison (同比, 比上年) reports, even with a bound word (a review's
    estimate is often a floor: 同比增长13%以上); a bound word (左右, 以上) plans; a result verb
    (实现, 新增) reports; a plan verb (培育, 打造) plans; else the fallback. In a text of unknown
    kind the verbs say nothing (新增 is as much a plan's as a report's): only comparisons and
    bound words count."""
    order = ((ACTUAL, "comparison"), (TARGET, "bound")) if kind == "unknown" else \
        ((ACTUAL, "comparison"), (TARGET, "bound"), (ACTUAL, "weak"), (TARGET, "weak"))
    for cls, strength in order:
        m = cue(cls, strength, text, start, end)
        if m:
            return Mode(cls, m.group(), "clause")
    return Mode(fallback, kind, "document")


_FRAME_RE = re.compile(r"(?P<lead>到|至|截至|截止到?|在|于)?(?P<year>(?:19|20)\d{2})年(?P<tail>底|末|前|以前|以来|上半年|前三季度|一季度|全年)?")
_FIVE_YEAR_RE = periods.FIVE_YEAR_RE


def year_mode(text: str, start: int, end: int, ref_year: int | None, protected=()) -> Mode:
    """The mode a year in the clause implies, against the year the document speaks from."""
    if text.find("年", start, end) < 0 and text.find("五", start, end) < 0:
        return UNDECIDED            # no year, no 十四五
    for m in _FRAME_RE.finditer(text, start, end):
        if any(a <= m.start("year") < b for a, b in protected):
            continue
        year = int(m.group("year"))
        lead, tail = m.group("lead") or "", m.group("tail") or ""
        after = text[m.end():m.end() + 2]
        if re.match(r"\d{1,2}月\d{1,2}日", after):
            continue                       # a date, not a time frame
        if not tail and periods.names_document(text, m.end()):
            continue                       # 在2024年政府工作报告中: the date of a document
        if lead.startswith("截") or tail == "以来":
            if ref_year is None or year <= ref_year:
                return Mode(ACTUAL, m.group(), "year")
            continue
        if lead in ("到", "至") or tail in ("前", "以前"):
            if ref_year is None or year >= ref_year:
                return Mode(TARGET, m.group(), "year")
            return Mode(ACTUAL, m.group(), "year")
        if ref_year is not None:
            if year < ref_year:
                return Mode(ACTUAL, m.group(), "year")
            if year > ref_year:
                return Mode(TARGET, m.group(), "year")
    for m in _FIVE_YEAR_RE.finditer(text, start, end):
        end_year = periods.five_year_end(m.group(1))
        if m.group(2) in ("以来", "期间", "时期") and (ref_year is None or end_year <= ref_year + 1):
            if m.group(2) == "以来" or (ref_year is not None and end_year < ref_year):
                return Mode(ACTUAL, m.group(), "year")
        if ref_year is not None and end_year < ref_year:
            return Mode(ACTUAL, m.group(), "year")
        if m.group(2) in ("末", "期末") and (ref_year is None or end_year >= ref_year):
            return Mode(TARGET, m.group(), "year")
    for m in periods.RELATIVE_YEAR_RE.finditer(text, start, end):
        word = m.group()
        prev = text[max(start, m.start() - 1):m.start()]
        if prev in ("比", "较", "于") or text.startswith("同期", m.end()):
            continue                       # 比上年: a baseline, not the clause's own year
        if word in ("明年", "来年"):
            return Mode(TARGET, word, "year")
        if word in ("去年", "上年", "上一年", "前年"):
            return Mode(ACTUAL, word, "year")
    return UNDECIDED


_PLAN_LEAD_RE = re.compile(r"(?:主要)?(?:预期)?目标(?:任务)?(?:是|为)?[::]|主要预期目标|工作目标[::]|发展目标[::]|目标任务[::]")
_REVIEW_LEAD_RE = re.compile(r"^(?:过去(?:的)?(?:一|五|三|\d)年|一年来|五年来|(?:报告)?(?:首先|全面|简要)?回顾|\d{4}年是|刚刚过去的)")

# (news idioms: the year's results are the 答卷 handed in, its goals the 战书 laid down)
SECTION_PLAN_RE = re.compile(r"目标|任务|安排|打算|思路|计划(?!执行)|重点工作|工作重点|预期|展望|部署|举措|措施|工作要点|主要工作|"
                             r"下战书|军令状")
SECTION_REVIEW_RE = re.compile(r"回顾|成效|成绩|亮点|完成情况|执行情况|进展|过去|一年来|总结|取得|工作情况|主要指标完成|运行情况|基本情况|发展现状|现状|答卷|"
                               r"新篇章|新步伐|新突破|新台阶|迈出|开创|显著|明显|"
                               r"(?<!夯实)(?<!筑牢)(?<!巩固)(?<!厚植)(?<!打牢)(?<!强化)(?:发展|现实|工作)基础|基础条件")


def section_mode(title: str) -> Mode:
    if SECTION_REVIEW_RE.search(title):
        return Mode(ACTUAL, title[:20], "section")
    if SECTION_PLAN_RE.search(title):
        return Mode(TARGET, title[:20], "section")
    return UNDECIDED


def paragraph_mode(text: str, start: int, end: int, ref_year: int | None) -> Mode:
    """The mode a paragraph's lead sets for all of it."""
    head = text[start:min(end, start + 40)]
    m = _PLAN_LEAD_RE.search(head)
    if m:
        return Mode(TARGET, m.group(), "paragraph")
    m = _REVIEW_LEAD_RE.match(head)
    if m:
        return Mode(ACTUAL, m.group(), "paragraph")
    m = re.match(r"(?:\d{1,2}[.、]\s*)?((?:19|20)\d{2})年(?:以来|,|,|全年|全市|全县|全区|全省|我市|我县|我区)", head)
    if m and ref_year is not None and int(m.group(1)) < ref_year:
        return Mode(ACTUAL, m.group(1) + "年", "paragraph")
    return UNDECIDED


# Kinds whose clauses without a cue are read one way; the others (work reports, plan reports, news)
# mix both, and the weak cues decide.
# A text with no title and no kind word at all (a single sentence) is read the way the caller
# expects: as a plan by `kpi extract-targets` and the policy folder, as a report by
# `kpi extract-figures` and the inbox's bulletin text.
DOCUMENT_DEFAULT = {"plan": TARGET, "task_list": TARGET, "bulletin": ACTUAL, "progress": ACTUAL}
COLUMN_MODE = {"target": TARGET, "progress": ACTUAL}
