"""Vocabulary of the figure parser: text normalisation, subject tokens and metric resolution.

Everything here works on *normalised* text (see `normalise`): full-width ASCII folded to
half-width and common traditional characters folded to simplified ones, one character for one
character, so offsets found in the normalised text are valid in the original.

A figure's subject is read as a sequence of tokens: an *entity* (规模以上工业, 高技术制造业,
固定资产投资 ...), a *measure* (增加值, 产值, 营业收入, 企业 ...), flags (新增, 净增, 年末),
fillers that carry no meaning for the metric (全年, 全市, 同比, 按可比价格计算 ...), period and
year markers, and region names. Anything left over is *residual*: a word the parser does not
know, which means the figure is about something else (装备制造业, 民营企业, 粮食产量 ...) and must
not be mapped to a catalog metric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from orchestration.extract.numbers import to_halfwidth

# --------------------------------------------------------------------------------------------
# Normalisation

# Traditional -> simplified, for the characters bulletin text (and its many mirror sites in
# traditional script) uses around the figures we read. One character to one character.
_TRAD_PAIRS = """
規规 業业 產产 總总 長长 億亿 萬万 戶户 術术 發发 經经 濟济 費费 資资 設设 強强 佔占 與与 驗验 試试
點点 個个 較较 營营 額额 數数 門门 類类 製制 計计 價价 後后 實实 現现 縣县 區区 統统 報报 國国 會会
為为 爲为 於于 兩两 開开 體体 際际 環环 減减 應应 創创 進进 這这 專专 項项 務务 農农 稅税 財财 貸贷
銷销 貨货 運运 輸输 電电 車车 機机 裝装 備备 構构 礦矿 採采 熱热 氣气 煉炼 屬属 據据 測测 預预 約约
餘余 達达 對对 當当 廣广 東东 穩稳 質质 優优 鎮镇 鄉乡 單单 標标 準准 級级 從从 並并 將将 樣样 戰战
興兴 淨净 認认 內内 擁拥 轉转 漲涨 聯联 調调 態态 勢势 續续 顯显 網网 協协 廠厂 動动 勞劳 華华 衛卫
雙双 嚴严 處处 廳厅 義义 紀纪 錄录 歷历 彙汇 匯汇 齊齐 儘尽 學学 醫医 藥药 療疗 綜综 細细 紡纺 織织
銀银 鋼钢 鐵铁 鋁铝 銅铜 線线 歲岁 權权 償偿 場场 園园 間间 關关 頭头 隊队 陽阳 陰阴 蕪芜 馬马 慶庆
黃黄 蕭萧 碭砀 靈灵 橋桥 負负 虧亏 稱称 積积 極极 佈布 擴扩 幣币 買买 賣卖 紮扎 純纯 號号 週周 臺台
颱台 舊旧 導导 築筑 剛刚 檢检 鄰邻 韓韩 韋韦 龍龙 鳳凤 鳴鸣 壽寿 懷怀 穀谷 糧粮 漁渔 飲饮 訊讯 誌志
紹绍 徵征 瑯琅 鋰锂 範范 氫氢 傳传 災灾 參参 貿贸 豐丰 蘭兰 離离 無无 幾几 遠远 邊边 連连 選选 遞递
鍊链 鏈链 鏡镜 蘇苏 滬沪 閩闽 贛赣 瀋沈 雲云 願愿 證证 評评 譯译 講讲 許许 論论 諸诸 謀谋 議议 讓让
變变 讀读 說说 請请 語语 謝谢 誠诚 詢询 確确 壓压 廢废 歸归 嶺岭 島岛 獎奖 頻频 題题 風风 飛飞 館馆
驅驱 鬥斗 魚鱼 鳥鸟 鹽盐 麥麦 黨党 齒齿
"""
_TRAD_MAP = {pair[0]: pair[1] for pair in _TRAD_PAIRS.split()}
# Dashes and tildes that separate month ranges (1—4月, 1－4月, 1~4月) all become "-".
_DASHES = {"—": "-", "–": "-", "―": "-", "~": "-", "〜": "-", "‐": "-", "−": "-"}


def normalise(text: str) -> str:
    """Half-width, simplified, dash-folded copy of `text` with identical length and offsets."""
    half = to_halfwidth(text)
    out = "".join(_DASHES.get(ch, _TRAD_MAP.get(ch, ch)) for ch in half)
    assert len(out) == len(text)
    return out


# --------------------------------------------------------------------------------------------
# Numbers

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
CN_NUM = r"[零〇一二两三四五六七八九十百千万]+"
CN_PCT = r"[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?"
CN_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"

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
    from orchestration.extract.numbers import parse_chinese_integer

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


# --------------------------------------------------------------------------------------------
# Subject tokens

# Entities. Keys are resolved by `resolve_metric`.
ABOVE = "above"          # 规模以上工业 (企业)
MFG = "mfg"              # 制造业
HTM = "htm"              # 高技术制造业 (NBS)
HTI = "hti"              # 高新技术产业 (Anhui definition)
SEI = "sei"              # 战略性新兴产业
HTE = "hte"              # 高新技术企业 (certified firms)
INDUSTRY = "industry"    # bare 工业
TECHRENO = "techreno"    # 工业技术改造投资
INDINV = "indinv"        # 工业投资
FAI = "fai"              # 固定资产投资
GDP = "gdp"              # 地区生产总值
RD = "rd"                # R&D 经费
RD_SCOPED = "rd_scoped"  # R&D of a sub-population (规上工业企业R&D): no catalog metric

# Measures.
VA, OUTPUT, REVENUE, INV, FIRMS, EXPEND = "va", "output", "revenue", "inv", "firms", "expend"

_P = r"(?:\([^()]{0,16}\))?"  # an optional parenthetical: (GDP), (R&D), (不含农户)

# (regex, kind, attributes). kind is one of entity, measure, flag, filler, scope, foreign,
# target, single_period. Longest match wins at each position; ties go to the earlier entry.
_TOKEN_SPECS: list[tuple[str, str, dict]] = [
    # entities
    (r"规模以上工业企业|规上工业企业|规模工业企业", "entity", {"entity": ABOVE, "weak": FIRMS}),
    (r"规模以上工业|规上工业|规模工业", "entity", {"entity": ABOVE}),
    (r"(?:新增|新)?(?:入规|进规|小升规|升规|纳规)(?:工业)?企业", "entity",
     {"entity": ABOVE, "weak": FIRMS, "flag": "new"}),
    (r"规模以上|规上", "scope", {}),
    (r"高技术制造业|高技术制造", "entity", {"entity": HTM}),
    (r"高新技术产业", "entity", {"entity": HTI}),
    (r"战略性新兴产业|战略新兴产业|战新产业|战略性新兴产业企业", "entity", {"entity": SEI}),
    (r"(?:国家级?)?高新技术企业|(?:国家级?)?高企", "entity", {"entity": HTE, "weak": FIRMS}),
    (r"制造业", "entity", {"entity": MFG}),
    (r"工业(?:固定资产)?投资|工业固投", "entity", {"entity": INDINV, "measure": INV}),
    (r"(?:工业)?(?:技术改造|技改)(?:投资|投入)?", "entity",
     {"entity": TECHRENO, "measure": INV}),
    (r"(?:全社会)?固定资产投资" + _P + r"|固投", "entity", {"entity": FAI, "measure": INV}),
    (r"(?:地区)?生产总值" + _P + r"|GDP|经济总量", "entity", {"entity": GDP}),
    (r"(?:研究与试验发展|研究和试验发展|研究与实验发展|研究与开发|研发|R&D|R&amp;D|全社会研发)"
     + _P + r"(?:经费)?", "entity", {"entity": RD}),
    (r"工业", "entity", {"entity": INDUSTRY}),
    # measures
    (r"增加值", "measure", {"measure": VA}),
    (r"总产值|产值", "measure", {"measure": OUTPUT}),
    (r"营业收入|主营业务收入|营收", "measure", {"measure": REVENUE}),
    (r"投资额|投资|投入", "measure", {"measure": INV}),
    (r"企业数量|企业数|企业|户数|家数", "measure", {"measure": FIRMS}),
    (r"经费支出|支出|经费投入", "measure", {"measure": EXPEND}),
    # flags
    (r"新增|新认定|新培育|新入统|新纳入", "flag", {"flag": "new"}),
    (r"净增|净增加", "flag", {"flag": "net"}),
    # fillers (carry nothing for the metric; some carry a period or a qualifier)
    (r"全年|当年|年内|本年|本年度|本期|今年|今年以来|年初以来|1月以来|全社会|全部", "filler", {}),
    (r"年末|年底|末", "filler", {"period": "Y"}),
    (r"全省|全市|全县|全区|我省|我市|我县|我区|本省|本市|本县|本区|市本级|全州", "filler",
     {"home": True}),
    (r"其中|其中:|在此基础上", "filler", {}),
    (r"同比|比上年同期|比去年同期|较上年同期|较去年同期|与上年同期相比|与去年同期相比|"
     r"比上年|较上年|比去年|较去年|与上年相比|与去年相比|比上年末|较上年末|比去年末|比年初",
     "filler", {}),
    (r"按可比价格计算|按可比价计算|按不变价格计算|按可比口径计算|按可比价|可比价|按现价计算|"
     r"扣除价格因素|实际|名义|同口径", "filler", {}),
    (r"经?初步核算|据初步核算|初步测算|初步统计|据统计|快报", "filler",
     {"qualifier": "初步核算"}),
    (r"预计", "filler", {"qualifier": "预计"}),
    (r"约|大约", "filler", {"qualifier": "约"}),
    (r"实现|完成|累计完成|累计实现|累计|达到|达|为|是|共有|共|拥有|有|总计|合计|计|"
     r"总额|总量|规模|总数|数量|数|个数|的|了|完成额|完成了|实现了|继续|保持|"
     r"有效期内|有效|认定|存量|在库|在统|入库|运行|主要|各项|指标|中|一般|分别|均", "filler", {}),
    (r"和|及|与|以及", "filler", {"conj": True}),
    (r"\d+万元以上|\d+万元及以上|500万元以上|500万元及以上", "filler", {}),
    (r"增速|增幅|增长率|增长速度", "filler", {}),
    # a share named before its change (比重比上年提高0.8个百分点): only a pp change may follow
    (r"比重|占比|比例|投入强度|强度", "share_word", {}),
    # bound words: 突破2000亿元 is not a figure (the caller skips it) but keeps the subject
    (r"突破|超过|超出|逾|接近|将近|近|不足|不到|超", "bound", {}),
    (r"(?:突破|超过|超|逾|跨上|迈上|站上|达到|接近)[\d.一二两三四五六七八九十百千万]*(?:万亿|千亿|百亿|亿|万)元?"
     r"(?:大关|台阶|级)?", "bound", {}),
    # comparisons with another year, period or place (checked by the caller)
    (r"(?:比|较|与)\d{4}年(?:同期)?(?:相比)?", "cmp", {}),
    (r"(?:比|较|高于|低于|快于|慢于|与)(?:一季度|上半年|前三季度|上月|上季度|上年全年|全国|全省|全市|"
     r"1-\d+月份?|前\d+个?月|\d+月份?)(?:相比)?", "cmp", {}),
    # markers that mean the figure is not the region's own, or not an actual
    (r"全国|全省平均|中部|长三角|东部|西部|沿海", "foreign", {}),
    (r"目标|力争|确保|争取|预期|计划|努力|要求|任务", "target", {}),
    (r"当月|本月|单月", "single_period", {}),
]



def _longest_first(rx: str) -> str:
    """Reorder a plain `a|bc|d` alternation longest first (regex alternation is first-match)."""
    if "(" in rx or "[" in rx or "\\" in rx:
        return rx
    return "|".join(sorted(rx.split("|"), key=len, reverse=True))


TOKEN_PATTERNS = [(re.compile(_longest_first(rx)), kind, attrs) for rx, kind, attrs in _TOKEN_SPECS]

# Period markers (tried like tokens). Values: "Mnn" cumulative months, "Y", or "single".
PERIOD_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?:(?P<year>\d{4})\s?年)?\s?(?:1|一|01)\s?月?份?\s*(?:-|至|到|一)+\s*"
                r"(?P<m>" + CN_MONTH + r")\s?月份?"), "range"),
    (re.compile(r"(?:今年)?前(?P<m>" + CN_MONTH + r"|两)个?月份?"), "range"),
    (re.compile(r"(?:第一|一|1|首)季度|首季|一季"), "q1"),
    (re.compile(r"上半年|1-2季度"), "h1"),
    (re.compile(r"前三季度|前3季度|1-3季度"), "q3"),
    (re.compile(r"(?:第[二三四]|[二三四234])季度|下半年"), "single"),
    (re.compile(r"(?P<m>" + CN_MONTH + r")月(?P<end>末|底)"), "month_end"),
    (re.compile(r"(?P<m>" + CN_MONTH + r")月份?(?![\d日号])"), "month"),
]
# A year; not one that is part of a date (2023年4月10日).
YEAR_PATTERN = re.compile(r"(?P<year>(?:19|20)\d{2}|[二][〇○零][〇○零一二三四五六七八九]{2})\s?年(?P<end>末|底)?"
                          r"(?!\d{1,2}月\d{1,2}日|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)")


@dataclass
class Token:
    kind: str
    start: int
    end: int
    attrs: dict = field(default_factory=dict)


def _period_token(text: str, pos: int) -> Token | None:
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


def _year_token(text: str, pos: int) -> Token | None:
    m = YEAR_PATTERN.match(text, pos)
    if not m:
        return None
    raw = m.group("year")
    if raw.isdigit():
        year = int(raw)
    else:
        from orchestration.extract.numbers import parse_chinese_integer

        year = parse_chinese_integer(raw.replace("○", "〇"))
    attrs = {"year": year}
    if m.group("end"):
        attrs["period"] = "Y"
    return Token("year", m.start(), m.end(), attrs)


_FOOTNOTE = re.compile(r"\[\d{1,2}\]|〔\d{1,2}〕|[①②③④⑤⑥⑦⑧⑨⑩]|注\d")
_SKIP_CHARS = set(" \t\r\u3000,,、:;()[]【】“”\"'‘’《》<>·•-/")
_RESIDUAL = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


@dataclass
class Tokens:
    items: list[Token]
    residual: str


def tokenize(text: str, start: int, end: int, region_rx: re.Pattern | None = None) -> Tokens:
    """Read text[start:end] as subject tokens; collect what no token explains as residual."""
    items: list[Token] = []
    residual: list[str] = []
    pos = start
    while pos < end:
        ch = text[pos]
        if ch in "((":
            close = text.find(")", pos, min(end, pos + 24))
            if close != -1:
                pos = close + 1
                continue
        foot = _FOOTNOTE.match(text, pos, end)
        if foot:  # 生产总值(GDP)[2]3071.5亿元
            pos = foot.end()
            continue
        if ch in _SKIP_CHARS:
            pos += 1
            continue
        best: Token | None = None
        for tok in (_period_token(text, pos), _year_token(text, pos)):
            if tok and tok.end <= end and (best is None or tok.end > best.end):
                best = tok
        for rx, kind, attrs in TOKEN_PATTERNS:
            m = rx.match(text, pos, end)
            if m and m.end() > pos and (best is None or m.end() > best.end):
                best = Token(kind, pos, m.end(), dict(attrs))
        if region_rx is not None:
            m = region_rx.match(text, pos, end)
            if m and (best is None or m.end() > best.end):
                best = Token("region", pos, m.end(), {"name": m.group(0)})
        if best is None:
            if _RESIDUAL.match(ch):
                residual.append(ch)
            pos += 1
            continue
        items.append(best)
        pos = best.end
    return Tokens(items, "".join(residual))


# --------------------------------------------------------------------------------------------
# Subjects and metric resolution


@dataclass
class Subject:
    entity: str | None = None
    measure: str | None = None
    weak_measure: str | None = None
    flags: frozenset = frozenset()
    start: int | None = None
    region: str | None = None
    end: int | None = None  # set when the subject follows its count (新增127户规上工业企业)

    def effective_measure(self) -> str | None:
        return self.measure or self.weak_measure


def subject_from(tokens: Tokens) -> Subject | None:
    """Combine entity/measure/flag tokens into one subject (None when there are none)."""
    entities = [t for t in tokens.items if t.kind == "entity"]
    measures = [t for t in tokens.items if t.kind == "measure"]
    flags = {t.attrs["flag"] for t in tokens.items if "flag" in t.attrs}
    if not entities and not measures and not flags:
        return None
    entity = None
    weak = None
    measure = None
    for tok in entities:
        new = tok.attrs["entity"]
        if new == RD and entity is not None and entity != RD:
            new = RD_SCOPED  # 规模以上工业企业R&D经费: a narrower numerator, not the region's
        if entity == INDUSTRY and new == FAI:
            new = INDINV
        elif entity in (TECHRENO, INDINV) and new == INDUSTRY:
            continue
        entity = new
        weak = tok.attrs.get("weak")
        measure = tok.attrs.get("measure")
    for tok in measures:
        if tok.start > (entities[-1].start if entities else -1) or measure is None:
            m = tok.attrs["measure"]
            if entity == INDUSTRY and m == INV:
                entity, measure = INDINV, INV
            elif entity in (TECHRENO, INDINV, FAI) and m == INV:
                measure = INV
            else:
                measure = m
    starts = [t.start for t in tokens.items
              if t.kind in ("entity", "measure", "scope") or "flag" in t.attrs]
    return Subject(entity, measure, weak, frozenset(flags), min(starts) if starts else None)


_INDUSTRIAL_DENOM = re.compile(r"工业|规上|规模以上|产值|增加值|营业收入|^$")


def resolve_metric(subject: Subject, basis: str, *, keyword: str = "",
                   denom: str = "") -> str | None:
    """Catalog metric code for a subject and a figure basis, or None when there is none.

    basis: growth, amount (亿元-like level), count (户/家/个 level), share.
    """
    e, m = subject.entity, subject.measure
    mw = subject.effective_measure()
    flags = subject.flags
    if basis == "growth":
        if e == ABOVE:
            return {None: "industry_va_growth_pct", VA: "industry_va_growth_pct",
                    OUTPUT: "above_scale_industrial_output_growth_pct",
                    REVENUE: "above_scale_industrial_revenue_growth_pct"}.get(m)
        if e == MFG and m == VA:
            return "manufacturing_va_growth_pct"
        if e == HTM and m in (None, VA):
            return "high_tech_manufacturing_va_growth_pct"
        if e == HTI and m in (None, VA):
            return "high_tech_industry_va_growth_pct"
        if e == SEI and m in (None, OUTPUT):
            return "strategic_emerging_output_growth_pct"
        if e == SEI and m == VA:
            return "strategic_emerging_va_growth_pct"
        if e == TECHRENO and m in (None, INV):
            return "tech_renovation_investment_growth_pct"
        if e == INDINV and m in (None, INV):
            return "industrial_investment_growth_pct"
        if e == FAI and m in (None, INV):
            return "fixed_asset_investment_growth_pct"
        if e == GDP and m is None:
            return "gdp_growth_pct"
        if e == RD and m in (None, EXPEND, INV):
            return "rd_expenditure_growth_pct"
        return None
    if basis == "amount":
        if e == ABOVE and m == OUTPUT:
            return "above_scale_industrial_output"
        if e == ABOVE and m == REVENUE:
            return "above_scale_industrial_revenue"
        if e == MFG and m == OUTPUT:
            return "manufacturing_output_value"
        if e == TECHRENO and m in (None, INV):
            return "tech_renovation_investment"
        if e == INDINV and m in (None, INV):
            return "industrial_investment"
        if e == FAI and m in (None, INV):
            return "fixed_asset_investment"
        if e == GDP and m is None:
            return "gdp"
        if e == RD and m in (None, EXPEND, INV):
            return "rd_expenditure"
        return None
    if basis == "count":
        if e == ABOVE and mw in (None, FIRMS):
            if "net" in flags:
                return "above_scale_firms_net_increase"
            if "new" in flags:
                return "above_scale_firms_new"
            return "above_scale_industrial_firms"
        if e == HTE and mw in (None, FIRMS) and not flags:
            return "high_tech_enterprises"
        return None
    if basis == "share":
        industrial = bool(_INDUSTRIAL_DENOM.search(denom))
        if e == RD and (keyword == "强度" or re.search(r"生产总值|GDP|经济总量", denom)):
            return "rd_intensity_pct"
        if keyword == "强度" or not industrial:
            return None
        if e == HTM and m in (None, VA) and "产值" not in denom:
            return "high_tech_manufacturing_va_share_pct"
        if e == HTI:
            if m == OUTPUT or (m is None and "产值" in denom):
                return "high_tech_industry_output_share_pct"
            if m in (None, VA):
                return "high_tech_industry_va_share_pct"
        if e == SEI and m in (None, OUTPUT) and "增加值" not in denom:
            return "strategic_emerging_output_share_pct"
        return None
    return None


# --------------------------------------------------------------------------------------------
# Regions


@lru_cache(maxsize=1)
def _region_table() -> dict[str, tuple[str, str]]:
    """Every region name and alias (regions.csv, groups left out) -> (official name, code)."""
    table: dict[str, tuple[str, str]] = {}
    try:
        from orchestration.reference import regions

        rows = regions()
    except Exception:  # regions.csv absent or malformed: names come from the fallback regex
        return table
    for row in rows:
        if row.get("level") == "group":
            continue
        name, code = row["region_name"].strip(), row["region_code"].strip()
        for alias in [name, *(row.get("aliases") or "").split("|")]:
            alias = alias.strip()
            if len(alias) >= 2 and not alias.isdigit():
                table.setdefault(alias, (name, code))
    return table


def _region_names() -> tuple[str, ...]:
    return tuple(sorted(_region_table(), key=len, reverse=True))


_NOT_IN_NAME = "全本我各该年末月日的和与及在了中其共有为是比较同上下内外城都超省市县区新老大小规工业企"
_FALLBACK_REGION = (r"[^\x00-\u4dff" + _NOT_IN_NAME + r"]{1,3}?(?:省|市|县)"
                    r"(?!级|场|区|域|委|政府|属|长|民)")


@lru_cache(maxsize=1)
def region_regex() -> re.Pattern:
    alts = [re.escape(n) for n in _region_names() if not n.startswith(("全", "本", "我"))]
    alts.append(_FALLBACK_REGION)
    return re.compile("|".join(alts))


def canonical_region(name: str | None) -> tuple[str | None, str | None]:
    """(official name, six-digit code) of a region name or alias; the name as given if unknown."""
    if not name:
        return None, None
    hit = _region_table().get(name)
    if hit:
        return hit
    try:
        from orchestration.reference import region_code

        return name, region_code(name)
    except Exception:
        return name, None
