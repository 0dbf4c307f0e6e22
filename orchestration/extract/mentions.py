"""Every number of a document, classified: target, actual or neither, with the reason.

A number is a *target* or an *actual* when a row of that reader stands on it (the row's reason
is the cue that decided its clause). Every other number is *neither*, and says what it is:
an item number, a date or time frame, a document number, a rank, a subsidy, a threshold, a set
size, a task count, a capacity, a baseline, a completion ratio, or a value the readers could not
place (a target clause's number that names no target, an actual with no catalog metric).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from orchestration.extract import classify as cl
from orchestration.extract.layout import Block
from orchestration.extract.target_values import GAP_BEFORE, RATIO_BEFORE

CN = "零〇一二两三四五六七八九十百千万亿"
_UNIT = r"(?:万亿|亿|万|千)?(?:个百分点|百分点|元|美元|%|家|户|个|项|台|套|场|次|支|条|名|人|件|座|所|款|种|位|处|部|倍|番|大|强|亩|吨|公里|平方米|千瓦)?"
MENTION_RE = re.compile(
    rf"(?<![\d.A-Za-z])\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s?[-~至到]\s?\d+(?:\.\d+)?)?{_UNIT}"
    rf"|(?<![{CN}])[{CN}]+(?:[-~至到][{CN}]+)?(?=万亿|亿|万|千|个|家|户|项|大|倍|番|强|台|条|名|座|所|种|批次|%)"
    rf"(?:万亿|亿|万|千)?(?:元|个|家|户|项|大|倍|番|强|台|条|名|座|所|种)?"
)
# Chinese numerals that are words, not quantities.
_WORD_NUMERALS = re.compile(r"^(?:一)(?:个|家|项|大|批|系列)$|^万$|^千$|^亿$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    cls: str       # target | actual | neither
    reason: str


# What a number is when no reader stands on it, first match wins: (pattern before, pattern after, reason).
_NEITHER_RULES: list[tuple[str | None, str | None, str]] = [
    (r"(?:^|\n)\s*\(?$", r"^[.、)]", "item number"),
    (r"第$", r"^(?:位|名|批|次|届|期|一|二|三)?", "rank or ordinal"),
    (r"(?:居|位居|位列|排名|排|列)(?:全国|全省|全市|全区|中部|长三角|同类)?(?:第|前)?$", None, "rank or ordinal"),
    (r"(?:奖励|补助|补贴|奖补|资助|贴息|给予|最高|一次性|不超过|减免|返还)[^,;。]{0,12}$", None, "reward or subsidy"),
    (None, r"^(?:以上|以下|及以上)?的?(?:企业|项目|工业企业|规模|重点项目|制造业项目|产业项目|技改项目)", "threshold (qualifies a noun)"),
    (r"(?:超|总投资|投资|规模|年营业收入|主营业务收入)$", r"^(?:以上)?的", "threshold (qualifies a noun)"),
    (None, r"^(?:项|条)?(?:重点|主要)?(?:任务|措施|举措|工作|事项|政策|意见|改革)", "task count"),
    (None, r"^(?:大|个)?(?:产业|行业|领域|板块|工程|行动|集群|基地|中心|任务|方面|类)(?:$|[,;。、和及])", "set size"),
    (r"(?:年产|年加工|年处理|产能|装机)$", None, "capacity"),
    (r"(?:由|从|较|比)$", None, "baseline"),
    (GAP_BEFORE, None, "a gap to a target or an average"),
    (RATIO_BEFORE, r"^%", "completion ratio"),
    (r"完成率$|进度$", None, "completion ratio"),
]

_NEITHER_RULES_RX = [(re.compile(pre) if pre else None, re.compile(post) if post else None, reason)
                     for pre, post, reason in _NEITHER_RULES]     # compiled once: tried for every number


def classify(t: str, blocks: list[Block], targets: list[dict], actuals: list[dict],
             protected: list[tuple[int, int]] | None = None) -> list[Mention]:
    """All number mentions of the laid-out text, in order (offsets into the normalised text)."""
    stands = sorted([(r["value_start"], r["value_end"], cl.TARGET, r.get("reason", "")) for r in targets] +
                    [(r["value_start"], r["value_end"], cl.ACTUAL, r.get("reason", "")) for r in actuals])
    starts = [x[0] for x in stands]
    widest = max((x[1] - x[0] for x in stands), default=0)
    out: list[Mention] = []
    for block in blocks:
        modes = [(c.start, c.end, c.mode) for s in block.sentences for c in s.clauses]
        for m in MENTION_RE.finditer(t, block.start, block.end):
            text = m.group()
            if _WORD_NUMERALS.match(text):
                continue
            s, e = m.span()
            # the rows whose value overlaps the mention: they start before its end, and at most
            # the widest value's width before its start
            lo, hi = bisect.bisect_left(starts, s - widest), bisect.bisect_left(starts, e)
            hit = next((x for x in stands[lo:hi] if x[0] < e and s < x[1]), None)
            if hit:
                out.append(Mention(s, e, text, hit[2], hit[3]))
                continue
            out.append(Mention(s, e, text, cl.NEITHER, _why_neither(t, block, s, e, modes)))
    return out


def _why_neither(t: str, block: Block, s: int, e: int, modes) -> str:
    if any(a <= s < b for a, b in block.protected):
        if re.search(r"[〔\[(]\d{4}[〕\])]", t[max(block.start, s - 1):e + 1]) or t.startswith("号", e):
            return "document number"
        return "part of a quoted name, title or note"
    if block.cell is not None and block.cell.role == "item":
        return "item number"
    if re.match(r"\d{4}年|[〇零一二][〇零一二三四五六七八九]{3}年", t[s:e + 1]) or re.match(r"年|月|日|号", t[e:e + 1]):
        return "date or time frame"
    before, after = t[max(block.start, s - 16):s], t[e:min(block.end, e + 12)]
    for pre, post, reason in _NEITHER_RULES_RX:
        if (pre is None or pre.search(before)) and (post is None or post.search(after)) \
                and (pre is not None or post is not None):
            return reason
    mode = next((mode for a, b, mode in modes if a <= s <= b), cl.UNDECIDED)
    if mode.cls == cl.TARGET:
        return f"in a target clause ({mode.reason}), but names no target the reader can place"
    if mode.cls == cl.ACTUAL:
        return f"in an actual clause ({mode.reason}), but no catalog metric fits"
    return "no target or actual cue"
