"""Value expressions of the target extractor.

``find_values`` returns every expression in a clause that can carry a target value:

- numbers with a unit (15家, 2万户, 1.4万亿元, 18%, 0.5个百分点), ranges (3-5家, 3—5家, 3~5家,
  3至5家, 800-1000亿元), redacted values (*亿元);
- revenue tiers (百亿级, 500亿级, 300—500亿级), which the caller turns into targets only where
  they qualify named industries;
- worded targets: 全覆盖 / 全面推开 (coverage 100 %), 倍增 / 翻一番 / 增加两倍 (growth), 进百强 /
  争五强 / 保持全省第一 (rank).

It drops what only looks like a value: years, months and dates, ordinals (第二), capacities of
projects (年产20万吨), thresholds and tiers used as adjectives (总投资超10亿元制造业项目, 5亩以上),
product specifications (512P, 20GWh), cadences (每月调度一次), baselines (由5亿元增加到…),
organisational bodies (六个推进组), and digits inside quoted names or document numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.extract.text.numbers import parse_number
from orchestration.extract.text.periods import horizon  # noqa: F401  (re-exported for the reader)
from orchestration.extract.text.units import COUNT, MEASURE, MONEY, UNIT_WORDS

CN = "零〇一二两三四五六七八九十百千"
NUM = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|[{CN}]+)"
_UNITS = UNIT_WORDS
# A value, a range (3-5家, 5%~5.5%, 3亿元至5亿元: the unit may be written on both ends) and its unit.
VALUE_RE = re.compile(
    rf"(?<![\d.A-Za-z{CN}])(?P<a>{NUM})(?:(?P<m1>万亿|亿|万|千)?(?P<u1>{_UNITS})(?=\s?[-~至到]))?"
    rf"(?:\s?(?P<sep>[-~至到])\s?(?P<b>{NUM}))?"
    rf"(?P<mult>万亿|亿|万|千)?(?P<unit>{_UNITS})"
)
# A rate per something, kept as written: 50万元/人, 360台/万人, 10亿元/年.
_PER_RE = re.compile(r"/(?:万人|人|年|亩|户|平方公里|吨|万元)")
_LIST_BEFORE_RE = re.compile(r"[\u4e00-\u9fa5]{1,8}、[\u4e00-\u9fa5]{1,8}(?:、[\u4e00-\u9fa5]{1,8})*(?:和[\u4e00-\u9fa5]{1,8})?$")
# (a count of clusters of a tier, 10个超千亿级产业, is a target: cluster_count)
_SET_NOUN_RE = re.compile(r"(?![^,;。]{0,6}亿级)(?:以上|左右)?[^,;。]{0,12}?(?:产业|领域|行业|方向|赛道|板块|县区|县市区|县|区|乡镇|园区|片区|方面)"
                          r"(?:$|[,;。、])")
_FIELD_OF_RANK_RE = re.compile(r"[^,;。]{0,24}?(?:中|里|当中)(?:位列|位居|排名|居|排|名列)")
_BARE_TRILLION_RE = re.compile(rf"(?<![\d.{CN}])万亿级")
# 超万亿元, 突破万亿: one 万亿 with its 一 left out, after a bound word (not 万亿级, a tier)
_BARE_TRILLION_VALUE_RE = re.compile(r"(?<=超|破|达|过|到)万亿(?:元)?(?![级\u4e00-\u9fa5]|元[\u4e00-\u9fa5])|(?<=超|破|达|过|到)万亿元(?=以上|左右|大关)")
# 两大千亿产业, 百亿产业集群: a tier written without 级
_UNMARKED_TIER_RE = re.compile(rf"(?<![\d.{CN}])(?:(?P<n>\d+|[一二两三四五六七八九]?[百千])亿|(?P<w>万亿))(?=产业|集群)")
# 突破1100亿, 超2000亿,: money in 亿 with its 元 left out (news writes it so), not a tier (千亿产业,
# 百亿级) and not another unit (80亿斤, 10亿度: the value finder's units)
_BARE_YI_RE = re.compile(rf"(?<![\d.A-Za-z{CN}])(?P<a>{NUM})(?P<mult>万亿|亿)"
                         r"(?=$|[^\u4e00-\u9fa5元]|以上|左右|大关|目标|规模(?:$|[^\u4e00-\u9fa5]|以上))")
# 万户以上: 万 with no digit is one 万
_BARE_TEN_THOUSAND_RE = re.compile(rf"(?<![\d.{CN}])万(?P<unit>户|家|人|个)(?=以上|左右|余)")
REDACTED_RE = re.compile(r"(?<![A-Za-z0-9*])(?P<r>\*+|×+|X{1,3}|x{1,3})(?P<mult>万亿|亿|万)?(?P<unit>元|%|家|个|户|项)")

PCT = {"%", "个百分点", "百分点"}
MULT = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3}

# What may follow a value for it to be the value of the clause (not an adjective of a noun).
_TERMINAL = set(",;。、)”》:!?")
_POST_OK_RE = re.compile(r"^(?:人民币)?(?:$|[,;。、)”》:!?]|予以|用于|给予|作为|大关|台阶|关口|的目标|目标|的规模|以及|及|和|与|并|力争)")
# 两化融合发展水平(指数)达到65: an index, a number with no unit
_INDEX_RE = re.compile(r"(?:指数|水平)(?:达到|达|提高到|提升到|为)(\d+(?:\.\d+)?)(?![\d.%])")
_FUND_RE = re.compile(
    r"^(?:人民币)?(?:的)?(?:(?![或和及与的])[\u4e00-\u9fa5]){0,8}?(?:资金|基金)(?![\u4e00-\u9fa5]{0,2}(?:项目|企业))")
_RATIO_OF_RE = re.compile(r"^的\d+(?:\.\d+)?%")
_SUFFIX_RE = re.compile(r"^(?:以上|以下|以内|之内|左右|多|余)")
_CAPACITY_RE = re.compile(r"(?:年产|年加工|年处理|年吞吐|年出栏|年屠宰|年产能|产能|装机|容量|年供|年销售)(?:能力)?(?:达到?|为|约)?$")
_BASELINE_AFTER_RE = re.compile(r"^(?:增加|提高|提升|扩大|增长|发展|跃升|扩充)?(?:到|至)")
_CADENCE_RE = re.compile(r"(?:每|一|两|三|半)个?(?:年|月|周|季度|季|半年|天|日|旬|星期)[^,;。]{0,8}$")
_ORG_RE = re.compile(r"^(?:以上|左右)?[\u4e00-\u9fa5“”]{0,12}?(?:推进组|工作组|领导小组|小组|专班|指挥部|办公室|联席会议)")
_RANK_RE = re.compile(
    rf"(?P<pscope>全国|全省|全市|全球|世界|中部|长三角|皖北|[\u4e00-\u9fa5]{{2}}(?=争|进))?"
    rf"(?P<verb>进入|跻身|迈入|挺进|冲刺|晋级|重返|重回|(?<![推促先引改增前演跟])进|争创|争|位居|稳居|保持|位列|跃居|稳定在)"
    rf"(?P<scope>全国|全省|全市|全球|世界|中部地区|中部|长三角|皖北|省内|国内|[\u4e00-\u9fa5]{{0,3}}?)"
    rf"(?P<pre>前|第)?(?P<n>\d+|[{CN}]+)(?P<suf>强|名|位)?"
)
_DOUBLE_RE = re.compile(rf"(?P<h>(?<![\d{CN}])(?P<n>\d{{1,2}}|[{CN}]{{1,3}})年(?:内|时间)?)?(?P<w>倍增|翻一番|翻番|翻两番|翻三番)")


@dataclass
class Cand:
    """One value expression; offsets are absolute."""

    type: str                 # value | range | redacted | tier | coverage | rollout | double | rank
    start: int
    end: int                  # end of the expression including its suffix (以上, 左右 …)
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    suffix: str = ""          # 以上 / 左右 / 以内 / 以下 …
    prenoun: bool = False     # the counted noun follows the value (培育10个…集群)
    fund: bool = False        # an amount of money set aside (设立2亿元资金)
    word: str = ""            # the worded target or tier as written (全覆盖, 千亿级, 进百强)
    horizon: str = ""         # '3年' for 三年倍增
    unit_end: int = 0         # end of the number and unit, before the suffix
    items: list[str] = field(default_factory=list)  # industries a tier qualifies
    counts_tier: str = ""     # a count of clusters of a tier (2个千亿级产业集群): the tier and noun


def _num(token: str) -> float | None:
    if not token:
        return None
    if re.fullmatch(f"[{CN}]+", token) and not re.search("[一二两三四五六七八九]", token) and token not in ("十", "百", "千"):
        return None
    return parse_number(token)


def _in(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    return any(a <= s and e <= b for a, b in spans)


def _scale(value: float | None, mult: str, unit: str) -> tuple[float | None, str]:
    """Apply the multiplier: money keeps 亿元/万元 (万亿元 -> 亿元), counts are multiplied out."""
    if value is None:
        return None, unit
    if unit in MONEY:
        if mult == "万亿":
            return round(value * 10000, 6), "亿" + unit
        if mult in ("亿", "万"):
            return value, mult + unit
        if mult == "千":
            return value * 1000, unit
        return value, unit
    if unit in MEASURE:
        return value, (mult + unit) if mult else unit
    if mult:
        return round(value * MULT[mult], 6), unit
    return value, unit


def find_values(t: str, cs: int, ce: int, protected: list[tuple[int, int]]) -> list[Cand]:
    """Every value expression of the clause t[cs:ce]."""
    out: list[Cand] = []
    taken: list[tuple[int, int]] = []
    seg = t[cs:ce]
    # the rarer shapes are looked for only where their key character is (most clauses have none)
    has_yi, has_wan = "亿" in seg, "万" in seg

    for m in REDACTED_RE.finditer(t, cs, ce) if ("*" in seg or "×" in seg or "X" in seg or "x" in seg) else ():
        if _in(protected, *m.span()):
            continue
        mult, unit = m.group("mult") or "", m.group("unit")
        _, unit = _scale(1.0, mult, unit)
        end, suffix = _suffix(t, m.end(), ce)
        out.append(Cand("redacted", m.start(), end, unit=unit, suffix=suffix, unit_end=m.end()))
        taken.append(m.span())

    for m in VALUE_RE.finditer(t, cs, ce):
        s, e = m.span()
        if _in(protected, s, e) or _in(taken, s, e):
            continue
        cand = _numeric(t, m, cs, ce)
        if cand:
            out.append(cand)

    for m in _INDEX_RE.finditer(t, cs, ce) if ("指数" in seg or "水平" in seg) else ():
        s, e = m.span(1)
        if not _in(protected, s, e) and not any(c.start <= s < c.end for c in out):
            end, suffix = _suffix(t, e, ce)
            out.append(Cand("value", s, end, value=float(m.group(1)), unit="", suffix=suffix, unit_end=e))

    for m in _UNMARKED_TIER_RE.finditer(t, cs, ce) if has_yi else ():
        s, e = m.span()
        if _in(protected, s, e) or any(c.start <= s < c.end for c in out):
            continue
        value = 10000.0 if m.group("w") else _num(m.group("n"))
        if value:
            out.append(Cand("tier", s, e, value=value, unit="亿元", word=t[s:e], unit_end=e))

    for m in _BARE_YI_RE.finditer(t, cs, ce) if has_yi else ():
        s, e = m.span()
        value = _num(m.group("a"))
        if value is None or _in(protected, s, e) or any(c.start < e and s < c.end for c in out) or \
                (s > cs and t[s - 1] in "第+-/"):
            continue
        end, suffix = _suffix(t, e, ce)
        value, unit = _scale(value, m.group("mult"), "元")
        out.append(Cand("value", s, end, value=value, unit=unit, suffix=suffix, unit_end=e))

    for m in _BARE_TEN_THOUSAND_RE.finditer(t, cs, ce) if has_wan else ():
        s, e = m.span()
        if not _in(protected, s, e):
            end, suffix = _suffix(t, e, ce)
            out.append(Cand("value", s, end, value=10000.0, unit=m.group("unit"), suffix=suffix, unit_end=e))

    for m in _BARE_TRILLION_VALUE_RE.finditer(t, cs, ce) if has_wan and has_yi else ():
        s, e = m.span()
        if not _in(protected, s, e) and not any(c.start < e and s < c.end for c in out):
            end, suffix = _suffix(t, e, ce)
            out.append(Cand("value", s, end, value=10000.0, unit="亿元", suffix=suffix, unit_end=e))

    for m in _BARE_TRILLION_RE.finditer(t, cs, ce) if has_wan and has_yi else ():   # 万亿级: one 万亿, 10000 亿元
        s, e = m.span()
        if not _in(protected, s, e):
            end, suffix = _suffix(t, e, ce)
            out.append(Cand("tier", s, end, value=10000.0, unit="亿元", suffix=suffix, word="万亿级", unit_end=e))

    for m in re.finditer("全覆盖", seg) if "全覆盖" in seg else ():
        s, e = cs + m.start(), cs + m.end()
        nxt = t[e:e + 1] if e < ce else ""
        if _in(protected, s, e) or (nxt and nxt not in _TERMINAL):
            continue
        out.append(Cand("coverage", s, e, value=100.0, unit="%", word="全覆盖", unit_end=e))

    for m in re.finditer("全面推开", seg) if "全面推开" in seg else ():
        s, e = cs + m.start(), cs + m.end()
        if not _in(protected, s, e) and e < ce:
            out.append(Cand("rollout", s, e, value=100.0, unit="%", word="全面推开", unit_end=e))

    for m in _DOUBLE_RE.finditer(t, cs, ce) if ("倍" in seg or "翻" in seg) else ():
        s, e = m.span()
        nxt = t[e:e + 1]
        if _in(protected, s, e) or (nxt and nxt not in _TERMINAL and not re.match(r"行动|计划|工程|目标|以上|为目标", t[e:e + 3])):
            continue
        if not m.group("h") and re.match(r"行动|计划|工程", t[e:e + 2]):
            continue  # 实施新能源开发倍增行动: a programme's name; 三年倍增行动 dates its doubling
        value = {"翻两番": 300.0, "翻三番": 700.0}.get(m.group("w"), 100.0)
        hz = ""
        if m.group("h"):
            n = parse_number(m.group("n"))
            hz = f"{int(n)}年" if n else ""
        out.append(Cand("double", s, e, value=value, unit="%", word=m.group("w"), horizon=hz, unit_end=e))

    for m in _RANK_RE.finditer(t, cs, ce):
        s, e = m.span()
        if _in(protected, s, e) or not (m.group("suf") == "强" or m.group("pre")):
            continue
        n = _num(m.group("n"))
        if not n:
            continue
        # 500强企业: the rank names a group of firms, not the region's own standing.
        if m.group("suf") == "强" and re.match(r"企业|公司|品牌|产品", t[e:e + 2]):
            continue
        if re.match(r"[市县区]", t[e:e + 1]):
            e += 1  # 百强市, 百强县
        out.append(Cand("rank", s, e, value=float(n), unit="名", word=t[s:e], unit_end=e))

    out.sort(key=lambda c: (c.start, -c.end))
    # A worded target overlapping a numeric one is the same target seen twice.
    kept: list[Cand] = []
    for c in out:
        if any(k.start <= c.start < k.end for k in kept):
            continue
        kept.append(c)
    return kept


# What a number after these words measures is how far a result is from something, never a goal: a
# gap to a target, an average or the schedule ('低于控制目标2.1个百分点', '高于全市平均0.2个百分点',
# '超时序进度3个百分点'), and a completion ratio ('占年度目标95%'). The reader's explanations
# (mentions.py) name them with the same patterns.
GAP_BEFORE = (r"(?:(?:高于|低于|超过|超出|快于|慢于|好于)[^,;。]{0,8}(?:目标|平均水平|平均|全省|全市|全国)(?:\([^()]*\))?"
              r"|(?:超|超过|快于|慢于|落后于?)(?:时序|序时)进度)$")
RATIO_BEFORE = r"(?:完成|占)(?:年度|全年)?(?:目标|计划|任务)(?:任务)?的?$"
_GAP_BEFORE_RE = re.compile(GAP_BEFORE)
_RATIO_BEFORE_RE = re.compile(RATIO_BEFORE)


def _suffix(t: str, e: int, ce: int) -> tuple[int, str]:
    m = _SUFFIX_RE.match(t[e:ce])
    return (e + m.end(), m.group()) if m else (e, "")


def _numeric(t: str, m: re.Match, cs: int, ce: int) -> Cand | None:
    s, e = m.span()
    a, b, sep = m.group("a"), m.group("b"), m.group("sep")
    mult, unit = m.group("mult") or "", m.group("unit")
    if mult == "千" and unit == "米":
        mult, unit = "", "千米"           # 200千米: kilometres, not 200 thousand metres
    prev = t[s - 1] if s > cs else ""
    before = t[cs:s]
    nxt = t[e:e + 1] if e < ce else ""

    if prev in "第+-/" or re.match(r"[A-Za-z+]", nxt):
        return None
    if m.group("u1") and (m.group("u1") != unit or (m.group("m1") or "") != mult):
        return None  # 3个-5家: two different things, not a range
    # Tiers: 百亿级, 500亿级, 300—500亿级, 10亿元级.
    if (unit == "级" and mult in ("亿", "万亿")) or (unit == "元" and mult in ("亿", "万亿") and nxt == "级"):
        lo, hi = _num(a), _num(b) if b else None
        if lo is None:
            return None
        f = 10000 if mult == "万亿" else 1
        end = e + (1 if nxt == "级" else 0)
        end, suffix = _suffix(t, end, ce)
        word = t[s:end - len(suffix)]
        if hi is not None:
            return Cand("tier", s, end, low=lo * f, high=hi * f, unit="亿元", suffix=suffix, word=word, unit_end=e)
        return Cand("tier", s, end, value=lo * f, unit="亿元", suffix=suffix, word=word, unit_end=e)
    if unit not in MONEY | PCT | COUNT | MEASURE and unit != "倍":
        return None
    if unit == "百分点":
        unit = "个百分点"
    if unit == "个百分点" and _GAP_BEFORE_RE.search(before):
        return None     # '低于控制目标2.1个百分点', '高于全市平均0.2个百分点': a gap, not a goal
    if unit == "%" and _RATIO_BEFORE_RE.search(before):
        return None     # '占年度目标95%', '完成全年任务的78%': how far a result has come, not a goal
    per = _PER_RE.match(t, e, ce)
    if per:
        va = _num(a)
        if va is None:
            return None
        end, suffix = _suffix(t, per.end(), ce)
        return Cand("value", s, end, value=va, unit=(mult + unit + per.group()), suffix=suffix, unit_end=per.end())

    va = _num(a)
    vb = _num(b) if b else None
    if va is None or (b and vb is None):
        return None
    end, suffix = _suffix(t, e, ce)
    rest = t[end:ce]

    # Growth written as a multiple: 增长两倍 = +200 %, 是2020年的3倍 = +200 %.
    if unit == "倍":
        if re.search(r"(?:增长|增加|提高|提升|扩大)了?$", before):
            return Cand("double", s, end, value=va * 100, unit="%", word=t[s:end], unit_end=e)
        if re.search(r"(?:是|为|达到)[^,;。]{0,12}的$", before) and va > 1:
            return Cand("double", s, end, value=(va - 1) * 100, unit="%", word=t[s:end], unit_end=e)
        return None

    if _CAPACITY_RE.search(before):
        return None
    if re.search(r"(?:由|从)$", before) and _BASELINE_AFTER_RE.match(rest):
        return None
    if unit in ("次", "回", "轮") and _CADENCE_RE.search(before):
        return None
    if rest.startswith(("之一", "方面")) or (unit == "位" and rest.startswith("数")):
        return None  # 之一; 七个方面 (a set of tasks); 两位数增长 (a number of digits)
    if unit == "个" and re.match(r"多?(?:月|工作日|小时|季度|星期|年度)", rest):
        return None  # 3个月内: a duration
    if rest.startswith("一") and not re.match(r"\d", a):
        return None  # 五个一, 四位一体
    if unit == "次" and (before.endswith("届") or re.match(r"全会|全体会议|会议", rest)):
        return None  # 十一届五次全会
    # 一个 is a count only where a bound word asks for at least one (至少建成一个); elsewhere it
    # names a mechanism's parts (设立一个专业管理机构)
    cn_one = a == "一" and not b and not re.search(r"(?:至少|不少于|不低于)[\u4e00-\u9fa5]{0,4}$", before)
    # '重点发展A、B、C等9个未来产业', '舒城、金安、裕安3个县区': the count of a list just given
    # describes it.
    if (before.endswith("等") or _LIST_BEFORE_RE.search(before)) and _SET_NOUN_RE.match(rest):
        return None
    # '完成全年目标任务8亿元的124%': how much of a target is done, not a target
    if unit == "%" and re.search(r"(?:目标|任务|计划)[^,;。]{0,12}的$", before):
        return None
    # '欠区级奋斗目标任务(24.93亿元)11.2个百分点': how far a result is behind its target, not a target
    if unit == "个百分点" and re.search(r"(?:欠|落后于?)[^,;。]*$", before):
        return None
    # '12项主要经济指标', '6项指标增速高于…': a number of indicators, not an indicator
    if unit == "项" and re.match(r"(?:主要)?(?:经济)?(?:社会)?指标", rest):
        return None
    # '在全国217家国家级开发区综合考评中位列第13位': the size of the field a rank is taken in
    if _FIELD_OF_RANK_RE.match(rest):
        return None

    # '完成全年目标任务8亿元的124%': the target a completion ratio is taken of
    post = bool(_POST_OK_RE.match(rest)) or bool(
        _RATIO_OF_RE.match(rest) and re.search(r"(?:目标|任务|计划)(?:任务|数)?$", before))
    fund = unit in MONEY and bool(_FUND_RE.match(rest))
    prenoun = False
    if not post and not fund:
        if unit in COUNT:
            if cn_one or _ORG_RE.match(rest):
                return None
            prenoun = True
        elif unit == "%" and rest.startswith("的"):
            prenoun = True
        else:
            return None  # an amount or measure qualifying a noun: a threshold, not a target

    va, u = _scale(va, mult, unit)
    if b:
        vb, _ = _scale(vb, mult, unit)
        if vb is None or vb <= va:
            return None
        return Cand("range", s, end, low=va, high=vb, unit=u, suffix=suffix, prenoun=prenoun, fund=fund, unit_end=e)
    return Cand("value", s, end, value=va, unit=u, suffix=suffix, prenoun=prenoun, fund=fund, unit_end=e)
