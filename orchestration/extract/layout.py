"""The document laid out for reading: blocks (paragraph lines and table cells) under their section
headings, each cut into sentences and clauses, each clause with its ``Mode`` (target, actual or
undecided, and why; see ``classify``).

Both readers (targets and actuals) walk this one layout, so a clause is classified once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.extract import classify as cl
from orchestration.extract.context import Document, is_navigation
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import periods
from orchestration.extract.text.tables import Cell, find_tables

GOALS_TITLE_RE = re.compile(r"(工作|发展|主要|总体|预期|奋斗)?目标(任务)?$|^(目标|主要目标|发展目标)")


@dataclass(frozen=True)
class Section:
    level: int
    title: str
    mode: cl.Mode
    year: int | None
    goals: bool              # a goals section (二、工作目标): no responsible units


@dataclass
class Clause:
    start: int
    end: int
    sep: str
    mode: cl.Mode = cl.UNDECIDED


@dataclass
class Sentence:
    start: int
    end: int
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Block:
    start: int
    end: int
    sections: tuple[Section, ...]
    cell: Cell | None = None
    units: str = ""                      # responsible units given by the block's table row
    notes: list[tc.Note] = field(default_factory=list)
    protected: list[tuple[int, int]] = field(default_factory=list)
    heading: tc.Heading | None = None
    mode: cl.Mode = cl.UNDECIDED         # the paragraph lead's mode
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def section(self) -> str:
        return self.sections[-1].title if self.sections else ""

    @property
    def in_goals(self) -> bool:
        return any(s.goals for s in self.sections)

    @property
    def section_year(self) -> int | None:
        return next((s.year for s in reversed(self.sections) if s.year), None)


def lay_out(doc: Document, unknown_as: str = cl.TARGET, skip: frozenset[int] = frozenset()) -> list[Block]:
    """Blocks in document order, every clause classified; `unknown_as` is how a text of unknown
    kind reads where nothing else decides; lines starting at an offset in `skip` are read
    elsewhere (the rows of an indicator table)."""
    t = doc.t
    cells = {}
    units_of = {}
    inline_rows = {}   # a row whose cells share one line (tabs, |, spaces): line start -> its cells
    for table in find_tables(t):
        for row in table.rows:
            lead = ";".join(filter(None, (tc.split_units(t[c.start:c.end]) for c in row.of_role("unit"))))
            for c in row.cells:
                cells[c.start] = c
                units_of[c.start] = lead
            if len(row.cells) > 1 and "\n" not in t[row.cells[0].start:row.cells[-1].end]:
                inline_rows[row.cells[0].start] = [(c.start, c.end) for c in row.cells]
    blocks: list[Block] = []
    stack: list[Section] = []
    ref_year = doc.doc_year or doc.annual_year
    spans = (span for ls, le in tc.lines(t) for span in inline_rows.get(ls, [(ls, le)]))
    for ls, le in spans:
        if ls in skip:
            continue
        cell = cells.get(ls)
        if cell is not None and cell.role not in ("target", "progress"):
            continue      # item numbers, units, deadlines, leaders: read with their row
        if cell is None and is_navigation(t[ls:le]):
            continue
        is_title = ls < doc.title_end
        h = tc.heading(t, ls, le) if cell is None and not is_title else None
        if h:
            while stack and stack[-1].level >= h.level:
                stack.pop()
            # a heading runs into its paragraph where the text lost its line breaks (a PDF copy):
            # its first words decide, up to its first value. A bullet that states one is an item
            # of the list (——投资增长5.8%,低于年初预期目标(10%)): what it says after it is not a title.
            head = _TITLE_VALUE_RE.split(h.title[:30], maxsplit=1)[0]
            mode = cl.section_mode(head)
            if mode.cls == cl.ACTUAL and any(s.goals for s in stack) and _ASPIRATION_RE.search(head):
                mode = cl.UNDECIDED     # 一、行动目标 ——创新能力获得新突破: a goal worded as its outcome
            year = _section_year(head)
            goals = h.level <= 2 and len(h.title) <= 12 and bool(GOALS_TITLE_RE.search(h.title))
            stack.append(Section(h.level, h.title, mode, year, goals))
        elif cell is None and not is_title and _is_bare_heading(t, ls, le):
            # a heading without an outline marker (产业发展目标), or a year on a line of its own
            mode = cl.section_mode(t[ls:le])
            year = periods.first_year(t[ls:le]) if re.fullmatch(r"(?:19|20)\d{2}年\S{0,8}", t[ls:le]) else None
            if mode.cls or year:
                level = stack[-1].level + 1 if stack else 1
                stack.append(Section(level, t[ls:le], mode, year or _section_year(t[ls:le]), False))
        block = Block(ls, le, tuple(stack), cell=cell, units=units_of.get(ls, ""), heading=h)
        block.notes = tc.find_notes(t, ls, le)
        block.protected = tc.protected_spans(t, ls, le) + [(n.start, n.end) for n in block.notes]
        block.mode = cl.paragraph_mode(t, ls, le, ref_year)
        _classify(doc, block, ref_year, unknown_as)
        blocks.append(block)
    return blocks


# The lead of a list of goals, which a ; inside the list does not end (a hedge such as 力争 does
# end there: conventions §3).
_GOAL_LIST_LEAD_RE = re.compile(r"目标(?:是|为|:)$")
_ELAPSED_RE = re.compile(r"\d{1,2}\s?[-—~至到]\s?\d{1,2}月份?|上半年|前三季度|[一二三]季度|今年以来")
# the base of a completion ratio, '占任务数16900万元的63.7%': its cue is its own, not the sentence's
_RATIO_BASE_RE = re.compile(r"占(?:全年|年度)?(?:任务数|目标数|计划数|目标任务)")
# An average rate's cue speaks of its own clause: '产值年均增长16.1%,占比由40.3%提高到43.6%' -- in
# a review the share after it is a result, in a plan the year or section still makes it a goal.
_OWN_CLAUSE_CUE_RE = re.compile(r"年均|任务数|目标数|计划数|目标值|(?:年度|当年|全年|本年)计划(?:完成)?投资")
# (also one a higher level set: '(上饶下达任务325亿元)', '(年度增长计划为10.5%)')
_ASIDE_RE = re.compile(r"\((?:[\u4e00-\u9fa5]{1,6}?(?:下达|确定|核定)的?)?(?:全年|年度)?(?:增长)?(?:目标任务|任务数|目标数|任务|目标|计划数?)(?:为|是|:)?")
# ...or names the target just before it: '增长6.7%,超过年初预期目标(6.5%)0.2个百分点'
_GOAL_BEFORE_ASIDE_RE = re.compile(r"(?:年初|年度|全年|既定)?(?:预期|计划)?目标(?:值|数)?$")
_ASIDE_START_RE = re.compile(rf"{_ASIDE_RE.pattern}|(?:年初|年度|全年|既定)?(?:预期|计划)?目标(?:值|数)?\(")
_VALUE_ASIDE_RE = re.compile(r"\(\d+(?:\.\d+)?\s?(?:%|‰|亿元|万元|个|家|户|项)\)")
# the words a heading under a section of goals uses for the outcome it aims at
_ASPIRATION_RE = re.compile(r"新篇章|新步伐|新突破|新台阶|新成效|新跨越|新进展|新提升|新局面|迈出|开创|显著|明显|取得")
# the first value of a heading's title (a number with its unit; a year is not one)
_TITLE_VALUE_RE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?\s?(?=%|‰|亿|万|千|个|家|户|项|元|吨|倍)")


def _with_target_asides(t: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A progress report writes the target beside the result: '引进优强企业21家(任务数18家)'.
    The aside is a clause of its own, so it is read as the target it restates."""
    out = []
    for cs, ce, sep in spans:
        pos = cs
        for gs, ge in tc.paren_groups(t, cs, ce) if t.find("(", cs, ce) >= 0 else ():
            named = _GOAL_BEFORE_ASIDE_RE.search(t, pos, gs) if _VALUE_ASIDE_RE.fullmatch(t, gs, ge) else None
            if named:
                gs = named.start()
            if named or _ASIDE_RE.match(t, gs):
                if gs > pos:
                    out.append((pos, gs, ""))
                out.append((gs, ge, ""))
                pos = ge
        if pos < ce or pos == cs:
            out.append((pos, ce, sep))
        elif out:
            out[-1] = (out[-1][0], out[-1][1], sep)
    return out


def _section_year(title: str) -> int | None:
    """The year a heading is about: the one named right before its review or plan word
    (亳州市2024年政府工作报告(2023年回顾) -> 2023), else the first."""
    m = re.search(r"((?:19|20)\d{2})年(?:工作)?(?:回顾|完成情况|执行情况|主要目标|目标任务|工作安排|计划|预期目标)", title)
    return int(m.group(1)) if m else periods.first_year(title)


def _is_bare_heading(t: str, s: int, e: int) -> bool:
    """A short line with no sentence and no number: a heading without an outline marker."""
    line = t[s:e]
    if re.search(r"\d+(?:\.\d+)?(?:%|亿|万|家|户|个)", line):
        return False
    # 产业发展目标; a question headline of a news item (经济增长,目标如何?)
    return (len(line) <= 30 and not re.search(r"[。;,]", line)) or \
        (len(line) <= 16 and line.endswith(("?", "?")) and "。" not in line)


def _classify(doc: Document, block: Block, ref_year: int | None, unknown_as: str) -> None:
    t = doc.t
    column = cl.Mode(cl.COLUMN_MODE[block.cell.role], block.cell.header, "column") \
        if block.cell is not None and block.cell.role in cl.COLUMN_MODE else cl.UNDECIDED
    section = next((s.mode for s in reversed(block.sections) if s.mode.cls), cl.UNDECIDED)
    if not section.cls and doc.kind == "news":
        # a news item whose headline celebrates results (高质量发展开启新篇章, 取得新成效) reports
        # them; a headline naming goals says less (a news item on goals reviews the year too)
        headline = cl.section_mode(doc.title)
        if headline.cls == cl.ACTUAL:
            section = cl.Mode(cl.ACTUAL, headline.cue, "headline")
    # a text of unknown kind: a single sentence reads as the caller expects; a longer text is read
    # like a mixed document (weak cues), falling back to the caller's expectation
    single = doc.kind == "unknown" and doc.t.count("。") <= 1 and doc.t.strip().count("\n") == 0
    default = cl.DOCUMENT_DEFAULT.get(doc.kind) or (unknown_as if single else None)
    fallback = unknown_as if doc.kind == "unknown" else cl.ACTUAL
    year_ref = block.section_year or ref_year
    block_weak = cl.UNDECIDED     # the paragraph's last weak decision, for a clause with no cue at all
    for ss, se in tc.sentences(t, block.start, block.end):
        sentence = Sentence(ss, se)
        carried = cl.UNDECIDED
        carried_year = cl.UNDECIDED
        carried_weak = cl.UNDECIDED       # 实施…工程,疏浚农村河道160条: the sentence's plan verb covers it
        part = _WeakPart()                # the clauses up to the next ; that the weak cues decided
        for cs, ce, sep in _with_target_asides(t, tc.clauses(t, ss, se)):
            strong = cl.strong_cue(t, cs, ce, block.protected)
            aside = _ASIDE_RE.match(t, cs) if not strong.cls else None
            if aside:
                strong = cl.Mode(cl.TARGET, aside.group()[1:], "clause")   # (上饶下达任务325亿元)
            year = cl.year_mode(t, cs, ce, year_ref, block.protected)
            if column.cls:
                mode = strong if strong.cls and strong.cls != column.cls else column
            elif strong.cls:
                mode = strong
            elif carried.cls:
                mode = cl.Mode(carried.cls, carried.cue, "sentence")
            elif year.cls:
                mode = year
            elif carried_year.cls:
                mode = cl.Mode(carried_year.cls, carried_year.cue, "sentence")
            elif block.mode.cls:
                mode = block.mode
            elif section.cls:
                mode = section
            elif default:
                mode = cl.Mode(default, doc.kind, "document")
            else:
                mode = cl.weak_cue(t, cs, ce, fallback=fallback, kind=doc.kind)
                part.note(len(sentence.clauses), t, cs, ce)
                if carried_weak.cls and (mode.source == "document" or carried_weak.cls == cl.TARGET):
                    # a mixed document's sentence is read one way: the first weak cue decides
                    mode = cl.Mode(carried_weak.cls, carried_weak.cue, "sentence")
                elif mode.source == "clause":
                    carried_weak = block_weak = mode
                elif block_weak.cls:
                    mode = cl.Mode(block_weak.cls, block_weak.cue, "paragraph")
            if strong.cls and not _ASIDE_RE.match(t, cs) and not _RATIO_BASE_RE.match(t, cs) \
                    and not _OWN_CLAUSE_CUE_RE.fullmatch(strong.cue) and not _ASIDE_START_RE.match(t, cs):
                # an aside's cue is its own: '(任务数34亿元)' says nothing of the result after it
                carried = strong
                if strong.cls == cl.ACTUAL and _ELAPSED_RE.fullmatch(strong.cue):
                    # a paragraph that opens on a period gone by reports, in its later sentences
                    # too: '1—8月份,累计完成投资…。…等151个项目开工建设'
                    block_weak = strong
            if year.cls:
                carried_year = year
            if mode.cls == cl.ACTUAL and len(sentence.clauses) not in part.weak:
                part.reported = True
            sentence.clauses.append(Clause(cs, ce, sep, mode))
            if sep == ";":
                block_weak = part.settle(sentence.clauses, block_weak)
                # a goal list's lead ('预期目标是…;申报…6家,…达到30%') reaches over its ; to the 。
                carried = carried if _GOAL_LIST_LEAD_RE.search(carried.cue) else cl.UNDECIDED
                carried_year = carried_weak = cl.UNDECIDED
                part = _WeakPart()
        block_weak = part.settle(sentence.clauses, block_weak)
        block.sentences.append(sentence)


@dataclass
class _WeakPart:
    """The clauses of a mixed document's sentence, up to the next ;, that only the weak cues
    decided. A list of goals binds some values and not others: '农村居民人均可支配收入增长10%,
    城镇调查失业率控制在5.5%以内' is one list of goals, and the bound words only goals use
    (控制在, 以内, 左右: lexicon/cues.csv, goal_bound) make its bare 增长10% a goal too, unless a
    comparison (同比) or a report's cue is in it."""
    weak: list[int] = field(default_factory=list)
    bound: cl.Mode = cl.UNDECIDED
    reported: bool = False        # a comparison, or a clause read as an actual by a stronger rule

    def note(self, index: int, t: str, cs: int, ce: int) -> None:
        self.weak.append(index)
        if cl.cue(cl.ACTUAL, "comparison", t, cs, ce):
            self.reported = True
        elif not self.bound.cls:
            m = cl.cue(cl.TARGET, "goal_bound", t, cs, ce)
            if m:
                self.bound = cl.Mode(cl.TARGET, m.group(), "sentence")

    def settle(self, clauses: list[Clause], block_weak: cl.Mode) -> cl.Mode:
        if not self.bound.cls or self.reported:
            return block_weak
        for i in self.weak:
            if clauses[i].mode.cls == cl.ACTUAL:
                clauses[i].mode = self.bound
        return self.bound if block_weak.cls == cl.ACTUAL else block_weak
