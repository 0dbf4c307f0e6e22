"""Years and periods: 2024年, 二〇二四年, 今年/明年/去年 (counted from the document's date), 十四五,
1-10月, 一季度, 上半年, 前三季度, 全年, 3-5年 horizons.

Periods follow the warehouse contract: ``Y`` for a full year (or the year end) and ``Mnn`` for a
cumulative January-to-month-nn period (the caller writes ``M01-Mnn``); a single month or quarter
other than the first is ``single``, which no cumulative series can hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.extract.text.numbers import CN_MONTH, month_number, parse_chinese_integer, parse_number

CN = "零〇一二两三四五六七八九十百千"

YEAR_RE = re.compile(
    r"(?P<year>(?:19|20)\d{2}|[二][〇○零][〇○零一二三四五六七八九]{2})\s?年(?P<end>末|底)?"
    r"(?!\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)")

# Relative years and their offset from the document's year.
RELATIVE_YEAR_RE = re.compile(r"今年|本年度?|当年|明年|来年|去年|上一年|上年|前年")
RELATIVE_OFFSET = {"今年": 0, "本年": 0, "本年度": 0, "当年": 0, "明年": 1, "来年": 1, "去年": -1, "上年": -1,
                   "上一年": -1, "前年": -2}

FIVE_YEAR_RE = re.compile(r"十([一二三四五六七])五”?(?:规划)?(期间|时期|以来|末|期末|时期末)?")
HORIZON_RE = re.compile(
    rf"(?P<n>(?:\d+|[{CN}]+)(?:[-~至到](?:\d+|[{CN}]+))?)年(?:的)?(?:努力|时间|左右时间|内|左右)"
)
PLAN_SPAN_RE = re.compile(r"(\d{4})\s*[-~至到]\s*(\d{4})年")


def five_year_end(ordinal_char: str) -> int:
    """十四五 -> 2025, 十三五 -> 2020."""
    return 2005 + 5 * ("一二三四五六七".index(ordinal_char) + 1)


def year_value(raw: str) -> int | None:
    if raw.isdigit():
        return int(raw)
    return parse_chinese_integer(raw.replace("○", "〇"))


PERIOD_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?:(?P<year>\d{4})\s?年)?\s?(?:1|一|01)\s?月?份?\s*(?:-|~|至|到|一)+\s*"
                r"(?P<m>" + CN_MONTH + r")\s?月份?"), "range"),
    (re.compile(r"(?:今年)?前(?P<m>" + CN_MONTH + r"|两)个?月份?"), "range"),
    (re.compile(r"(?:第一|一|1|首)季度|首季|一季"), "q1"),
    (re.compile(r"上半年|1-2季度"), "h1"),
    (re.compile(r"前三季度|前3季度|1-3季度"), "q3"),
    (re.compile(r"(?:第[二三四]|[二三四234])季度|下半年"), "single"),
    (re.compile(r"(?P<m>" + CN_MONTH + r")月(?P<end>末|底)"), "month_end"),
    (re.compile(r"(?P<m>" + CN_MONTH + r")月份?(?![\d日号])"), "month"),
]


@dataclass
class Token:
    kind: str
    start: int
    end: int
    attrs: dict = field(default_factory=dict)


def period_token(text: str, pos: int) -> Token | None:
    """A period marker starting at `pos`: attrs period (Mnn, Y or single) and kind."""
    for rx, kind in PERIOD_PATTERNS:
        m = rx.match(text, pos)
        if not m:
            continue
        if kind == "range":
            mm = month_number(m.group("m")) if m.group("m") != "两" else 2
            if not mm:
                continue
            attrs = {"period": f"M{mm:02d}"}
            if "year" in m.groupdict() and m.group("year"):
                attrs["year"] = int(m.group("year"))
        elif kind == "q1":
            attrs = {"period": "M03"}
        elif kind == "h1":
            attrs = {"period": "M06"}
        elif kind == "q3":
            attrs = {"period": "M09"}
        elif kind == "month_end":
            mm = month_number(m.group("m"))
            if not mm:
                continue
            attrs = {"period": "Y" if mm == 12 else f"M{mm:02d}"}
        elif kind == "month":
            mm = month_number(m.group("m"))
            if not mm:
                continue
            attrs = {"period": "M01" if mm == 1 else "single"}
        else:
            attrs = {"period": "single"}
        attrs["kind"] = kind
        return Token("period", m.start(), m.end(), attrs)
    return None


def year_token(text: str, pos: int) -> Token | None:
    """A year starting at `pos` (not part of a full date such as 2023年4月10日)."""
    m = YEAR_RE.match(text, pos)
    if not m:
        return None
    year = year_value(m.group("year"))
    attrs = {"year": year}
    if m.group("end"):
        attrs["period"] = "Y"
    return Token("year", m.start(), m.end(), attrs)


# What follows a year that names a document or an appraisal rather than the time a figure or goal
# is of: '在2024年政府工作报告中', '2022年度全省民营经济考核第三名', '2023年统计公报显示'.
_DOCUMENT_AFTER_YEAR_RE = re.compile(
    r"度?[^,;。:\d]{0,8}?(?:政府工作报告|工作报告|统计公报|考核|年鉴|人代会|两会)")


def names_document(text: str, year_end: int) -> bool:
    """Whether the year ending at `year_end` (after its 年) is the date of a document named there."""
    return bool(_DOCUMENT_AFTER_YEAR_RE.match(text, year_end))


def first_year(text: str) -> int | None:
    m = YEAR_RE.search(text)
    return year_value(m.group("year")) if m else None


def horizon(text: str) -> str:
    """'multi_year:3-5年' for 力争通过3-5年的努力 / 三年内; '' when the text sets no horizon."""
    m = HORIZON_RE.search(text)
    if not m:
        return ""
    parts = re.split(r"[-~至到]", m.group("n"))
    nums = [parse_number(p) for p in parts]
    if any(n is None for n in nums):
        return ""
    return "multi_year:" + "-".join(str(int(n)) for n in nums) + "年"


def contract_period(period: str | None) -> str:
    """'Y' or 'M01-Mnn' from a token period ('Y', 'M12', 'M06')."""
    if not period or period in ("Y", "M12"):
        return "Y"
    return f"M01-{period}"
