"""Document structure for the target extractor (pure stdlib).

Everything works on the output of ``numbers.to_halfwidth``, which maps one character to one
character, so every offset found here is an offset into the original text.

- ``lines``: the document's lines with their offsets.
- ``heading``: the outline marker of a line (一、 / (一) / 1.) and its title.
- ``find_notes`` / ``parse_units``: the ``(责任单位:…)`` / ``(牵头单位:…,配合单位:…)`` /
  ``(…按职责分工负责)`` notes and the departments they name.
- ``sentences`` / ``clauses``: sentence (。!?) and clause (, ;) spans, never splitting inside
  brackets or quotes.
- ``protected_spans``: quoted programme names, book titles and document numbers, whose digits are
  names, not values.
- ``infer_*``: issuing region, document year, the year of an annual work plan and the scope an
  abbreviation gives the whole document (以下简称“集群”).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from orchestration import reference

OPENERS = {"(": ")", "“": "”", "《": "》", "〔": "〕", "[": "]", "【": "】", "‘": "’", "「": "」"}
CLOSERS = {v: k for k, v in OPENERS.items()}

SENTENCE_END = "。!?"
CLAUSE_END = ",;"


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, end excluding the newline and trailing blanks."""
    out, pos = [], 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def depth_map(text: str, start: int, end: int) -> list[int]:
    """Bracket/quote nesting depth of each character of text[start:end] (brackets included)."""
    depth, stack, out = 0, [], []
    # Closers that never close anything must not underflow; unclosed openers are undone below.
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

_HEADING_RE = re.compile(
    r"\s*(?:(?P<l1>[一二三四五六七八九十]+)、|\((?P<l2>[一二三四五六七八九十]+)\)|"
    r"(?P<l3>\d{1,2})[.、](?!\d)|(?P<l4>——))"
)


@dataclass
class Heading:
    level: int
    title: str


def heading(text: str, start: int, end: int) -> Heading | None:
    """The outline marker of the line at text[start:end] and its title (up to the first 。)."""
    m = _HEADING_RE.match(text, start, end)
    if not m:
        return None
    level = next(i for i, g in enumerate(("l1", "l2", "l3", "l4"), start=1) if m.group(g))
    body = text[m.end():end]
    title = re.split(r"[。!?]", body, maxsplit=1)[0].strip()
    return Heading(level, title)


GOALS_TITLE_RE = re.compile(r"(工作|发展|主要|总体|预期|奋斗)?目标(任务)?$|^(目标|主要目标|发展目标)")


# --------------------------------------------------------------------------------------------
# Responsibility notes

_NOTE_WORDS = re.compile(r"责任单位|牵头单位|配合单位|按职责|负责|负贵|责任主体")


@dataclass
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
_RESP_RE = re.compile(r"责任单位[::]\s*(.*)")
_TAIL_RE = re.compile(r"(?:按照?职责(?:分工)?|分别|共同)?(?:牵头)?(?:负[责贵]|落实)$")


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
    items = [re.sub(r"\s+", "", x) for x in re.split(r"[、,;]", body)]
    items = [re.sub(r"等$", "", x) for x in items if x]
    merged: list[str] = []
    pending = ""
    for item in items:
        # '各市、县人民政府' is one unit: a bare 各市 / 各县 is the first half of a pair.
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

_QUOTE_RE = re.compile(r"“[^“”\n]{0,40}”|\"[^\"\n]{0,40}\"|《[^《》\n]{0,120}》|〔[^〕\n]{0,10}〕")
# A quoted goal stays readable: “安徽争五强、全国进百强”目标, “百亿级”渔网具产业.
_TRANSPARENT_RE = re.compile(r"^[“\"](?:[^“”\"]*(?:强|前\d+|亿级|亿元级)[^“”\"]*)[”\"]$")


def protected_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    for m in _QUOTE_RE.finditer(text, start, end):
        s, e = m.span()
        if _TRANSPARENT_RE.match(m.group()) or text.startswith("目标", e):
            continue
        out.append((s, e))
    # Document numbers: 皖政办秘〔2024〕56号, 合发〔2017〕23号.
    for m in re.finditer(r"〔\d{4}〕\d+号|\d+号文", text[start:end]):
        out.append((start + m.start(), start + m.end()))
    return out


# --------------------------------------------------------------------------------------------
# Regions

@lru_cache(maxsize=1)
def _region_table() -> tuple[dict[str, dict[str, str]], re.Pattern | None]:
    """name/alias -> region row, and one regex over all names and aliases (longest first)."""
    try:
        rows = reference.regions()
    except (OSError, KeyError):
        return {}, None
    by_name: dict[str, dict[str, str]] = {}
    for row in rows:
        names = [row.get("region_name", ""), *filter(None, row.get("aliases", "").split("|"))]
        for name in names:
            name = name.strip()
            if name and not name.isdigit():
                by_name.setdefault(name, row)
    # Single-character or generic names would match everywhere.
    names = sorted((n for n in by_name if len(n) >= 2), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, names))) if names else None
    return by_name, pattern


def region_row(name: str) -> dict[str, str] | None:
    return _region_table()[0].get(name)


def region_matches(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    pattern = _region_table()[1]
    if pattern is None:
        return []
    return list(pattern.finditer(text, start, len(text) if end is None else end))


def canonical_region(name: str) -> str:
    """The official name of a known alias (宿州 -> 宿州市); unknown names unchanged."""
    row = region_row(name)
    if row and row.get("level") != "group":
        return row["region_name"]
    return name


def region_code(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return reference.region_code(name)
    except (OSError, KeyError):
        return None


_GENERIC_REGION_RE = re.compile(r"^(全|本|我|各|每|该)")


def region_level(name: str | None, issuing_level: str | None = None) -> str | None:
    """Level of a subject: the reference level, with generic groups recorded as county (as the
    labelling conventions do); from the suffix when the region is unknown."""
    if not name:
        return None
    row = region_row(name)
    if row:
        level = row.get("level") or None
        return "county" if level == "group" else level
    if re.search(r"(开发区|经开区|高新区|园区|新区|科学城|新城|产业园)$", name):
        return "park"
    if _GENERIC_REGION_RE.match(name) or name.endswith("县域"):
        return "county"
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith("市"):
        return "county" if issuing_level in ("city", "county") else "city"
    if name.endswith(("县", "区", "旗")):
        return "county"
    return None


# --------------------------------------------------------------------------------------------
# Document metadata

_TITLE_WORDS = re.compile(r"关于|方案|意见|计划|要点|通知|办法|规划|措施|纲要|人民政府|办公室|办公厅|委员会|领导小组|来源")
_DATE_LINE_RE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$")
_ANNUAL_RE = re.compile(
    r"(?<![-—~至\d])(\d{4})年度?[^,;。:\n()“”]{0,20}?(?:工作要点|工作计划|重点工作|工作任务|工作安排|推进计划|行动计划|实施计划)")


def infer_region(text: str) -> str | None:
    """The issuing region: the most specific known region in a title or issuer line near the top
    (or the source line at the bottom); else the most frequent one in the text."""
    spans = lines(text)
    candidates = spans[:1] + [sp for sp in spans[1:15] if _TITLE_WORDS.search(text[sp[0]:sp[1]])]
    candidates += [sp for sp in spans[-5:] if _TITLE_WORDS.search(text[sp[0]:sp[1]])]
    for s, e in candidates:
        cited = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", text[s:e])]
        found = [m for m in region_matches(text, s, min(e, s + 60))
                 if not any(a <= m.start() - s < b for a, b in cited) and not _GENERIC_REGION_RE.match(m.group())]
        if found:
            # The first region named; '安徽省宿州市发改委' names the city inside its province.
            best = found[0]
            for m in found[1:]:
                if m.start() != best.end():
                    break
                best = m
            return canonical_region(best.group())
    for s, e in candidates:
        m = re.match(r"\s*([\u4e00-\u9fa5]{2,4}?(?:省|市|县|区))(?:人民政府|委|关于|[\u4e00-\u9fa5])", text[s:e])
        if m and not _GENERIC_REGION_RE.match(m.group(1)):
            return m.group(1)
    counts: dict[str, int] = {}
    for m in region_matches(text):
        name = canonical_region(m.group())
        if not _GENERIC_REGION_RE.match(name) and (region_row(name) or {}).get("level") != "group":
            counts[name] = counts.get(name, 0) + 1
    if counts:
        return max(counts, key=lambda k: counts[k])
    return None


def infer_doc_year(text: str) -> int | None:
    """The year of the signature date line (2023年2月8日), else of a dated title or any date."""
    years = [int(m.group(1)) for s, e in lines(text)
             if (m := _DATE_LINE_RE.match(text[s:e]))]
    if years:
        return years[-1]
    annual = infer_annual_year(text)
    if annual:
        return annual
    m = re.search(r"(20\d{2})年\d{1,2}月\d{1,2}日", text)
    if m and "今天是" not in text[max(0, m.start() - 5):m.start()]:
        return int(m.group(1))
    return None


def infer_annual_year(text: str) -> int | None:
    """The year of an annual work plan ('2023年工作要点'), found in its first lines."""
    head = text[:1500]
    m = _ANNUAL_RE.search(head)
    return int(m.group(1)) if m else None


_PLAN_SPAN_RE = re.compile(r"(\d{4})\s*[-—~至到]\s*(\d{4})年")


def infer_plan_end_year(text: str) -> int | None:
    """The last year of a multi-year plan named in its title, '三年行动方案(2024—2026年)'."""
    for s, e in lines(text)[:2]:
        title = re.sub(r"《[^》]*》", "", text[s:e])
        m = _PLAN_SPAN_RE.search(title)
        if m and 0 < int(m.group(2)) - int(m.group(1)) <= 10:
            return int(m.group(2))
    return None


_ABBREV_RE = re.compile(r"([\u4e00-\u9fa5]{2,20}?)(?:\([^()]{1,8}\))?\(以下简称[“\"]([^”\"]{1,8})[”\"]\)")


def infer_scope(text: str) -> tuple[str, str] | None:
    """A scope the document declares for its short word, e.g. 县域特色产业集群(基地)(以下简称“集群”)
    -> ('县域特色产业集群', '集群'); only industry scopes count."""
    for m in _ABBREV_RE.finditer(text[:5000]):
        full, short = m.group(1), m.group(2)
        full = re.sub(r"^.*(关于|发展|推进|加快|培育|促进|支持|推动|实施)", "", full)
        if re.search(r"产业|集群|制造业", full) and short in full + "集群产业":
            return full, short
    return None
