"""Tables in text: task-breakdown and responsibility tables (任务分解表, 责任清单, 落实情况汇总表).

Two shapes reach the reader:
- cells on one line, separated by tabs, ``|`` or runs of two or more spaces (what a copied table
  or an HTML table after normalisation looks like), or by single spaces under a 序号 header
  (``single_space_separators``: normalisation makes those tabs);
- one cell per line with a line holding only ``|`` after every cell (what web pages turn tables
  into), so a row is the next N cells, N being the width of the header.

A table is found by its header row: cells such as 序号, 重点任务, 目标, 责任单位, 完成时限, 落实情况.
Each column gets a role; the reader reads a target column as targets, a progress column
(落实情况, 进展情况, 完成情况) as actuals, and takes the responsible units from their own cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.extract.text.clauses import lines

ROLE_RULES: list[tuple[str, re.Pattern]] = [
    ("item", re.compile(r"^(?:序号|编号|序|No\.?)$")),
    ("leader", re.compile(r"领导|负责人|联系人")),
    ("co_unit", re.compile(r"配合单位|协办单位|配合部门|参与单位")),
    ("unit", re.compile(r"责任单位|牵头单位|责任部门|牵头部门|主办单位|承办单位|责任主体|负责单位|实施单位")),
    ("deadline", re.compile(r"时限|期限|时间节点|完成时间|截止时间")),
    ("progress", re.compile(r"落实情况|进展情况|完成情况|推进情况|进展|进度|执行情况|实际完成|完成值|完成数|预计完成|累计完成|"
                            r"\d+-\d+月|\d+月份?完成|截至")),
    ("target", re.compile(r"目标|任务|指标|内容|事项|工作|计划|措施|项目|举措|要求")),
    ("other", re.compile(r"监督|备注|说明|类别|分类|责任|考核")),
]


def column_role(header: str) -> str | None:
    h = re.sub(r"\s+", "", header)
    if not h or len(h) > 16:
        return None
    for role, rx in ROLE_RULES:
        if rx.search(h):
            return role
    return None


@dataclass(frozen=True)
class Cell:
    start: int
    end: int
    role: str          # item | target | progress | unit | co_unit | deadline | leader | other
    header: str


@dataclass
class Row:
    cells: list[Cell] = field(default_factory=list)

    def of_role(self, *roles: str) -> list[Cell]:
        return [c for c in self.cells if c.role in roles]


@dataclass
class Table:
    start: int
    end: int
    header: list[str]
    roles: list[str]
    rows: list[Row] = field(default_factory=list)


_INLINE_SEP = re.compile(r"\t| ?\| ?| {2,}")


def find_tables(t: str) -> list[Table]:
    """Every table of the text with a recognisable header (see the module docstring)."""
    return _stacked_tables(t) + _inline_tables(t)


def _header_roles(cells: list[str]) -> list[str] | None:
    roles = [column_role(c) for c in cells]
    known = [r for r in roles if r]
    # a header names at least two columns, one of which holds the tasks or targets
    if len(known) < 2 or not any(r in ("target", "progress") for r in known) or len(known) < len(cells) - 1:
        return None
    return [r or "other" for r in roles]


def _stacked_tables(t: str) -> list[Table]:
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []   # content lines of the cell being read
    for s, e in lines(t):
        if t[s:e] == "|":
            if pending:
                current.append((pending[0][0], pending[-1][1]))
                pending = []
            continue
        pending.append((s, e))
        if len(pending) > 3:
            # more than three lines without a '|': not a cell, the table (if any) has ended
            if len(current) >= 4:
                groups.append(current)
            current, pending = [], pending[-1:]
    if len(current) >= 4:
        groups.append(current)
    tables = []
    for cells in groups:
        table = _table_from_cells(t, cells)
        if table:
            tables.append(table)
    return tables


def _table_from_cells(t: str, cells: list[tuple[int, int]]) -> Table | None:
    texts = [t[s:e].strip() for s, e in cells]
    width = None
    if texts and column_role(texts[0]) == "item":
        # numbered rows: the header is everything before the first row number
        width = next((i for i, x in enumerate(texts) if re.fullmatch(r"\d{1,3}", x)), None)
    else:
        for w in range(min(8, len(texts)), 1, -1):
            if all(column_role(x) for x in texts[:w]):
                width = w
                break
    if not width or _header_roles(texts[:width]) is None:
        return None
    roles = _header_roles(texts[:width])
    table = Table(cells[0][0], cells[-1][1], texts[:width], roles)
    body = cells[width:]
    numbered = roles[0] == "item"
    i = 0
    while i < len(body):
        if numbered and not re.fullmatch(r"\d{1,3}", t[body[i][0]:body[i][1]].strip()):
            i += 1      # out of step (a cell lost or split): wait for the next row number
            continue
        row = body[i:i + width]
        if numbered:
            # a row ends early where the next row number comes first (a cell left empty)
            for k in range(1, len(row)):
                if re.fullmatch(r"\d{1,3}", t[row[k][0]:row[k][1]].strip()) and \
                        int(t[row[k][0]:row[k][1]]) == int(t[row[0][0]:row[0][1]]) + 1:
                    row = row[:k]
                    break
        table.rows.append(Row([Cell(s, e, roles[k], texts[k]) for k, (s, e) in enumerate(row)]))
        i += len(row)
    return table if table.rows else None


def _inline_tables(t: str) -> list[Table]:
    tables: list[Table] = []
    current: Table | None = None
    for s, e in lines(t):
        parts = _split_inline(t, s, e)
        if current is not None:
            if len(parts) >= 2:
                cells = [Cell(a, b, current.roles[k] if k < len(current.roles) else "other",
                              current.header[k] if k < len(current.header) else "")
                         for k, (a, b) in enumerate(parts)]
                current.rows.append(Row(cells))
                current.end = e
                continue
            tables.append(current)
            current = None
        if len(parts) >= 2:
            roles = _header_roles([t[a:b] for a, b in parts])
            if roles:
                current = Table(s, e, [t[a:b] for a, b in parts], roles)
    if current is not None:
        tables.append(current)
    return [tb for tb in tables if tb.rows]


def _split_inline(t: str, s: int, e: int) -> list[tuple[int, int]]:
    if not _INLINE_SEP.search(t, s, e):
        return []
    out, pos = [], s
    for m in _INLINE_SEP.finditer(t, s, e):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < e:
        out.append((pos, e))
    out = [(a, b) for a, b in out if t[a:b].strip(" |")]
    return out if len(out) >= 2 else []


# --------------------------------------------------------------------------------------------
# Tables whose cells a copy joined with single spaces

_ROW_NUMBER_RE = re.compile(r"\s*\d{1,3} ")


def single_space_separators(text: str, simplify) -> list[int]:
    """Offsets of the spaces that separate cells in a table a page copy joined with single spaces
    ('序号 重点工作任务 牵头责任单位 一季度完成情况', then '1 地区生产总值增长6%以上。 县发改委 …').
    Normalisation drops a space between two Chinese characters (a PDF copy's stray space), which
    would merge such cells; these spaces become tabs instead. A header is a line of three or more
    single-spaced column names that opens on 序号; its rows are the numbered lines after it, and
    only a row's first (width - 1) spaces separate cells (增长 11.9% is one cell's stray space).
    `simplify` turns a header cell into the simplified text the column rules read."""
    out: list[int] = []
    width = 0
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        body = line.strip()
        if width:
            if not body:
                continue
            if _ROW_NUMBER_RE.match(line):
                lead = len(line) - len(line.lstrip())
                spaces = [i for i in range(lead, len(line)) if line[i] == " "]
                out += [start + i for i in spaces[:width - 1]]
                continue
            width = 0
        if 3 <= body.count(" ") + 1 <= 8 and "  " not in body and len(body) <= 80:
            cells = [simplify(c) for c in body.split(" ")]
            roles = _header_roles(cells)
            if roles and roles[0] == "item":
                width = len(cells)
                lead = len(line) - len(line.lstrip())
                out += [start + lead + i for i, ch in enumerate(body) if ch == " "]
    return out
