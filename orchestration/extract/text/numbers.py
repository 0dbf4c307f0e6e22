"""Numbers in Chinese administrative text: Arabic digits (1,234.5), Chinese numerals (两, 十五,
一千, 一万二千, 二〇二七, 五千亿) and the 万/亿/万亿 multipliers; month numbers and 百分之八点五.

Measured against cn2an (benchmarks/text_libraries.py): cn2an rejects the bare-unit forms these
documents use for round targets (百亿, 千亿, 万亿, 1.4万亿) and costs 0.25 s to import, so the
parsing here stays hand-written and small.
"""

from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3,
             "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
             "八": 8, "捌": 8, "九": 9, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "万亿"

# Multipliers that follow a number and scale it (1.4万亿 = 1.4e12, 2万户 = 20000 户).
MULTIPLIERS = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}

ARABIC_NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUM = ARABIC_NUMBER
CN_NUMBER = f"[{CN_NUMERAL_CHARS}]+"
NUMBER_RE = re.compile(f"{ARABIC_NUMBER}|{CN_NUMBER}")
CN_NUM = r"[零〇一二两三四五六七八九十百千万]+"
CN_PCT = r"[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
CN_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"

_ARABIC_FULL = re.compile(ARABIC_NUMBER)


def parse_chinese_integer(text: str) -> int | None:
    """Parse a Chinese numeral such as 两, 十五, 三百二十, 一千, 一万二千, 二〇二七, 百亿.

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
            if section == 0 and total == 0:
                section = 1  # 万亿 alone: one 万亿
            scale = 10**4 if ch == "万" else 10**8
            total = (total + section) * scale if ch == "亿" else total + section * scale
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """Parse one number token: '1,234.5', '十五', '两', '1.4万亿' (multiplier included).

    A trailing 万/亿/万亿 multiplies the value. Returns None when nothing parses.
    """
    s = text.strip()
    if not s:
        return None
    factor = 1.0
    for suffix, mult in MULTIPLIERS.items():
        if s.endswith(suffix) and len(s) > len(suffix) and _ARABIC_FULL.fullmatch(s[: -len(suffix)]):
            s, factor = s[: -len(suffix)], mult
            break
    if _ARABIC_FULL.fullmatch(s):
        return float(s.replace(",", "")) * factor
    value = parse_chinese_integer(s)
    return None if value is None else float(value) * factor


_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}


def month_number(token: str) -> int | None:
    """'4' / '04' / '四' / '十一' -> 4 / 4 / 4 / 11."""
    token = token.strip()
    if token.isdigit():
        return int(token)
    if token == "十":
        return 10
    if token.startswith("十"):
        return 10 + _CN_DIGIT.get(token[1:], 0)
    return _CN_DIGIT.get(token)


def cn_percent(text: str) -> float | None:
    """'八' -> 8.0, '八点五' -> 8.5, '十二' -> 12.0 (the part after 百分之)."""
    whole, _, frac = text.partition("点")
    value = parse_chinese_integer(whole)
    if value is None:
        return None
    if frac:
        digits = "".join(str(_CN_DIGIT.get(ch, "")) for ch in frac)
        if not digits:
            return None
        return float(f"{value}.{digits}")
    return float(value)
