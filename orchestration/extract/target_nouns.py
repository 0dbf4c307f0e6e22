"""Noun phrases of the target extractor: what a value is about.

Policy sentences put the measured noun in front of the value (高新技术企业达到400家) or after it
(培育10个…集群), wrapped in time words, hedges, subjects and verbs. These helpers peel those off
(``clean_noun``, ``strip_verbs``), split the 、-lists that share one value (``split_list``) and
recognise industries (``industry_in``, ``named_industry``) and regions (``is_region_word``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from orchestration import reference
from orchestration.extract import classify as cl
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import regions

OUTPUT_WORD_RE = re.compile(r"总产值|产值|营业收入|主营业务收入|营收|销售收入|产业规模|总规模|增加值")

BARE_MEASURE_RE = re.compile(r"^(?:产值|营业收入|营收|增加值|企业数|规模|占|比重|总量|投资)")


_LEAD = (
    r"\d{1,2}[.、](?!\d)|\(\d{1,2}\)|[①②③④⑤⑥⑦⑧⑨⑩]|[一二三四五六七八九十]是|"   # item markers: 3. (2) ① 一是
    r"其中:?|力争|确保|争取|争创|奋力冲刺|努力|力求|全力|预计|到\d{4}年(?:底|末)?|至\d{4}年(?:底|末)?|"
    r"\d{4}年(?:底|末)?|每年|年均|全年|当年|今年|累计|全市|全省|全县|全区|本市|我市|我省|使|让|推动|促进|"
    r"加快|着力|大力|积极|进一步|持续|将|要|基本|逐步|通过|[,:、\s“]"
)

LEAD_RE = re.compile(rf"^(?:{_LEAD})+")

VERB_LEAD_RE = re.compile(
    rf"^(?:{_LEAD}|培育形成|培育|打造|建设|发展|壮大|做大|做强|做优|形成|推进|支持|引导|实现|创建|构建|"
    r"提升|新增|新培育|新建|引进|招引|落户|集聚|聚焦|重点|县域|着力推动|推动|锚定)+"
)

TAIL_RE = re.compile(
    r"(?:均|力争|确保|同比|年均|累计)*(?:达到|突破|超过|超|至少|不少于|不低于|不超过|控制在|保持在|增加到|提高到|提升到|"
    r"增至|增长|提高|提升|增加|新增|净增|为|达|实现|约|在)*$"
)

GENERIC_SUBJ_RE = re.compile(
    r"(?:各|每个|每一个)(?!类|种|项|级|方|界|部门|单位|有关)[\u4e00-\u9fa5]{0,6}?(?:县区|县|区|市|园区|开发区|集群|产业|乡镇|地)"
    r"(?:\([^)]{1,6}\))?(?:、(?:市管各?)?园区)?"
)

NOT_SUBJECT_RE = re.compile(r"^(?:各|每|全|本|我|该|市场|园区|产业|开发区|城区|社区|景区|片区|示范区|集聚区|功能区|化工)")

GENERIC_INDUSTRY_RE = re.compile(
    r"(?:县域|区域|地方)?(?:特色|优势|主导|先进制造业|先进|制造业|战略性新兴|新兴|重点|支柱|首位|未来)*"
    r"(?:产业集群|产业|集群|制造业)$")


def named_industry(name: str) -> bool:
    """'新能源汽车产业集群' names an industry; '特色产业集群' does not."""
    return bool(re.search(r"(?:产业集群|产业|集群|制造业)$", name)) and len(GENERIC_INDUSTRY_RE.sub("", name)) >= 2


# a time frame before the verb: 5年内形成…, 到2025年培育…, 三年时间打造…
_TIME_LEAD_RE = re.compile(r"^(?:(?:到|至)?(?:19|20)\d{2}年(?:底|末|前)?|(?:\d{1,2}|[一二两三四五六七八九十]{1,2})年(?:内|时间|左右)?)[,]?")


def strip_verbs(s: str) -> str:
    prev = None
    while prev != s:
        prev = s
        s = _TIME_LEAD_RE.sub("", s)
        s = VERB_LEAD_RE.sub("", s)
        s = s.strip("“”\"")
    return s


def split_list(s: str) -> list[str]:
    """Members of a 、-list at depth 0 ('A、B等' -> [A, B])."""
    depth = tc.depth_map(s, 0, len(s))
    parts, start = [], 0
    for i, ch in enumerate(s):
        if ch == "、" and depth[i] == 0:
            parts.append(s[start:i])
            start = i + 1
    parts.append(s[start:])
    parts = [p.strip("“”\" ") for p in parts]
    if parts:
        parts[-1] = re.sub(r"等.*$", "", parts[-1])
    return [p for p in parts if p]


def industry_items(pre: str) -> list[str]:
    s = strip_verbs(pre)
    if not s:
        return []
    items = split_list(s)
    if len(items) >= 2 or (items and "等" in s):
        return items
    if len(items) == 1 and (re.search(r"(?:产业|制造业)$", items[0]) or industry_alias(items[0])):
        return items
    return []


def split_shared(others: list[str], last: str) -> tuple[str, str]:
    """'芜湖市、马鞍山市、铜陵市战略性新兴产业产值' -> ('铜陵市', '战略性新兴产业产值'): the last member of
    a list carries the noun the members share."""
    if all(is_region_word(o) for o in others):
        for rm in regions.matches(last, 0, len(last)):
            if rm.start() == 0:
                return rm.group(), last[rm.end():]
            break
        m = re.match(r"[\u4e00-\u9fa5]{1,4}?(?:市|县|区)", last)
        if m:
            return m.group(), last[m.end():]
    om = OUTPUT_WORD_RE.search(last)
    if om and om.start() > 0:
        return last[:om.start()], last[om.start():]
    return last, ""


def is_region_word(s: str) -> bool:
    return bool(regions.lookup(s)) or bool(re.fullmatch(r"[\u4e00-\u9fa5]{1,4}(?:省|市|县|区|园区|开发区|高新区|经开区)", s))


def industry_alias(s: str) -> str | None:
    try:
        aliases = reference.industry_aliases()
    except (OSError, KeyError):
        return None
    return aliases.get(s)


@lru_cache(maxsize=1)
def _industry_names() -> re.Pattern | None:
    """Every industry name and alias (the generic 工业/全行业 left out), longest first, found at
    every position (a lookahead, so names inside longer ones are seen too)."""
    try:
        aliases = reference.industry_aliases()
    except (OSError, KeyError):
        return None
    names = sorted((n for n in aliases if len(n) >= 2 and n not in ("工业", "全部工业", "全行业", "全部行业")),
                   key=len, reverse=True)
    return re.compile("(?=(" + "|".join(map(re.escape, names)) + "))") if names else None


# 省级产业集群: the level of an award, not an industry
_LEVEL_WORD_RE = re.compile(r"^(?:国家级|省级|市级|县级|区级|国家|省|市|县)+")
_AFTER_INDUSTRY_RE = re.compile(r"(?:[\d百千万]*亿元?级?)?(?:产业|企业|项目|集群|领域|行业|基地)")


def industry_in(noun: str) -> str | None:
    """An industry the measured noun restricts the target to (战略性新兴产业企业, 制造业项目)."""
    pattern = _industry_names()
    best, best_at = None, 0
    for m in (pattern.finditer(noun) if pattern else ()):
        name, i = m.group(1), m.start()
        if re.search(r"(?:产业|制造业|集群)$", name) or _AFTER_INDUSTRY_RE.match(noun, i + len(name)):
            if best is None or (len(name), -i) > (len(best), -best_at):
                best, best_at = name, i
    if best and industry_alias(best) == "industrial_cluster" and best_at >= 2:
        # 集成电路与新型显示产业集群: the generic cluster word after a name the table does not
        # know; the name is the industry, as the document writes it
        head = _LEVEL_WORD_RE.sub("", strip_verbs(noun[:best_at]).strip("、,"))
        if len(head) >= 2 and not is_region_word(head):
            return head
    if best:
        return best
    m = re.search(r"([\u4e00-\u9fa5]{2,10}?产业)(?=企业|项目|集群|基地)", noun)
    if m and re.fullmatch(r"(?:重点|重大|主要)?产业", _LEVEL_WORD_RE.sub("", m.group(1))):
        return None         # 市级重点产业项目: projects of some level, no industry named
    return m.group(1) if m else None


REGION_LEAD_RE = re.compile(
    r"[\u4e00-\u9fa5]{1,3}?(?:省|市|县|区)(?=力争|确保|到\d|在|要|将|全年|新增|规上|规模以上|工业|制造业|高新|战略|地区|研发)"
)


# clean_noun's patterns, compiled once (it reads every target row's noun)
_LABEL_RE = re.compile(r"^(?:[^:,;]{0,12}|[^:,;]{0,24}?(?:目标|指标|任务)(?:是|为)?):")
_LEVEL_LEAD_RE = re.compile(r"^(?:市|省|县|区)(?=落户|新增|引进|培育|新登记)")
_HEDGE_RE = re.compile(r"力争|确保|(?<![平人亩年户])均(?=达到|突破|超|实现|增长|为)")
_BASELINE_YEAR_RE = re.compile(r"(?:较|比|与)\d{4}年(?:底|末)?(?:相比)?")
_BASELINE_VALUE_RE = re.compile(r"(?:由|从)[\d.]+[\u4e00-\u9fa5%]{0,3}$")


BASIS_NOTE_RE = re.compile(r"\([^()\d%]{1,12}\)$")


def clean_noun(s: str) -> str:
    """The measured noun of 'pre-value' text: without time, hedges, subject and bound verbs."""
    # (二)规上工业增加值增长12%: a heading's outline marker is not part of the noun
    m = tc.HEADING_RE.match(s)
    if m:
        s = s[m.end():]
    # 主要目标: / 其中: / 全县2021年主要预期目标是: (a label that names goals may be longer)
    s = _LABEL_RE.sub("", s.strip())
    s = LEAD_RE.sub("", s)
    restated = cl.cue(cl.TARGET, "restated", s)
    if restated and restated.start() == 0:
        s = s[restated.end():]      # 完成区人代会批准(增长8%目标): the noun is the result's, before it
    rm = next(iter(regions.matches(s, 0, min(len(s), 8))), None)
    if rm is not None and rm.start() == 0:
        s = s[rm.end():]
    else:
        m = REGION_LEAD_RE.match(s)
        if m and not NOT_SUBJECT_RE.match(m.group()):
            s = s[m.end():]
    s = GENERIC_SUBJ_RE.sub("", s, count=1) if GENERIC_SUBJ_RE.match(s) else s
    s = _LEVEL_LEAD_RE.sub("", s)
    s = _HEDGE_RE.sub("", s)
    s = _BASELINE_YEAR_RE.sub("", s)        # a baseline, not the noun
    s = LEAD_RE.sub("", s)
    s = BASIS_NOTE_RE.sub("", s)           # 增长(同比,下同)6.7%: a note on the basis
    s = TAIL_RE.sub("", s)
    s = _BASELINE_VALUE_RE.sub("", s)   # 基金由5亿元(增加到10亿元)
    return s.strip(" ,:、“\"")
