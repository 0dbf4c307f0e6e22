"""Rows of the target extractor: from the value expressions of one clause to target dicts.

For each clause ``rows_for_clause``
1. keeps a revenue tier only where it qualifies named industries (``resolve_tiers``),
2. cuts the clause into one piece per value (``_segments``; the piece is the row's span),
3. reads, for each value, the measured noun, the subject (a generic subject opening the clause,
   the paragraph's region, else the issuing region), the industry, the comparator and qualifiers
   (conventions: range, growth, bound words, flow words, rank, else '='), the target year and
   period, and the responsible units of the paragraph's note;
4. writes one row per value, or per member when several subjects share one value (均, 分别, A、B等…).

A clause reaches ``rows_for_clause`` as a ``ClauseView``: the document, block, sentence and clause
it sits in, and the state the reader carries (``ParaState``, ``SentState``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from orchestration.extract import classify as cl
from orchestration.extract import target_metrics as tm
from orchestration.extract.context import Document
from orchestration.extract.layout import Block, Clause, Sentence
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import regions
from orchestration.extract.target_nouns import (
    BARE_MEASURE_RE, BASIS_NOTE_RE, GENERIC_SUBJ_RE, LEAD_RE, OUTPUT_WORD_RE, TAIL_RE, clean_noun, industry_alias,
    industry_in, industry_items, is_region_word, named_industry, split_list, split_shared, strip_verbs,
)
from orchestration.extract.target_values import Cand

# Words that bind a value (conventions, comparator order: range, growth, bound, flow, rank, =).
# (新增长三角…基地 adds; 新增长点 / 新增长极 are nouns)
FLOW_RE = re.compile(r"新增(?!长(?:点|极|引擎|动能|空间|潜力))|净增|新培育|新认定|新建|新引进|新招引|新开工|新签约|新登记|新落户|"
                     r"新创建|新获批|新设立|增加(?!值|到|至)")

# Any verb: a list member without one inherits the flow word of the first member.
VERB_RE = re.compile(
    r"培育|打造|建设|建成|新建|新增|净增|认定|引进|招引|落户|推广|举办|组织|开展|实现|达到|突破|超过|"
    r"完成|形成|创建|争创|制修订|搭建|建立|设立|组建|引育|推动|提升|提高|增长|控制|保持|清理|续建"
)

BOUND_RE = re.compile(r"达到|突破(?!类)|超过|超(?=\d|[*×])|至少|不少于|不低于|高于|大于|多于|逾|增加到|提高到|提升到|增至|扩大到|"
                      r"达(?=\d)|迈上|跃上|站上")

UPPER_RE = re.compile(r"控制在|不超过|不高于|(?<!不)低于|(?<!不)少于|降至|降到|压减到|压降到")

DECLINE_RE = re.compile(r"(?:下降|降低|减少|压减|压降)(?:了|达到|达)?$")

# (a growth may name its goal before the value: 增长目标均确定为10%以上, 增速目标为8%)
GROWTH_TAIL_RE = re.compile(
    r"(?:增长|增速|增幅|提高|提升|上升|增加|递增)率?(?:的?(?:预期)?目标)?(?:均|分别)?"
    r"(?:确定为|定为|设定为|保持在|稳定在|保持|达到|达|为|了|要|在|不低于|高于|超过|超)?$")

QUAL_RE = re.compile(
    r"(?<![平人亩年户])均(?=达到|突破|超过|超|实现|增长|为|在|不低于|不少于|保持|确定为|定为|\d)|达到|突破(?!类)|超过|超(?=\d|[*×]|万亿)|"
    r"至少|不少于|不低于|不超过|控制在|稳定在|保持在|(?<![签合节制契公])约(?=\d)|下降|降低|"
    r"分别(?=增长|达到|达|为|提高|提升|突破|超过|超|控制在|稳定在|保持在|下降|新增|\d)|年均(?=增长|下降|提高|递增|新增|\d)|"
    r"(?<=[业目台地区县市园])各(?=\d|[一二两三四五六七八九十]\S?[个家项])|"
    r"(?<![到抵送传下表转])达(?=\d|[*×]|万亿)|(?<![确担])保(?=\d|[*×])"
)

# Subjects and means.
COUNTY_ECONOMY_RE = re.compile(r"县域(?=将|要|着力|力争|加快|重点|培育|打造|新增|实现)")

INSTRUMENT_RE = re.compile(r"依托|围绕|面向|按照|根据|借助|对照|对标|参照|结合|通过|利用|立足")
# Incentive terms of a support policy (给予一次性奖励50万元, 按投资额的10%给予补助, 最高不超过500万元):
# amounts and rates of an award, not targets.
INCENTIVE_RE = re.compile(r"给予|奖励|补助|补贴|奖补|资助|贴息|扣除|减免|返还|最高(?:不超过|可达|给予)?|一次性|按[^,;。]{0,12}的$")

_INDUSTRY_TAIL_RE = re.compile(
    r"(?:等)?(?:主导产业|优势产业|特色产业|重点产业)$"
    # 'A、B、C三大新兴产业规上产值': the count of the list and the register are no part of C
    r"|(?:等)?(?:[两二三四五六七八九十]|\d{1,2})大[\u4e00-\u9fa5]{0,6}?(?:产业集群|产业|集群)(?:规上|规模以上)?(?:工业)?$"
    r"|(?<=[\u4e00-\u9fa5]{2})(?:规上|规模以上)(?:工业)?$")        # 汽模配规上(产值)
# 规模高新技术产业(产值): 规模 (Jiangsu's 规上) is the register, not the industry's name
_INDUSTRY_REGISTER_LEAD_RE = re.compile(r"^(?:规模以上|规上|规模)(?!以上|工业|企业)(?=[\u4e00-\u9fa5]{2,}(?:产业|制造业)$)")


@dataclass
class ParaState:
    """Carried to the end of a paragraph: the target year or horizon stated, its subject region."""
    frame_year: int | None = None
    frame_kind: str = ""      # 'future' (到2027年) or 'bare' (2024年全市…: that year's plan)
    horizon: str = ""
    subject: str | None = None
    report_year: int | None = None  # the year the paragraph's first reported sentence opens with
    this_year: bool = False         # a sentence opening on 今年 (here or in a paragraph before) leads
    field: str | None = None        # the sector the paragraph opens on: '在农业方面,…', '制造业领域:'


@dataclass
class SentState:
    """Carried through a sentence: past frame, 每年, 力争/确保 and the clause topic (these two up to
    the next ;), the last measured noun (for '…,其中国家级5个')."""
    past: bool = False
    every_year: bool = False       # 每年 said in this sentence, up to the next ;
    every_year_here: bool = False  # 每年 said in the clause at hand
    this_year: bool = False        # 今年 / 全年 / 年内 said in this sentence
    framed: bool = False           # the sentence names its own due year (到2025年)
    lead_year: int | None = None   # the year the sentence opens with (2021年,全区…完成…8%以上目标)
    has_values: bool = True        # the sentence holds something that can be a value
    hedge: bool = False
    ensure: bool = False
    topic: str | None = None
    subject: str | None = None      # the place the sentence opens with as its subject (某县提出…:)
    last_noun: str = ""
    last_pre: str = ""
    future: bool = False


@dataclass
class ClauseView:
    """One clause with everything around it: what the row builders read instead of long
    positional argument lists."""
    doc: Document
    block: Block
    sentence: Sentence
    clause: Clause
    para: ParaState
    sent: SentState
    hedge_m: re.Match | None = None
    ensure_m: re.Match | None = None

    @property
    def cs(self) -> int:
        return self.clause.start

    @property
    def ce(self) -> int:
        return self.clause.end

    @property
    def ss(self) -> int:
        return self.sentence.start

    @property
    def se(self) -> int:
        return self.sentence.end


@dataclass
class ClauseState:
    """A clause being turned into rows: its view, the text before its first value, its subject and
    the 分别 pairing of its list, if any."""
    view: ClauseView
    first_pre: str
    subject: str | None
    paired: list[str] = field(default_factory=list)
    paired_pre: str = ""
    shared_noun: str = ""
    first_start: int = 0

    def __getattr__(self, name):
        return getattr(self.view, name)


# between a count and its tier: 10个超千亿级, 5个国内领先的千亿级, 1个营业收入百亿级
_COUNT_TO_TIER_RE = re.compile(r"^[“\"]?(?:超|营业收入|主营业务收入|产值|营收|规模|[\u4e00-\u9fa5]{1,10}?的)?[“\"]?$")
_MEASURE_WORD_RE = re.compile(r"营业收入|主营业务收入|产值|营收|规模|总量|收入")
_BIG_COUNT_RE = re.compile(r"(?:等)?(?:[两二三四五六七八九十]|\d{1,2})大$|(?:一批|若干|一系列)$")
# (an earlier tier's own word too: '2个千亿级产业集群和6个五百亿级产业集群')
_AFTER_TIER_RE = re.compile(r"^(?:[^,;。、]{0,6}?亿级)?”?(?:产业集群|产业链|产业|集群)(?:和|及|与|以及|、)")
_TIER_NOUN_RE = re.compile(r"”?(?:产业集群|产业链|产业|集群)")


def resolve_tiers(t: str, cs: int, ce: int, cands: list[Cand]) -> list[Cand]:
    """A revenue tier (百亿级, 千亿级, 4000亿级) is a target where it qualifies named industries:
    one row per industry, 'A、B等N个千亿级产业集群', 'A和B4000亿级产业集群', '打造“百亿级”渔网具产业'.
    Where a count goes with it (N个…千亿级产业, 万亿级产业3个), the count is a target too: the
    number of such clusters (cluster_count). A tier with neither names nor a count is an
    adjective of the noun (百亿级项目) and gives no row."""
    out: list[Cand] = []
    drop: set[int] = set()
    for i, c in enumerate(cands):
        if c.type != "tier":
            continue
        count = None
        if i and cands[i - 1].type in ("value", "range") and cands[i - 1].prenoun and \
                _COUNT_TO_TIER_RE.match(t[cands[i - 1].end:c.start]):
            count = cands[i - 1]
        noun = _TIER_NOUN_RE.match(t, c.end, ce)
        after_noun = noun.end() if noun else c.end
        if count is None and i + 1 < len(cands) and cands[i + 1].type == "value" and \
                cands[i + 1].start == after_noun and not cands[i + 1].prenoun:
            count = cands[i + 1]                       # 万亿级产业3个
        anchor = cs
        for p in cands[:i]:
            # a tier that named its industries closes them off: 'A、B两大千亿产业和一批五百亿级产业'
            if p is not count and (p.type != "tier" or p.items):
                anchor = p.end
        pre = t[anchor:(count.start if count is not None and count.start < c.start else c.start)]
        # 'A、B两大千亿产业': the 两大 counts the named industries, as 2个 does; '…产业和一批五百亿级
        # 产业': what follows an earlier tier's noun names no industry of its own
        pre = _BIG_COUNT_RE.sub("", _AFTER_TIER_RE.sub("", pre))
        after = t[c.end:ce]
        items: list[str] = []
        if re.match(r"”?(?:产业集群|产业链|产业|集群)(?:等)?(?:\d+个)?(?:$|[,;。、和])", after):
            items = industry_items(pre)
            if not items:
                one = _single_industry(pre)
                items = [one] if one else []
        if not items and re.search(r"(?:打造|培育|建设|发展|形成|壮大)[“\"]?$", pre):
            m = re.match(r"”?([\u4e00-\u9fa5]{2,12}?(?:产业集群|产业|集群))(?=$|[,;。、)])", after)
            if m and named_industry(m.group(1)):
                items = [m.group(1)]
        if items:
            c.items = items
        if count is not None:
            # the count of such clusters: 2个千亿级产业集群; 形成1个千亿级、3个300亿级产业集群
            count.counts_tier = c.word + (noun.group().strip("”") if noun else "")
    for c in cands:
        if id(c) in drop:
            continue
        if c.type == "tier" and not c.items:
            continue
        out.append(c)
    return out


_VERB_HEAD_RE = re.compile(r"^(?:力争|确保)?(?:培育形成|培育|打造|形成|建设|发展壮大|壮大|建成)")


def _single_industry(pre: str) -> str | None:
    """'(培育形成)新能源汽车和智能网联汽车' before a tier: the one industry it qualifies."""
    s = strip_verbs(_VERB_HEAD_RE.sub("", LEAD_RE.sub("", pre)))
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,16}", s) and not re.search(r"的|等|个|家|项|全市|全省|全县|全区", s) \
            and not _MEASURE_WORD_RE.search(s) and not VERB_RE.search(s) and not FLOW_RE.search(s):
        return s
    return None


def _segments(t: str, cs: int, ce: int, cands: list[Cand]) -> list[tuple[int, int]]:
    """The piece of the clause each value belongs to: cut at the last 、 (else 和/及) between two
    values; a worded target at the end of a list stops at the next 、."""
    depth = tc.depth_map(t, cs, ce)
    segs, start = [], cs
    for i, c in enumerate(cands):
        if i + 1 < len(cands):
            lo, hi = c.end, cands[i + 1].start
            cut, width = None, 1
            for j in range(hi - 1, lo - 1, -1):
                if t[j] == "、" and depth[j - cs] == 0:
                    cut = j
                    break
            if cut is None:
                m = None
                for m in re.finditer(r"以及|和|及|与|,", t[lo:hi]):
                    pass
                if m:
                    cut, width = lo + m.start(), len(m.group())
            if cut is None:
                cut, width = lo, 0
            segs.append((start, cut))
            start = cut + width
        else:
            end = ce
            if c.type in ("double", "coverage", "rank"):
                for j in range(c.end, ce):
                    if t[j] == "、" and depth[j - cs] == 0:
                        end = j
                        break
            segs.append((start, end))
    out = []
    for s, e in segs:
        while s < e and (t[s].isspace() or t[s] in "、,;"):
            s += 1
        while e > s and t[e - 1].isspace():
            e -= 1
        out.append((s, e))
    return out


def rows_for_clause(view: ClauseView, cands: list[Cand]) -> list[dict]:
    """The target rows of one clause whose values are `cands`."""
    d, cs, ce = view.doc, view.cs, view.ce
    t = d.t
    segs = _segments(t, cs, ce, cands)
    # The clause's generic subject (各县区、园区 / 每个县(市) / 县域将…) covers all its pieces.
    c = t[cs:ce]
    body_start = cs + len(c) - len(LEAD_RE.sub("", c))
    clause_subject = None
    gm = GENERIC_SUBJ_RE.match(t, body_start, ce)
    if gm:
        clause_subject = gm.group()
    elif COUNTY_ECONOMY_RE.match(t, body_start, ce):
        clause_subject = (d.issuing or "") + "县域"
    else:
        for rm in regions.matches(t, body_start, min(ce, body_start + 10)):
            if rm.start() == body_start and regions.is_below(regions.canonical(rm.group()), d.issuing,
                                                                 d.issuing_level):
                clause_subject = rm.group()
            break
    ctx = ClauseState(view, first_pre=t[segs[0][0]:cands[0].start], subject=clause_subject)
    # 'A、B、C分别达到10个、8个、5个': pair the list with the values.
    if "分别" in ctx.first_pre and len(cands) >= 2:
        head = ctx.first_pre.split("分别")[0]
        lst = split_list(strip_verbs(LEAD_RE.sub("", head)))
        if len(lst) == 1 and len(cands) == 2 and lst[0].startswith("城乡"):
            # 城乡居民人均可支配收入分别增长5.5%、7%: urban, then rural
            lst = ["城镇" + lst[0][2:], "农村" + lst[0][2:]]
        if len(lst) == len(cands):
            lst[-1], ctx.shared_noun = split_shared(lst[:-1], lst[-1])
            ctx.paired = lst
            ctx.paired_pre = ctx.first_pre
            ctx.first_start = cands[0].start
            segs = [(segs[0][0], segs[-1][1])] * len(cands)
    rows: list[dict] = []
    for i, (cand, (a, b)) in enumerate(zip(cands, segs)):
        pre = LEAD_RE.sub("", t[a:cand.start])
        if INSTRUMENT_RE.match(pre) and not VERB_RE.search(pre):
            continue  # '依托…大学、…集团八所…等科技创新主体': the means, not a target
        # (an aside in brackets says what is counted, it grants nothing: '支出(扣除…专项资金外)增长3%')
        if (cand.unit.endswith("元") or cand.unit == "%") and INCENTIVE_RE.search(_PAREN_RE.sub("", t[a:b])):
            continue
        if cand.type == "rank":
            a, b = cand.start, cand.end
        rows.extend(_target_rows(ctx, cand, a, b, i))
    return rows

_PAREN_RE = re.compile(r"\([^()]*\)")


def _shared_measures(pre: str, noun: str, c: Cand) -> list[str]:
    """'固定资产投资、工业投资、服务业投资均增长12%左右': several measured quantities sharing one
    value (均 before it), one row each. Regions and industries sharing a value are handled as
    items; this is for a list whose members are what is measured."""
    if c.type not in ("value", "range") or c.prenoun or not _SHARED_RE.search(pre):
        return []
    members = split_list(noun)
    if len(members) < 2 or any(is_region_word(m) or industry_alias(m) or named_industry(m) for m in members):
        return []
    return members if all(_MEASURE_NOUN_RE.search(m) for m in members) else []


_SHARED_RE = re.compile(r"均[^,;。]{0,6}$")


def _each_of(pre: str, noun: str, c: Cand) -> list[str]:
    """'争创省级示范企业和省数字化试点项目各2个以上': two things counted, each to the value (各), one row
    each."""
    if "各" not in pre or c.type != "value" or c.prenoun or not re.search(r"各\s*$", pre):
        return []
    members = [m for m in re.split(r"和|及|与|、", re.sub(r"各$", "", noun)) if m]
    return members if len(members) >= 2 and all(len(m) >= 2 for m in members) else []
# the head of a measured quantity: investment, output, revenue, value added, income, consumption …
_MEASURE_NOUN_RE = re.compile(r"投资|产值|增加值|收入|营收|总额|零售|生产总值|GDP|出口|进口|税收|利润|消费|产量")

_DIRECTION_RE = re.compile(r"向|迈进|进军|成为|跻身")
_CULTIVATE_RE = re.compile(r"培育|引育")
_ABOVE_FIRMS = r"(?:规上|规模以上|规模)(?:工业)?企业"
_LEVEL_ONLY_RE = re.compile(r"(?:国家级|省级|市级|县级)?(?:以上)?(?:总数|总量|数量|累计)?")

_FUND_NOUN_RE = re.compile(r"(?:人民币)?(?:的)?[\u4e00-\u9fa5]{0,6}?(?:资金|基金)")


def _target_rows(ctx: ClauseState, c: Cand, a: int, b: int, idx: int) -> list[dict]:
    d, para, sent = ctx.doc, ctx.para, ctx.sent
    t = d.t
    pre = BASIS_NOTE_RE.sub("", t[a:c.start].rstrip())     # 增长(同比,下同)6.7%
    post = t[c.end:b]
    own_verb = bool(VERB_RE.search(pre))
    inherit = idx > 0 and not own_verb
    flow_m = FLOW_RE.search(pre) or (FLOW_RE.search(ctx.first_pre) if inherit else None)
    flow = flow_m.group() if flow_m else ""
    cmp_pre = ctx.paired_pre or pre

    # What is measured.
    if c.type == "tier":
        noun = (c.word + re.match(r"”?([\u4e00-\u9fa5]*)", t[c.end:b]).group(1)).replace("”", "")
    elif c.type == "rollout":
        noun = post.strip()
    elif c.counts_tier:
        noun = c.counts_tier
    elif c.prenoun:
        noun = post.strip(" “”")
        noun = _DIRECTION_RE.split(noun, maxsplit=1)[0] or noun   # 4个优势产业向万亿级迈进: 优势产业
        noun = re.sub(r"(?:建设|行动|工作)$", "", noun) or noun
        if re.search(r"(?:于一体|的)$", noun):
            # '2—3家集研发设计…于一体,掌握核心技术…的龙头企业': the head noun is further on.
            rest = re.split(r"[;。]", t[b:ctx.se], maxsplit=1)[0]
            head = re.split(r"的", rest)[-1]
            noun = noun + rest if head == rest else head
    elif c.type == "rank":
        noun = (LEAD_RE.sub("", pre) + c.word).strip()
    elif ctx.paired:
        noun = TAIL_RE.sub("", ctx.shared_noun)
    elif c.fund:
        noun = clean_noun(pre) + _FUND_NOUN_RE.match(post).group() if _FUND_NOUN_RE.match(post) else clean_noun(pre)
    else:
        noun = clean_noun(pre)
        if c.type == "coverage":
            noun = strip_verbs(noun)
    if pre.startswith("(") and not c.prenoun and sent.last_noun and cl.cue(cl.TARGET, "restated", pre):
        # '主营业务收入完成360亿元(上饶下达任务325亿元)': the aside restates the target of the result
        # before it, and measures what that result measures
        noun, cmp_pre = sent.last_noun, sent.last_pre
        flow_m = FLOW_RE.search(cmp_pre)
        flow = flow_m.group() if flow_m else flow
    elif not c.prenoun and sent.last_noun and _LEVEL_ONLY_RE.fullmatch(noun):
        # 'X较2020年翻一番,达到2000家以上', '…平台30个以上,其中国家级5个': the noun of the clause before,
        # and, with no word of its own ('确保增长8%以上、力争10%'), how that one was bound.
        noun = noun + sent.last_noun
        if not (VERB_RE.search(cmp_pre) or BOUND_RE.search(cmp_pre + "0") or UPPER_RE.search(cmp_pre)):
            cmp_pre = sent.last_pre
        elif GROWTH_TAIL_RE.search(cmp_pre):
            # '地区生产总值571亿元,增长6.7%,超过年初预期目标(6.5%)': the target after it is of the growth
            sent.last_pre = cmp_pre
    elif noun and not c.prenoun and c.type in ("value", "range", "redacted", "double"):
        sent.last_noun, sent.last_pre = noun, cmp_pre
    metric_text = noun
    if inherit and flow and flow not in noun and not c.prenoun:
        metric_text = flow + noun
    measure_noun = noun
    if (not noun or BARE_MEASURE_RE.match(noun)) and sent.topic:
        measure_noun = sent.topic + noun

    # Several subjects sharing one value: 'A、B等主导产业产值均突破100亿元', 'A、B全覆盖',
    # '萧县、砀山县规上工业增加值均增长10%'.
    items: list[str] = list(c.items) or _leading_regions(pre)
    industry_phrase = None
    covered: list[str] = []
    if c.type == "coverage":
        covered = split_list(noun)
        if len(covered) < 2:
            covered = []
    if not items and not c.prenoun and c.type not in ("rank", "rollout", "coverage"):
        om = OUTPUT_WORD_RE.search(noun)
        if om and not re.search(r"企业|项目|公司|园区|基地", noun[om.end():]):
            industry_phrase = noun[:om.start()].strip()
            if industry_phrase:
                lst = split_list(industry_phrase)
                if len(lst) == 1 and re.search(r"双双|均", t[a:c.start]):
                    lst = [x for x in re.split(r"和|与|及", industry_phrase) if x]   # A和B产业规模双双突破…
                if len(lst) >= 2 or "等" in industry_phrase:
                    items = lst
    if ctx.paired:
        member = ctx.paired[idx]
        if is_region_word(member) or industry_alias(member) or named_industry(member):
            items = [member]
        else:
            # '规上工业企业户数、营业收入分别增长10%、15%': the members are what is measured.
            items, noun = [], member + ctx.shared_noun
            metric_text = measure_noun = noun

    local = cmp_pre[_local(cmp_pre):]
    decline = c.unit == "%" and c.type == "value" and bool(DECLINE_RE.search(local))
    if not flow and _CULTIVATE_RE.search(pre) and re.search(_ABOVE_FIRMS, noun):
        flow = "培育"          # 培育规模工业企业200家: firms entering the register
    comparator = _comparator(c, cmp_pre, flow, decline)
    # 增长5%~5.5%: a range of a growth rate is still a growth
    growth = comparator == "growth_at_least" or c.type == "double" or (
        c.type == "range" and c.unit == "%" and bool(GROWTH_TAIL_RE.search(cmp_pre)))
    # '失业率控制在4.5%以内、6.5%以内': a member with no word of its own is bound as the first was
    shared = ctx.first_pre if inherit and not ctx.paired and not QUAL_RE.search(pre) else ""
    qualifier = _qualifiers(t, a, c, ctx.hedge_m, ctx.ensure_m, sent, ctx.cs,
                            scan_end=ctx.first_start if ctx.paired else None, shared=shared)
    # '…同比增长8%,完成区人代会批准增长8%以上目标': a target restated beside the result it met
    # (or '…增长5.8%,低于年初预期目标(10%)', whose own words name the target and borrow the noun)
    restated = bool(cl.cue(cl.TARGET, "restated", cmp_pre) or cl.cue(cl.TARGET, "restated", t[a:c.start])) and any(
        x.mode.cls == cl.ACTUAL for x in ctx.sentence.clauses)
    year, period = _period(d, para, sent, c, cmp_pre, comparator, flow, restated=restated)
    if period == "by_year" and c.unit in ("%", "个百分点") and "年均" in cmp_pre[_local(cmp_pre):]:
        period = "annual"      # '到2022年,…能耗年均下降5%': a rate of each year, due by the frame's year

    units = ctx.block.units
    if not ctx.block.in_goals and not units:
        for n in ctx.block.notes:
            if n.start >= c.end:
                units = n.units
                break

    region_default = ctx.subject or sent.subject or para.subject or d.issuing
    measured = [] if items or covered or ctx.paired else (
        _shared_measures(t[a:c.start], noun, c) or _each_of(t[a:c.start], noun, c))
    rows = []
    for item, cov, measure in ([(i, None, None) for i in items] or [(None, x, None) for x in covered]
                               or [(None, None, m) for m in measured] or [(None, None, None)]):
        subject, industry = region_default, None
        if item is not None:
            if is_region_word(item):
                subject = item
            else:
                industry = item
        if c.type == "tier":
            metric = "industrial_output_value"
        elif c.counts_tier:
            metric = "cluster_count"
        elif c.type in ("coverage", "rollout"):
            metric = "coverage_pct"
        elif c.type == "rank":
            metric = "rank_position"
        elif c.fund:
            metric = "fund_amount"
        elif decline:
            metric = "reduction_pct"
        else:
            noun_for_metric = measure or measure_noun
            if item is not None and subject == item:
                # '萧县、砀山县规上工业增加值均增长10%': the measure is what follows the places
                noun_for_metric = _after_places(noun_for_metric, items)
            if industry:
                om = OUTPUT_WORD_RE.search(noun)
                noun_for_metric = industry + (noun[om.start():] if om else "")
            ind_guess = industry or industry_in(measure_noun) or sent.topic
            metric = tm.metric_code(noun_for_metric, c.unit, comparator, growth=growth, flow=flow,
                                    all_industry=not ind_guess)
        if industry is None:
            industry = _industry_for(d, sent, noun, industry_phrase, metric, para.field)
        industry = _INDUSTRY_TAIL_RE.sub("", industry) or industry
        industry = _INDUSTRY_REGISTER_LEAD_RE.sub("", industry)
        if industry.count("”") > industry.count("“") and not industry.startswith("”"):
            industry = "“" + industry       # “246”产业: the quote cleaning took its opening mark
        rows.append({
            "doc": d.doc,
            "subject_region": subject,
            "region_code": regions.code(subject),
            "subject_level": regions.level(subject, d.issuing_level),
            "industry": industry,
            "metric": metric,
            "metric_text": cov or measure or metric_text,
            "kind": tm.kind_of(metric, cov or measure or noun),
            "comparator": comparator,
            "value": None if c.type in ("range", "redacted") or c.low is not None else c.value,
            "value_low": c.low,
            "value_high": c.high,
            "unit": c.unit,
            "qualifier": ";".join(qualifier),
            "target_year": year,
            "period": period,
            "redacted": c.type == "redacted",
            "category": "economic_output" if c.type == "tier" else tm.category_of(measure_noun, ctx.block.section),
            "responsible_units": units,
            "sentence": t[ctx.ss:ctx.se],
            "start": a,
            "end": b,
            "reason": ctx.clause.mode.reason,
            "value_start": c.start,
            "value_end": c.unit_end or c.end,
            "clause_start": ctx.cs,
            "clause_end": ctx.ce,
            "sentence_start": ctx.ss,
            "sentence_end": ctx.se,
        })
    return rows


_REGION_LIST_SEP_RE = re.compile(r"[、和及与]")


def _after_places(noun: str, places: list[str]) -> str:
    """The noun with the list of places that opens it cut off ('砀山县规上工业增加值' -> '规上工业增加值')."""
    for place in sorted(places, key=len, reverse=True):
        at = noun.rfind(place)
        if at >= 0 and len(noun) > at + len(place):
            return noun[at + len(place):]
    return noun


def _leading_regions(pre: str) -> list[str]:
    """'萧县、砀山县(和灵璧县)' opening the text before a value: the regions that share it."""
    s = LEAD_RE.sub("", pre)
    rx = regions.pattern_with_fallback()
    found, pos = [], 0
    while True:
        m = rx.match(s, pos)
        if not m:
            break
        found.append(m.group())
        pos = m.end()
        sep = _REGION_LIST_SEP_RE.match(s, pos)
        if not sep:
            break
        pos = sep.end()
    # a list that goes on with something other than a region (萧县、砀山县、特色产业…) is not one
    ends_on_separator = bool(pos) and _REGION_LIST_SEP_RE.match(s, pos - 1) is not None
    return found if len(found) >= 2 and not ends_on_separator else []


_ECONOMY_WIDE_NOUN_RE = re.compile(
    r"财政|预算收入|税收|地区生产总值|GDP|固定资产投资|社会消费品零售|居民|人均可支配收入|就业|失业|消费价格|进出口|"
    r"外贸|实际利用外资|城镇化率|人口")


# the share of a sector: '第三产业占比', '服务业增加值占地区生产总值比重'
_SHARE_OF_SECTOR_RE = re.compile(r"([\u4e00-\u9fa5]{1,10}?(?:产业|服务业|制造业|农业))(?:增加值)?(?:占比|占[^,;。]{0,16}?(?:比重|比例))")


def _industry_for(d: Document, sent: SentState, noun: str, phrase: str | None, metric: str,
                  field: str | None = None) -> str:
    """The document's wording of the industry, 'all' when economy- or manufacturing-wide; `field`:
    the sector a paragraph opens on (在农业方面,…)."""
    if metric in tm.REGION_WIDE:
        return "all"
    if phrase and "占" in phrase:
        phrase = phrase.split("占")[0]     # '生产性服务业占服务业增加值比重': the share is of the first
    if phrase:
        p = strip_verbs(phrase)
        if d.scope and p == d.scope[1]:
            return d.scope[0]
        if p and not re.fullmatch(
                r"(?:全市|全省|全县|全区|园区|开发区|经开区|高新区)?(?:规上|规模以上|全部)?(?:工业|制造业)?(?:企业)?", p):
            return p
    found = industry_in(noun)
    if found:
        return found
    if sent.topic and not _ECONOMY_WIDE_NOUN_RE.search(noun):
        # (not to an economy-wide measure later in the sentence: '先进制造业增加值占比达到66%,…,
        # 地方一般公共预算收入增长7.5%')
        return sent.topic
    sm = _SHARE_OF_SECTOR_RE.match(noun)
    if sm:
        return sm.group(1)                  # '第三产业占比达到53%'
    if field and not _ECONOMY_WIDE_NOUN_RE.search(noun):
        return field
    if d.scope:
        return d.scope[0]
    return "all"


def _local(pre: str) -> int:
    """Where the words that bind a value start: after the last number before it, so that
    '总投资超10亿元的制造业项目签约20个' does not read 超 as the bound of 20."""
    m = _LAST_NUMBER_RE.search(pre)
    return m.end() if m else 0


_LAST_NUMBER_RE = re.compile(r"[\d*×](?=[^\d*×]*$)")


def _comparator(c: Cand, pre: str, flow: str, decline: bool) -> str:
    """Conventions, first match wins: range; 增长X% (growth); upper bounds (控制在, 以内); bound words
    (以上, 突破, 超, 达到, 至少 — also with 新增); flow words (新增, 净增…); rank; else '='."""
    if c.type == "range" or (c.type == "tier" and c.low is not None):
        return "range"
    if c.type == "double":
        return "growth_at_least"
    if c.type == "rank":
        return "<="
    if c.type in ("coverage", "rollout"):
        return "="
    if c.type == "tier":
        return ">="
    local = pre[_local(pre):]
    growth = bool(GROWTH_TAIL_RE.search(pre)) and not re.search(r"(?:增加|提高|提升)(?:到|至)$", pre)
    if growth and c.unit == "%":
        return "growth_at_least"
    if UPPER_RE.search(local) or c.suffix in ("以内", "以下", "之内"):
        return "<="
    if decline or BOUND_RE.search(local + "0") or c.suffix in ("以上", "多", "余"):
        return ">="
    if flow or growth:
        return "increase_by"
    return "="


def _qualifiers(t: str, a: int, c: Cand, hedge_m, ensure_m, sent: SentState, cs: int,
                scan_end: int | None = None, shared: str = "") -> list[str]:
    """Every hedge or bound word that applies, in order (力争;均;突破, 力争;达到;以上, 全覆盖, 千亿级);
    `shared`: the words before the first member of a list of values, which bind this one too."""
    out: list[str] = []
    if sent.hedge or (hedge_m and cs + hedge_m.start() < c.start):
        out.append("力争")
    if sent.ensure or (ensure_m and cs + ensure_m.start() < c.start):
        out.append("确保")
    end = scan_end or c.start
    found = [m.group() for m in QUAL_RE.finditer(shared[_local(shared):])] + \
        [m.group() for m in QUAL_RE.finditer(t, a + _local(t[a:end]), scan_end or c.unit_end)]
    for word in found:
        w = {"超": "超过"}.get(word, word)
        if w not in out:
            out.append(w)
    if c.suffix in ("以上", "以下", "以内", "左右"):
        out.append(c.suffix)
    if c.type in ("coverage", "rollout") or (c.type == "double" and c.word in ("倍增", "翻一番", "翻番", "翻两番", "翻三番")):
        out.append(c.word)
    if c.type == "tier":
        # a tier written without 级 (两大千亿产业) is named by its class word, 千亿级
        out.append(c.word if c.word.endswith("级") or c.low is not None else c.word + "级")
    return out


def _is_stock(c: Cand, pre: str, flow: str) -> bool:
    """A level to be reached (达到400家, 突破35个, 全覆盖, 占…比重达到30%) rather than a flow or rate in
    the year (a year's output or investment is a flow, however it is reached: 今年产值突破1100亿元)."""
    if c.type in ("coverage", "rollout"):
        return True
    if flow:
        return False
    if c.unit == "%":
        return bool(_SHARE_LEVEL_RE.search(pre)) and not GROWTH_TAIL_RE.search(pre)
    return c.unit != "个百分点" and bool(re.search(r"达到|突破(?!类)|实现|总数|总量|总规模", pre)) and \
        not _FLOW_QUANTITY_RE.search(pre) and not _PER_YEAR_RE.match(pre)


# a share or ratio held at a level: '先进制造业增加值占制造业比重达到66%', '第三产业占比达到53%', 贡献率
_SHARE_LEVEL_RE = re.compile(r"占[^,;。]{0,20}?(?:比重|比例)|占比|比重|贡献率|普及率|城镇化率")
# '年获…奖励总数', '年审定…新品种总数量' (an indicator table's row): a count per year
_PER_YEAR_RE = re.compile(r"\s*年(?!均|度|底|末|内)[\u4e00-\u9fa5]")
# what a year produces: its total is that year's, not a level carried over
_FLOW_QUANTITY_RE = re.compile(r"产值|总产|产量|营业收入|营收|增加值|生产总值|GDP|投资|收入|销售额|交易额|总额|出口|进口")


def _period(d: Document, para: ParaState, sent: SentState, c: Cand, pre: str, comparator: str,
            flow: str, *, restated: bool = False) -> tuple[int | None, str]:
    """(target_year, period) per the conventions: 'annual' for a flow or rate of one year (the
    work plan's year, 2024年全市…, 每年), 'by_year' for a level due by a year, 'multi_year:<span>'
    for a horizon without an end year (3-5年, 三年倍增). A target `restated` beside its result is
    of the year the result is: the paragraph's, else the year the document reviews (a plan
    report's 全年 is the year it reports on)."""
    if restated and (para.report_year or d.review_year):
        return para.report_year or d.review_year, "annual"
    if sent.every_year_here or (sent.every_year and not _is_stock(c, pre, flow)):
        return None, "annual"
    if c.type == "double" and c.horizon:
        return None, f"multi_year:{c.horizon}"
    if sent.lead_year:
        # '2019年年初,…主要预期目标是…增长7%左右': the sentence's own year, unless it sets a frame
        return sent.lead_year, "by_year" if _is_stock(c, pre, flow) else "annual"
    if para.frame_year:
        if para.frame_kind in ("bare", "section") and not _is_stock(c, pre, flow):
            return para.frame_year, "annual"
        return para.frame_year, "by_year"
    if para.horizon:
        return None, para.horizon
    if c.type == "tier":
        return None, ""
    if sent.this_year or para.this_year:
        # 今年/全年/年内: the year the document plans for (a work report's 今年 is its own year);
        # a text that names no year of its own still says the goal is the year's
        return d.plan_year or d.doc_year, "by_year" if _is_stock(c, pre, flow) else "annual"
    if d.plan_end_year and not d.annual_year:
        return d.plan_end_year, "by_year"      # 三年行动方案(2024—2026年)
    if d.plan_year:
        return d.plan_year, "by_year" if _is_stock(c, pre, flow) else "annual"
    if para.report_year:
        # '2023年,我区完成…。其中,…引进优强企业16家(任务数13家)': a target restated beside a
        # result is for the year the paragraph reports on
        return para.report_year, "annual"
    if re.search(r"同比", pre):
        return None, "annual"
    return None, ""
