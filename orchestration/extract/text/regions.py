"""Regions named in the text: every name and alias of seeds/reference/regions.csv, the official
name and GB/T 2260 code behind each, the level of a subject, and a pattern for regions the table
does not hold (other provinces' cities and counties).

Group rows (各县区、园区, 每个县(市)) are matched like names but never become a canonical region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from orchestration import reference

HOME_PROVINCE = "安徽省"
GENERIC_RE = re.compile(r"^(全|本|我|各|每|该)")
# A name the table does not know: one to three characters before 省/市/县, not a common word.
_NOT_IN_NAME = "全本我各该年末月日的和与及在了中其共有为是比较同上下内外城都超省市县区新老大小规工业企强"
FALLBACK_NAME = (r"[^\x00-\u4dff" + _NOT_IN_NAME + r"]{1,3}?(?:省|市|县)"
                 r"(?!级|场|区|域|委|政府|属|长|民)")
# A district the table does not know, written after its city: 攀枝花市东区, 阳泉市城区, 某市某某区.
CITY_DISTRICT_RE = re.compile(rf"(?:{FALLBACK_NAME[:FALLBACK_NAME.index('(?:省')]}市)"
                              rf"(?:[东西南北中]区|城区|郊区|矿区|[^\x00-\u4dff{_NOT_IN_NAME}]{{2,3}}?区)"
                              r"(?![域级委属长内外])")
# Official names that are also common words: matched only in their longer aliases (铜陵市郊区).
_COMMON_WORDS = {"郊区"}
_LEVEL_ORDER = {"province": 0, "city": 1, "county": 2, "park": 3}


@dataclass(frozen=True)
class Region:
    name: str     # official name
    code: str
    level: str    # province | city | county | park | group
    parent: str


@lru_cache(maxsize=1)
def table() -> dict[str, Region]:
    """name or alias -> region row (groups included)."""
    out: dict[str, Region] = {}
    try:
        rows = reference.regions()
    except (OSError, KeyError):
        return out
    for row in rows:
        region = Region(row["region_name"].strip(), row["region_code"].strip(), (row.get("level") or "").strip(),
                        (row.get("parent_code") or "").strip())
        for name in [row.get("region_name", ""), *filter(None, (row.get("aliases") or "").split("|"))]:
            name = name.strip()
            if name and not name.isdigit():
                out.setdefault(name, region)
    return out


@lru_cache(maxsize=1)
def pattern() -> re.Pattern | None:
    """Every known name and alias of two characters or more, longest first."""
    names = sorted((n for n in table() if len(n) >= 2 and n not in _COMMON_WORDS), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


@lru_cache(maxsize=1)
def pattern_with_fallback() -> re.Pattern:
    """Known names (groups and 全/本/我 words left out) or the fallback for unknown ones."""
    names = sorted((n for n, r in table().items() if len(n) >= 2 and r.level != "group" and n not in _COMMON_WORDS
                    and not n.startswith(("全", "本", "我"))), key=len, reverse=True)
    return re.compile("|".join([*map(re.escape, names), FALLBACK_NAME]))


def lookup(name: str | None) -> Region | None:
    return table().get((name or "").strip())


# A two-character name that opens on a conjunction and whose 县/市/区 opens the next word is the
# conjunction and that word: '州委九届三次全会和县委十三届三次全会' names no 和县.
_CONJUNCTION_NAME_RE = re.compile(r"[和及与并]")
_OFFICE_AFTER_RE = re.compile(r"委|政府|人大|政协|域|级|属|直")


def matches(text: str, start: int = 0, end: int | None = None) -> list[re.Match]:
    p = pattern()
    if not p:
        return []
    return [m for m in p.finditer(text, start, len(text) if end is None else end)
            if not (len(m.group()) == 2 and _CONJUNCTION_NAME_RE.match(m.group())
                    and _OFFICE_AFTER_RE.match(text, m.end()))]


# The short names of China's provinces, which a page writes before a place of theirs (山东巨野县).
_PROVINCE = (r"(?:北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
             r"四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆)省?")
_PROVINCE_LEAD_RE = re.compile(rf"^{_PROVINCE}(?=[\u4e00-\u9fa5]{{2,}}[市县区]$)")
_PROVINCE_OPENING_RE = re.compile(rf"^{_PROVINCE}(?=[\u4e00-\u9fa5]{{2}})")


def without_province(text: str) -> str:
    """`text` without the province short name it opens on (山东巨野县第十九届… -> 巨野县第十九届…)."""
    return _PROVINCE_OPENING_RE.sub("", text, count=1)


def canonical(name: str | None) -> str | None:
    """The official name of a known alias (宿州 -> 宿州市); an unknown name without the province
    written before it (山东巨野县 -> 巨野县); groups unchanged."""
    if not name:
        return name
    region = lookup(name)
    if region is None:
        return _PROVINCE_LEAD_RE.sub("", name)
    return region.name if region.level != "group" else name


def code(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return reference.region_code(name)
    except (OSError, KeyError):
        return None


def level(name: str | None, issuing_level: str | None = None) -> str | None:
    """Level of a subject: the reference level (groups recorded as county, as the labelling
    conventions do), else from the suffix."""
    if not name:
        return None
    region = lookup(name)
    if region:
        return "county" if region.level == "group" else (region.level or None)
    if re.search(r"(开发区|经开区|高新区|园区|新区|科学城|新城|产业园)$", name):
        return "park"
    if GENERIC_RE.match(name) or name.endswith("县域"):
        return "county"
    if name.endswith(("省", "自治区")):
        return "province"
    if name.endswith("市"):
        return "county" if issuing_level in ("city", "county") else "city"
    if name.endswith(("县", "区", "旗")):
        return "county"
    return None


def is_below(name: str, issuing: str | None, issuing_level: str | None) -> bool:
    """A region below the issuing one (a county of a city, a park): it may be a subject."""
    if not name or name == issuing:
        return False
    order = _LEVEL_ORDER.get(level(name, issuing_level) or "", 9)
    return order > _LEVEL_ORDER.get(issuing_level or "", -1)


def most_specific(text: str) -> str | None:
    """The most specific known region named in `text` (安徽省宿州市萧县 -> 萧县), as written."""
    best, best_key = None, None
    for m in matches(text):
        name = m.group()
        region = lookup(name)
        if region is None or region.level == "group" or GENERIC_RE.match(name):
            continue
        rank = {"province": 0, "city": 1}.get(region.level, 2)
        key = (rank, len(name), -m.start())
        if best_key is None or key > best_key:
            best, best_key = name, key
    return best
