"""Indicator tables: a plan's or a report's table of indicators (计划指标表, 主要指标完成情况表),
one indicator per row, its values in columns named by year and kind.

    指标名称 | 单位 | 2021年完成 | 2022年计划 | 责任部门
             |      | 绝对值 | 增长% | 绝对值 | 增长% |
    研发经费投入增长 | % | - | - | - | 10 | 示范区科技创新局

Each value cell becomes a ``Value``: the indicator's name, the number as written, its unit (the
unit column, or % for a growth column), whether the column plans (计划, 目标, 预期) or reports
(完成, 实际, 预计完成), the year the column names, and the row's responsible unit. The reader
reads each value as the clause it stands for ("研发经费投入增长10%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from orchestration.extract.text.clauses import lines

_NAME_RE = re.compile(r"^(?:指标名称|指标|项目|名称|主要指标|指标项)$")
_UNIT_RE = re.compile(r"^(?:单位|计量单位)$")
_DEPT_RE = re.compile(r"责任|牵头|部门|单位")
_PLAN_RE = re.compile(r"计划|目标|预期|预计目标|任务")
_ACTUAL_RE = re.compile(r"完成|实际|实绩|预计|执行|基期|现状")
_GROWTH_RE = re.compile(r"增长|增速|增幅|同比|±%|%")
_LEVEL_RE = re.compile(r"绝对值|总量|数值|绝对数|规模")


@dataclass(frozen=True)
class Value:
    start: int              # the value cell
    end: int
    row_start: int          # the row
    row_end: int
    name: str               # the indicator's name
    number: str
    unit: str
    growth: bool            # a growth column (增长%)
    plans: bool             # a plan column (计划/目标), else a report column (完成/实际)
    year: int | None
    units: str              # responsible units of the row, as written
    bound: str = ""         # a bound word the cell writes after its number (6左右, 6.5以上)


def _cells(t: str, s: int, e: int) -> list[tuple[int, int]]:
    """Cells of a '|' line, empty ones kept (their position is their column)."""
    out, pos = [], s
    for m in re.finditer(r"\|", t[s:e]):
        out.append((pos, s + m.start()))
        pos = s + m.end()
    out.append((pos, e))
    stripped = []
    for a, b in out:
        while a < b and t[a].isspace():
            a += 1
        while b > a and t[b - 1].isspace():
            b -= 1
        stripped.append((a, b))
    while stripped and stripped[-1][0] == stripped[-1][1]:
        stripped.pop()
    if stripped and stripped[0][0] == stripped[0][1] and t[s:e].lstrip().startswith("|"):
        stripped.pop(0)                 # '| 指标 | 绝对值 |': the bar that opens the row
    return stripped


@dataclass
class _Column:
    growth: bool | None
    plans: bool | None
    year: int | None


def find_values(t: str) -> list[Value]:
    """The values of every indicator table of the text (offsets into `t`)."""
    out: list[Value] = []
    spans = lines(t)
    i = 0
    while i < len(spans):
        s, e = spans[i]
        spaced = _spaced_header(t, s, e)
        if spaced:
            found, i = _spaced_rows(t, spans, i, spaced)
            out.extend(found)
            continue
        unit_columns = _unit_header(t, s, e)
        if unit_columns:
            found, i = _unit_rows(t, spans, i, unit_columns)
            out.extend(found)
            continue
        cells = _cells(t, s, e) if "|" in t[s:e] else []
        texts = [t[a:b] for a, b in cells]
        if len(texts) >= 3 and _NAME_RE.match(texts[0]) and any(
                _PLAN_RE.search(x) or _ACTUAL_RE.search(x) for x in texts[1:]):
            columns, unit_col, dept_col, i = _header(t, spans, i, texts)
            while i < len(spans):
                s, e = spans[i]
                if "|" not in t[s:e]:
                    break
                out.extend(_row(t, s, e, columns, unit_col, dept_col))
                i += 1
            continue
        if len(texts) >= 3 and _NAME_RE.match(texts[0]) and _report_header(texts):
            # '| 指标 | 绝对值 | 增速(%) |': a release's table, its columns a level and a growth rate
            unit_col = next((k for k, x in enumerate(texts) if _UNIT_RE.match(x)), None)
            columns = {k: _Column(bool(_GROWTH_RE.search(x)) and not _LEVEL_RE.search(x), False, None)
                       for k, x in enumerate(texts) if k and k != unit_col}
            i += 1
            while i < len(spans):
                s, e = spans[i]
                if "|" not in t[s:e]:
                    break
                out.extend(_row(t, s, e, columns, unit_col, None))
                i += 1
            continue
        i += 1
    return out


def _report_header(texts: list[str]) -> bool:
    """A header whose value columns only name a level or a growth rate (绝对值, 增速(%)): no plan
    column, no year column, at least one growth or level column."""
    values = [x for x in texts[1:] if x and not _UNIT_RE.match(x)]
    return bool(values) and all((_LEVEL_RE.search(x) or _GROWTH_RE.search(x)) and not _PLAN_RE.search(x)
                                and not re.search(r"(?:19|20)\d{2}", x) for x in values)


# A statistical bulletin's table copied as plain text, its cells run together or split by spaces:
#     单位:亿元
#     指    标 绝对数 比上年增长(%)
#     生产总值 414.9 7.4
# The header names the columns by their kind only (a level, a growth rate); the unit is on a line
# of its own above it; the rows are a name and one number per column. A bulletin reports, so the
# columns are report columns of the document's year.
_SPACED_HEAD_RE = re.compile(r"指\s*标(?:名\s*称)?\s*((?:(?:绝对数|绝对值|总量|数值|(?:比上年(?:同期)?)?(?:增长|增速)"
                             r"(?:\(%\)|%)?|同比(?:增长)?(?:\(%\)|%)?)\s*){2,4})$")
_SPACED_COLUMN_RE = re.compile(r"绝对数|绝对值|总量|数值|(?:比上年(?:同期)?)?(?:增长|增速)(?:\(%\)|%)?|同比(?:增长)?(?:\(%\)|%)?")
_SPACED_ROW_RE = re.compile(r"([\u4e00-\u9fa5、()]{2,24}?)\s*(-?\d+(?:\.\d+)?(?:\s+-?\d+(?:\.\d+)?)+)")
_UNIT_LINE_RE = re.compile(r"单位[::]\s*(万亿元|亿元|万元|元|万人|人|家|个|户|%)\s*$")


def _spaced_header(t: str, s: int, e: int) -> list[_Column] | None:
    m = _SPACED_HEAD_RE.fullmatch(t, s, e)
    if not m:
        return None
    return [_Column(growth=bool(_GROWTH_RE.search(x)) and not _LEVEL_RE.search(x), plans=False, year=None)
            for x in _SPACED_COLUMN_RE.findall(m.group(1))]


def _spaced_rows(t: str, spans, i: int, columns: list[_Column]) -> tuple[list[Value], int]:
    """The rows under a plain-text bulletin header at line `i`; the line after the last row."""
    unit = ""
    for s, e in spans[max(0, i - 3):i]:
        um = _UNIT_LINE_RE.search(t, s, e)
        if um:
            unit = um.group(1)
    out: list[Value] = []
    i += 1
    while i < len(spans):
        s, e = spans[i]
        m = _SPACED_ROW_RE.fullmatch(t, s, e)
        numbers = list(re.finditer(r"-?\d+(?:\.\d+)?", t[m.start(2):m.end(2)])) if m else []
        if not m or len(numbers) != len(columns):
            break
        for col, n in zip(columns, numbers):
            a, b = m.start(2) + n.start(), m.start(2) + n.end()
            out.append(Value(a, b, s, e, m.group(1), n.group(), "%" if col.growth else unit, bool(col.growth),
                             False, None, ""))
        i += 1
    return out, i


# A monthly release's table as plain text with a unit column, a value missing written as '-':
#     指标名称 单位 1-9月 同比增长(%)
#     地区生产总值 亿元 234.5 6.1
#     规上工业增加值 - - 8.2
_UNIT_COLUMN_RE = r"(?:绝对数|绝对值|总量|数值|累计(?:值|数)?|1\s?[-—~]\s?\d{1,2}月(?:份)?|(?:比上年(?:同期)?)?(?:增长|增速)(?:\(%\)|%)?|同比(?:增长|增速)?(?:\(%\)|%)?)"
_UNIT_HEAD_RE = re.compile(r"指\s*标(?:名\s*称)?\s*(?:计量)?单\s*位\s*((?:" + _UNIT_COLUMN_RE + r"\s*){1,4})")
_UNIT_ROW_RE = re.compile(r"([\u4e00-\u9fa5、()]{2,24}?)\s*(万亿元|亿元|万元|元|%|户|家|个|-|—)\s*"
                          r"((?:(?:-?\d+(?:\.\d+)?|-|—)\s*)+)")


def _unit_header(t: str, s: int, e: int) -> list[_Column] | None:
    m = _UNIT_HEAD_RE.fullmatch(t, s, e)
    if not m:
        return None
    return [_Column(growth=bool(_GROWTH_RE.search(x)) and not _LEVEL_RE.search(x), plans=False, year=None)
            for x in re.findall(_UNIT_COLUMN_RE, m.group(1))]


def _unit_rows(t: str, spans, i: int, columns: list[_Column]) -> tuple[list[Value], int]:
    """The rows under a header with a unit column at line `i`; the line after the last row."""
    out: list[Value] = []
    i += 1
    while i < len(spans):
        s, e = spans[i]
        m = _UNIT_ROW_RE.fullmatch(t, s, e)
        cells = list(re.finditer(r"-?\d+(?:\.\d+)?|(?<![\d.])[-—](?![\d])", t[m.start(3):m.end(3)])) if m else []
        if not m or len(cells) != len(columns):
            break
        unit = "" if m.group(2) in ("-", "—") else m.group(2)
        for col, n in zip(columns, cells):
            if not re.fullmatch(r"-?\d+(?:\.\d+)?", n.group()):
                continue
            a, b = m.start(3) + n.start(), m.start(3) + n.end()
            out.append(Value(a, b, s, e, m.group(1), n.group(), "%" if col.growth else unit, bool(col.growth),
                             False, None, ""))
        i += 1
    return out, i


def _header(t: str, spans, i: int, texts: list[str]):
    """Columns of the header (and of a sub-header that splits its year columns)."""
    unit_col = next((k for k, x in enumerate(texts) if _UNIT_RE.match(x)), None)
    groups = [(k, x) for k, x in enumerate(texts) if k and k != unit_col and (_PLAN_RE.search(x) or _ACTUAL_RE.search(x))
              and not _DEPT_RE.search(x)]
    dept_col = next((k for k, x in enumerate(texts) if _DEPT_RE.search(x) and k not in dict(groups)
                     and k != unit_col), None)
    first = min(k for k, _ in groups)
    sub: list[str] = []
    if i + 1 < len(spans):
        s, e = spans[i + 1]
        nxt = [t[a:b] for a, b in _cells(t, s, e)] if "|" in t[s:e] else []
        if nxt and all(_GROWTH_RE.search(x) or _LEVEL_RE.search(x) for x in nxt if x):
            sub = [x for x in nxt if x]
    columns: dict[int, _Column] = {}
    if sub and len(sub) % len(groups) == 0:
        per = len(sub) // len(groups)
        for g, (_, head) in enumerate(groups):
            for j in range(per):
                label = sub[g * per + j]
                columns[first + g * per + j] = _column(head, label)
        shift = len(sub) - len(groups)
        if dept_col is not None and dept_col > first:
            dept_col += shift
        return columns, unit_col, dept_col, i + 2
    for k, head in groups:
        columns[k] = _column(head, head)
    return columns, unit_col, dept_col, i + 1


def _column(head: str, label: str) -> _Column:
    m = re.search(r"((?:19|20)\d{2})年?", head)
    plans = bool(_PLAN_RE.search(head)) and not re.search(r"完成|实际", head)
    growth = bool(_GROWTH_RE.search(label)) and not _LEVEL_RE.search(label)
    return _Column(growth, plans, int(m.group(1)) if m else None)


_NAME_UNIT_RE = re.compile(r"\((万亿元|亿元|万元|家|户|个|%)\)$")


def _row(t: str, s: int, e: int, columns: dict[int, _Column], unit_col, dept_col) -> list[Value]:
    cells = _cells(t, s, e)
    if len(cells) < 2 or not cells[0][1] > cells[0][0]:
        return []
    name = t[cells[0][0]:cells[0][1]]
    if re.match(r"^[一二三四五六七八九十]+、", name):
        return []                       # a category row (一、创新驱动)
    unit = t[slice(*cells[unit_col])] if unit_col is not None and unit_col < len(cells) else ""
    named_unit = _NAME_UNIT_RE.search(name)
    if not unit and named_unit:           # 地区生产总值(亿元)
        unit, name = named_unit.group(1), name[:named_unit.start()]
    units = t[slice(*cells[dept_col])] if dept_col is not None and dept_col < len(cells) else ""
    out = []
    for k, col in columns.items():
        if k >= len(cells):
            continue
        a, b = cells[k]
        m = _CELL_RE.fullmatch(t[a:b])
        if not m:
            continue
        own_unit = m.group("unit") or ""
        growth = bool(col.growth) and own_unit in ("", "%")
        out.append(Value(a, b, s, e, name, m.group("n"), own_unit or ("%" if growth else unit), growth,
                         bool(col.plans), col.year, units, m.group("bound") or ""))
    return out


# a value cell: a number, with the unit and the bound word a plan writes beside it (2.7万人以上, 6左右)
_CELL_RE = re.compile(r"(?P<n>-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>万人|万元|亿元|万户|人|家|个|户|%)?"
                      r"(?P<bound>以上|左右|以内|以下)?")
