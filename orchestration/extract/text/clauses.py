"""Document structure: lines, outline headings, sentences and clauses (never split inside brackets
or quotes), responsibility notes (责任单位), and the spans whose digits are names, not values.

Everything works on normalised text (see ``normalise``); offsets are offsets into it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"(": ")", "“": "”", "《": "》", "〔": "〕", "[": "]", "【": "】", "‘": "’", "「": "」"}
CLOSERS = {v: k for k, v in OPENERS.items()}
_ANY_BRACKET = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")

SENTENCE_END = "。!?"
CLAUSE_END = ",;"


def lines(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, trailing blanks excluded."""
    end = len(text) if end is None else end
    out, pos = [], start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        s, e = pos, stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
        if nl == -1:
            break
        pos = nl + 1
    return out


def depth_map(text: str, start: int, end: int) -> list[int]:
    """Bracket/quote nesting depth of each character of text[start:end] (brackets included)."""
    if not _ANY_BRACKET.search(text, start, end):
        return [0] * (end - start)
    depth, stack, out = 0, [], []
    for i in range(start, end):
        ch = text[i]
        if ch in OPENERS and not (ch == "‘" and stack and stack[-1][0] == "‘"):
            stack.append((ch, len(out)))
            depth += 1
            out.append(depth)
        elif ch in CLOSERS and stack and stack[-1][0] == CLOSERS[ch]:
            out.append(depth)
            stack.pop()
            depth -= 1
        else:
            out.append(depth)
    # An opener never closed on this stretch (a stray bracket) would swallow the rest: undo it.
    for _, pos in reversed(stack):
        for j in range(pos, len(out)):
            out[j] -= 1
    return out


def split_spans(text: str, start: int, end: int, seps: str) -> list[tuple[int, int, str]]:
    """Split text[start:end] after each depth-0 separator; returns (start, end, separator)."""
    if not any(text.find(s, start, end) >= 0 for s in seps):
        return [(start, end, "")] if start < end else []
    depth = depth_map(text, start, end)
    out, s = [], start
    for i in range(start, end):
        if text[i] in seps and depth[i - start] == 0:
            if text[i] == "," and _thousands(text, i):
                continue
            out.append((s, i + 1, text[i]))
            s = i + 1
    if s < end:
        out.append((s, end, ""))
    return out


def _thousands(text: str, i: int) -> bool:
    """A comma inside a number (1,200亿元) separates no clauses."""
    return i > 0 and text[i - 1].isdigit() and bool(re.match(r"\d{3}(?!\d)", text[i + 1:i + 5]))


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of one line (the 。 is included)."""
    out = []
    for s, e, _ in split_spans(text, start, end, SENTENCE_END):
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            out.append((s, e))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Clause spans of one sentence: (start, end without the separator, separator)."""
    out = []
    for s, e, sep in split_spans(text, start, end, CLAUSE_END + SENTENCE_END):
        if sep:
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        out.append((s, e, sep))
    return out


# --------------------------------------------------------------------------------------------
# Headings

HEADING_RE = re.compile(
    r"\s*(?:(?P<l1>[一二三四五六七八九十]+)、|\((?P<l2>[一二三四五六七八九十]+)\)|"
    r"(?P<l3>\d{1,2})[.、](?!\d)|(?P<l4>--|■|●|◆|▲|★|※))"
)


@dataclass(frozen=True)
class Heading:
    level: int
    title: str


def heading(text: str, start: int, end: int) -> Heading | None:
    """The outline marker of the line at text[start:end] and its title (up to the first 。)."""
    m = HEADING_RE.match(text, start, end)
    if not m:
        return None
    level = next(i for i, g in enumerate(("l1", "l2", "l3", "l4"), start=1) if m.group(g))
    body = text[m.end():end]
    title = re.split(r"[。!?]", body, maxsplit=1)[0].strip()
    return Heading(level, title)


# --------------------------------------------------------------------------------------------
# Responsibility notes

_NOTE_WORDS = re.compile(r"责任单位|牵头单位|配合单位|按职责|负责|责任主体")


@dataclass(frozen=True)
class Note:
    start: int
    end: int
    units: str


def paren_groups(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each outermost (...) group in text[start:end], parentheses included."""
    out, depth, open_at = [], 0, -1
    for i in range(start, end):
        ch = text[i]
        if ch == "(":
            if depth == 0:
                open_at = i
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
            if depth == 0:
                out.append((open_at, i + 1))
    return out


def find_notes(text: str, start: int, end: int) -> list[Note]:
    """The responsibility notes of a line, e.g. '(市经济和信息化局、市科技局按职责分工负责)'."""
    notes = []
    if text.find("(", start, end) < 0:
        return notes
    for s, e in paren_groups(text, start, end):
        inner = text[s + 1:e - 1]
        if len(inner) < 3 or not _NOTE_WORDS.search(inner):
            continue
        # A note closes its sentence: it sits after a 。 (or ends the line).
        before = text[start:s].rstrip()
        after = text[e:end].strip()
        if before and before[-1] not in "。;" and after and not after.startswith("。"):
            continue
        notes.append(Note(s, e, parse_units(inner)))
    return notes


_STANDING_RE = re.compile(r"责任主体|下同")
_LEAD_RE = re.compile(r"牵头单位[::]\s*(.*?)(?:[,;。]\s*[\u4e00-\u9fa5]{2,4}单位[::]|$)")
_RESP_RE = re.compile(r"(?:责任单位|责任部门|牵头部门)[::]\s*(.*)")
_TAIL_RE = re.compile(r"(?:按照?职责(?:分工)?|分别|共同)?(?:牵头)?(?:负责|落实)$")


def parse_units(inner: str) -> str:
    """Departments of a note, ';'-joined: only the 牵头单位 when 配合单位 are also named, and
    never the standing clause '各县区人民政府…为责任主体,下同'."""
    parts = [p for p in re.split(r";", inner) if p.strip() and not _STANDING_RE.search(p)]
    body = ";".join(parts).strip()
    m = _LEAD_RE.search(body)
    if m:
        body = m.group(1)
    else:
        m = _RESP_RE.search(body)
        if m:
            body = m.group(1)
        elif not _TAIL_RE.search(body.strip()):
            return ""
    body = _TAIL_RE.sub("", body.strip()).strip()
    return split_units(body)


def split_units(body: str) -> str:
    """'市经信局、市科技局' -> '市经信局;市科技局' ('各市、县人民政府' stays one unit)."""
    items = [re.sub(r"\s+", "", x) for x in re.split(r"[、,;/]", body)]
    items = [re.sub(r"等$", "", x) for x in items if x]
    merged: list[str] = []
    pending = ""
    for item in items:
        if re.fullmatch(r"各[市县区]", item) or len(item) <= 1:
            pending += item + "、"
            continue
        merged.append(pending + item)
        pending = ""
    if pending:
        merged.append(pending.rstrip("、"))
    return ";".join(merged)


# --------------------------------------------------------------------------------------------
# Protected spans: digits inside them are names, not values

_QUOTE_RE = re.compile(r"“[^“”\n]{0,40}”|\"[^\"\n]{0,40}\"|《[^《》\n]{0,120}》|〔[^〕\n]{0,10}〕|\[\d{4}\]\d+号")
# A quoted goal stays readable: “安徽争五强、全国进百强”目标, “百亿级”渔网具产业.
# (强 as a rank, 五强/百强; not a programme's name, “七个强县”)
_TRANSPARENT_RE = re.compile(r"^[“\"](?:[^“”\"]*(?:(?<!个)强(?![县市区省镇村])|前\d+|亿级|亿元级)[^“”\"]*)[”\"]$")
# A quoted statement is read, not a name: a news item quotes a goal or a result as said
# (提出“全年地区生产总值增长7%以上”, 表示“新增规上企业30家”): a quantity of money, percent or count
# with a verb of change or a bound word. Names carry numbers without either (“十四五”, “1+6+N”, “双百工程”).
_STATEMENT_RE = re.compile(r"(?:增长|增速|提高|提升|下降|达到?|突破|超过|实现|完成|新增|力争|确保|保持|占比?|以上|左右)"
                           r"[^“”\"]{0,12}?\d+(?:\.\d+)?\s?(?:%|个百分点|万亿元|亿元|万元|亿|家|户|个)"
                           r"|\d+(?:\.\d+)?\s?(?:%|个百分点|万亿元|亿元|万元)(?:以上|左右)")
_DOC_NUMBER_RE = re.compile(r"[〔\[(]\d{4}[〕\])]\s?\d+号|\d+号文")


def protected_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTE_RE.finditer(text, start, end):
        s, e = m.span()
        if _TRANSPARENT_RE.match(m.group()) or text.startswith("目标", e) or \
                (m.group()[0] in "“\"" and _STATEMENT_RE.search(m.group())):
            continue
        out.append((s, e))
    # Document numbers: 皖政办秘〔2024〕56号, 合发[2017]23号.
    for m in _DOC_NUMBER_RE.finditer(text, start, end):
        out.append(m.span())
    return out
