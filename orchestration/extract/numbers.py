"""Number parsing for Chinese administrative text.

Handles Arabic and full-width digits, decimals, thousands separators, Chinese numerals
(两, 三, 十五, 一千, 一万二千) and the 万/亿/万亿 multipliers. Everything here is pure and
offset-preserving: `to_halfwidth` maps one character to one character, so spans found in the
normalised text are valid in the original.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

_FULLWIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update({"\u3000": " ", "．": ".", "％": "%", "—": "—"})

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3,
             "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
             "八": 8, "捌": 8, "九": 9, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "万亿"

# Multipliers that follow a number and scale it (1.4万亿 = 1.4e12, 2万户 = 20000 户).
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}

ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN_NUMBER = f"[{CN_NUMERAL_CHARS}]+"
NUMBER_RE = re.compile(f"{ARABIC_NUMBER}|{CN_NUMBER}")


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (０-９, ％, ．, Ａ) to half-width; length and offsets are unchanged."""
    return "".join(_FULLWIDTH.get(ch, ch) for ch in text)


def parse_chinese_integer(text: str) -> int | None:
    """Parse a Chinese numeral such as 两, 十五, 三百二十, 一千, 一万二千, 二〇二七.

    Returns None when the text is not a well-formed numeral.
    """
    if not text or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch not in "万亿"
                       for ch in text):
        return None
    # Digit-by-digit years and codes: 二〇二七 -> 2027.
    if all(ch in CN_DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 or 亿 closes a section
            section += digit or 0
            scale = 10**4 if ch == "万" else 10**8
            total = (total + section) * scale if ch == "亿" else total + section * scale
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """Parse one number token: '1,234.5', '１５', '十五', '两', '1.4万亿' (multiplier included).

    A trailing 万/亿/万亿 multiplies the value. Returns None when nothing parses.
    """
    s = to_halfwidth(text).strip()
    if not s:
        return None
    factor = 1.0
    for suffix, mult in MULTIPLIERS.items():
        if s.endswith(suffix) and len(s) > len(suffix) and re.fullmatch(
            ARABIC_NUMBER, s[: -len(suffix)]
        ):
            s, factor = s[: -len(suffix)], mult
            break
    if re.fullmatch(ARABIC_NUMBER, s):
        return float(s.replace(",", "")) * factor
    value = parse_chinese_integer(s)
    return None if value is None else float(value) * factor


def convert_unit(value: float, from_unit: str, to_unit: str) -> float | None:
    """Convert between units of one dimension (1.4 万亿元 -> 14000 亿元; 2 万家 -> 20000 户).

    Returns None when the units are unknown or measure different things (亿元 vs %).
    """
    units = unit_table()
    src, dst = units.get(from_unit.strip()), units.get(to_unit.strip())
    if src is None or dst is None or src[0] != dst[0]:
        return None
    return round(value * src[1] / dst[1], 6)


@lru_cache(maxsize=1)
def unit_table() -> dict[str, tuple[str, float]]:
    """unit -> (dimension, factor to the dimension's base), from seeds/reference/units.csv.

    户, 家 and 个 are all counts (the metric says what is counted); 万 in front is a multiplier.
    """
    path = Path(__file__).resolve().parents[2] / "seeds" / "reference" / "units.csv"
    with open(path, encoding="utf-8", newline="") as f:
        return {r["unit"]: (r["dimension"], float(r["factor"])) for r in csv.DictReader(f)}
