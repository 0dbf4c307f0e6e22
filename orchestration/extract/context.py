"""What holds for a whole document: its title, kind, issuing region, date and the years it speaks
of. The reader builds one ``Document`` per text and passes it (never module state) to the parts
that read targets and actuals.

The kind decides how a sentence without a cue of its own is read: a plan's bare "培育…企业50家"
is a target; a progress report's or a bulletin's bare "新增规上工业企业127家" is an actual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from orchestration.extract import lexicon
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import periods, regions

KINDS = ("plan", "task_list", "work_report", "plan_execution", "progress", "bulletin", "news", "unknown")

# Title words by kind, most specific first (a 计划执行情况 report is not a plan).
_KIND_RULES: list[tuple[str, re.Pattern]] = [
    ("plan_execution", re.compile(r"计划执行情况|执行情况与.{0,12}计划|计划(?:草案)?的报告")),
    # (a breakdown of a work report's tasks is a task list: 《政府工作报告》确定的主要目标任务责任分解方案)
    ("task_list", re.compile(r"任务分解|责任分解|分解方案|责任清单|任务清单|清单|台账|分解表|汇总表|一览表")),
    ("work_report", re.compile(r"政府工作报告|工作报告")),
    ("progress", re.compile(r"完成情况|进展情况|落实情况|推进情况|工作总结|总结|成效|运行情况|经济运行|工业运行|"
                            r"发展情况|取得.{0,6}成效|成绩单")),
    ("bulletin", re.compile(r"统计公报|公报|统计局|主要统计指标|统计数据|经济数据")),
    ("plan", re.compile(r"方案|意见|计划|要点|规划|措施|办法|通知|纲要|行动|目标任务|工作安排|部署|实施")),
]

_DATE_LINE_RE = re.compile(r"^\s*(?:[(\-]{0,3})?(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_RE = re.compile(r"(20\d{2})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?")
_ANNUAL_RE = re.compile(
    r"(?<![-~至\d])(\d{4})年度?[^,;。:\n()“”]{0,20}?(?:工作要点|工作计划|重点工作|工作任务|工作安排|推进计划|行动计划|实施计划|"
    r"目标任务|主要目标|计划草案|国民经济和社会发展计划(?!执行))")
_REPORT_YEAR_RE = re.compile(r"回顾(?:了|过去)?(\d{4})年(?:的)?工作|(?:对于|关于|部署|谈到)(\d{4})年(?:的)?工作")
_ABBREV_RE = re.compile(r"([\u4e00-\u9fa5]{2,20}?)(?:\([^()]{1,8}\))?\(以下简称[“\"]([^”\"]{1,8})[”\"]\)")
_TITLE_WORDS = re.compile(r"关于|方案|意见|计划|要点|通知|办法|规划|措施|纲要|人民政府|办公室|办公厅|委员会|领导小组|来源|报告")


@dataclass(frozen=True)
class Document:
    """A document as the reader sees it (offsets are into the normalised text ``t``)."""

    t: str
    doc: str
    title: str
    title_end: int
    kind: str
    issuing: str | None
    issuing_level: str | None
    doc_year: int | None          # the year the document was written
    annual_year: int | None       # the year of an annual work plan ('2023年工作要点')
    plan_end_year: int | None     # '三年行动方案(2024—2026年)' -> 2026
    scope: tuple[str, str] | None  # '县域特色产业集群(以下简称“集群”)'
    title_year: int | None = None  # a year the title names
    text_year: int | None = None   # the one year a text with no date and no title year speaks of

    @property
    def plan_year(self) -> int | None:
        """The year a target with no year of its own is for: an annual work plan's year, the year
        a work report or plan report is delivered in (its 今年), a news item's or task list's year;
        None for a multi-year plan (its targets carry their own years)."""
        if self.annual_year:
            return self.annual_year
        if self.kind == "plan" and len(self.title_years) == 1 and not self.plan_end_year:
            return self.title_year            # 有效投资专项行动方案(2023)
        if self.kind == "plan_execution":
            return max(self.title_years, default=None) or self.doc_year
        if self.kind in ("work_report", "news", "task_list", "progress"):
            return self.title_year or self.doc_year or (self.text_year if self.kind != "work_report" else None)
        if self.kind == "unknown":
            return self.doc_year or self.text_year     # a dated page of no known kind: its year
        return None

    @property
    def review_year(self) -> int | None:
        """The year a review part speaks of: a work report or plan report delivered early in year
        N reviews N-1."""
        if self.kind == "plan_execution" and len(self.title_years) > 1:
            return min(self.title_years)
        year = self.title_year or self.doc_year
        if year is None:
            return None
        return year - 1 if self.kind in ("work_report", "plan_execution") else year

    @property
    def title_years(self) -> list[int]:
        years = [periods.year_value(m.group("year")) for m in periods.YEAR_RE.finditer(self.title or "")]
        return years or [int(y) for y in _TITLE_BARE_YEAR_RE.findall(self.title or "")]


def build(t: str, *, doc: str = "-", issuing_region: str | None = None, published: str | int | None = None,
          title: str | None = None, kind: str | None = None) -> Document:
    """Infer the document's context from its text (and whatever metadata the caller knows)."""
    found_title, title_end = _title(t)
    title = title or found_title
    issuing = issuing_region or infer_region(t, title)
    if issuing:
        issuing = regions.canonical(issuing)
        if not issuing_region:
            issuing = own_park(title, issuing)
    pub_year = int(str(published)[:4]) if published and str(published)[:4].isdigit() else None
    title_year = _title_year(title)
    doc_year = pub_year or infer_doc_year(t, title)
    return Document(
        t=t, doc=doc, title=title, title_end=title_end,
        kind=kind or infer_kind(title, t),
        issuing=issuing, issuing_level=regions.level(issuing) if issuing else None,
        doc_year=doc_year, annual_year=infer_annual_year(t), plan_end_year=infer_plan_end_year(t),
        scope=infer_scope(t), title_year=title_year,
        text_year=None if doc_year or title_year else infer_text_year(t),
    )


_NAV_RE = re.compile(r"您的位置|当前位置|今天是|官方微信|官方微博|首页|登录|注册|浏览次数|字号|打印|收藏|分享|扫一扫|"
                     r"发布时间|来源[::]|信息来源|发布日期|索\s*引\s*号|发文字号|成文日期|点击|阅读|责任编辑|\||"
                     # the label of a link to another page: 今日特推: 某区人大会议开幕
                     r"今日特推|今日推荐|热点推荐|推荐阅读|相关阅读|相关新闻|热门文章|上一篇|下一篇")
_CITED_RE = re.compile(r"(?:印发|发布|出台|制定|审议通过|公布|关于印发)[^《]{0,12}《([^《》]{6,80})》")


def is_navigation(line: str) -> bool:
    """A web page's navigation, date or counter line (首页 | 登录, 浏览次数, 来源:… 点击:1215次)."""
    return len(line) <= 120 and bool(_NAV_RE.search(line)) and not re.search(r"[。;]", line)


_FORWARDING_RE = re.compile(r"印发给你们|现予印发|现印发|现将[^。]{0,40}印发")


def _title(t: str) -> tuple[str, int]:
    """The document's title line among its first lines (navigation and date lines skipped), and
    where it ends; else the title of the document a notice or news item says it issues."""
    spans = tc.lines(t)[:12]
    if len(spans) < 2:
        return "", 0          # a single line (a sentence) has no title
    for (s, e), (s2, e2) in zip(spans, spans[1:]):
        # a page copy that repeats its headline as the body's lead ('打造…!某区2024年政府工作报告发布' then
        # '打造…发布1月4日,…'): that headline, whatever link to another page comes before it
        line = t[s:e].strip()
        if 8 <= len(line) <= 80 and "。" not in line and t[s2:e2].strip().startswith(line) and e2 - s2 > e - s:
            return line, e
    fallback = None
    for s, e in spans:
        line = t[s:e].strip()
        if _NAV_RE.search(line) or re.fullmatch(r"[\d\-:年月日\s]+", line) or line.endswith(":") or \
                (tc.heading(t, s, e) and not _TITLE_WORDS.search(line)):
            continue
        if len(line) <= 80 and "。" not in line and (_TITLE_WORDS.search(line) or any(
                rx.search(line) for _, rx in _KIND_RULES)):
            return line, e
        if len(line) <= 60 and "。" not in line and not re.search(r"[;,:)]$|^\(", line) and (
                fallback is None or (not regions.matches(fallback[0]) and regions.matches(line))):
            fallback = (line, e)      # the first line that reads as a headline, one naming a region first
        if len(line) > 80 and not _FORWARDING_RE.search(line):
            break       # (a notice's forwarding paragraph, …现印发给你们, comes before the title it issues)
    m = _CITED_RE.search(t[:600])
    if m:
        return m.group(1), 0
    return fallback or ("", 0)


# a title's year written alone in brackets: '有效投资专项行动方案(2023)'
_TITLE_BARE_YEAR_RE = re.compile(r"\(((?:19|20)\d{2})\)")


def _title_year(title: str) -> int | None:
    """The year a title is about: '2025年工作要点' -> 2025; the first year of a span; 方案(2023) -> 2023."""
    m = periods.YEAR_RE.search(title or "")
    if m:
        return periods.year_value(m.group("year"))
    m = _TITLE_BARE_YEAR_RE.search(title or "")
    return int(m.group(1)) if m else None


# In the opening text (not the title) only the names of kinds of documents count: a body's
# 实施 or 部署 says nothing of what the document is.
_BODY_KIND_RULES: list[tuple[str, re.Pattern]] = [
    ("plan_execution", re.compile(r"计划执行情况")),
    ("work_report", re.compile(r"政府工作报告|向大会报告(?:政府)?工作")),
    ("bulletin", re.compile(r"统计公报|经济运行情况|统计局发布|经初步核算")),   # (经初步核算,全市实现地区生产总值…)
    ("progress", re.compile(r"完成情况|进展情况|落实情况|工作总结")),
    ("plan", re.compile(r"工作要点|实施方案|行动方案|行动计划|实施意见|指导意见|若干措施|印发")),
]


def infer_kind(title: str, t: str) -> str:
    """The kind the title names; else the kind of document the opening text names; a headline
    that names none is news."""
    for kind, rx in _KIND_RULES:
        if title and rx.search(title):
            return kind
    for kind, rx in _BODY_KIND_RULES:
        if rx.search(t[:400]):
            return kind
    return "news" if title else "unknown"


# The people's congress a work report is delivered to, or whose session a news item reports:
# '——2024年1月6日在霍邱县第十八届人民代表大会第三次会议上', '长丰县十二届人大四次会议开幕'.
_CONGRESS_RE = re.compile(r"第?[一二三四五六七八九十]{1,3}届\s*(?:人民代表大会|人大)")  # a PDF copy breaks the line


def congress_region(t: str) -> str | None:
    """The known region named right before the congress session in the opening text: the body
    a work report is given to is the region it speaks for, whatever the page's headline or
    outlet names (a province's news site, a spaced-out 政 府 工 作 报 告 title)."""
    for m in _CONGRESS_RE.finditer(t, 0, 800):
        ls = t.rfind("\n", 0, m.start()) + 1
        le = t.find("\n", m.start())
        if is_navigation(t[ls:le if le >= 0 else len(t)]):
            continue        # '今日特推: 某市某区十三届人大四次会议开幕': another page's headline
        found = [r for r in regions.matches(t, max(0, m.start() - 12), m.start())
                 if r.end() == m.start() and not regions.GENERIC_RE.match(r.group())]
        if found:
            region = regions.lookup(found[-1].group())
            if region is not None and region.level != "group":
                return regions.canonical(found[-1].group())
        # a region the table does not know (another province's county): the name after 在
        um = _CONGRESS_UNKNOWN_RE.search(t, max(0, m.start() - 12), m.start()) or \
            _CONGRESS_AFTER_PARENT_RE.search(t, max(0, m.start() - 12), m.start())
        if um and um.end() == m.start() and not regions.GENERIC_RE.match(um.group(1)):
            return um.group(1)
    return None


# ('山东省菏泽市巨野县第十九届人民代表大会': the county after its city, the table knowing neither)
_CONGRESS_AFTER_PARENT_RE = re.compile(r"(?<=[省市])([^\x00-\u4dff省市县区年,。:、]{2,3}(?:市|县|区))")



_CONGRESS_UNKNOWN_RE = re.compile(r"在(" + regions.FALLBACK_NAME + r"|[^\x00-\u4dff全本我各该]{1,3}?区)")


# An issuer named at the head of a line the table does not know: '兰溪市人民政府关于…', '关于兰溪市2023年
# 国民经济和社会发展计划执行情况…的报告' (the 关于 of a report's title is no part of the name), '某某示范区2022年
# 国民经济和社会发展计划指标'.
_ISSUER_LINE_RE = re.compile(r"\s*(?:(?:关于|对于)([\u4e00-\u9fa5]{2,4}?(?:省|市|县|区))(?=\d{4}年)"
                            r"|(?!发布|发文|来源|信息|机构|制发)"      # (a page's label, 发布机构 区人民政府办公室)
                            r"([\u4e00-\u9fa5]{2,4}?(?:省|市|县|区))(?:人民政府|委|关于|[\u4e00-\u9fa5]|(?=\d{4}年)))")


_SALUTATION_RE = re.compile(r"[、,](?:[^,。;:]{0,20}?(?:各|有关)[^,。;:]{0,16})?[::]\s*$")


_TITLE_PLACE_RE = re.compile(r"(" + regions.FALLBACK_NAME + r")(?=人民政府|关于|\d{4}年|推动|加快|促进|支持|进一步|国民经济|制造业|工业)")


_SOURCE_BODY_RE = re.compile(r"(?:信息来源|来源|发布机构|发布单位)[::]\s*(" + regions.FALLBACK_NAME + r")"
                             r"(?=人民政府|政府|[\u4e00-\u9fa5]{0,8}(?:委员会|局|办公室|委|办)(?:$|\s))")


# (a name where a sentence or a date puts its subject: not 贯彻落实省市…)
_OPENING_PLACE_RE = re.compile(r"(?<![^,,。:、\s日在])" + regions.FALLBACK_NAME)
_PLACE_LINE_RE = re.compile(r"\s*(" + regions.FALLBACK_NAME + r")\s*")


def infer_region(t: str, title: str = "") -> str | None:
    """The issuing region: the region whose people's congress the opening text names; else the
    most specific known region in the title, or in an issuer line near the top (or the source
    line at the bottom); else the region the text names most often."""
    congress = congress_region(t)
    if congress:
        return congress
    own = self_named_region(title) if title else None
    if own:
        return regions.canonical(own)     # 长治市上党区国民经济和社会发展统计公报: the district
    # (not a notice's salutation, '某某区委、区政府,…各工作部门:': it names who receives the text)
    lines = tc.lines(t)
    spans = [sp for sp in lines[:16] if not _SALUTATION_RE.search(t, sp[0], sp[1])]
    candidates = spans[:1] + [sp for sp in spans[1:15] if _TITLE_WORDS.search(t[sp[0]:sp[1]])]
    candidates += [sp for sp in lines[-5:] if sp not in candidates and _TITLE_WORDS.search(t[sp[0]:sp[1]])]
    at = t.find(title) if title else -1
    if at >= 0:
        candidates.insert(0, (at, at + len(title)))
        # a title opening on a place the table does not know ('某某市推动制造业高质量发展实施方案'): that
        # place, before any known region the text names (its province's plan, cited)
        um = _TITLE_PLACE_RE.match(title)
        if um and not any(not regions.GENERIC_RE.match(m.group()) for m in regions.matches(title)):
            return um.group(1)
    for s, e in candidates:
        cited = [(m.start(), m.end()) for m in re.finditer(r"《[^》]*》", t[s:e])]
        found = [m for m in regions.matches(t, s, min(e, s + 60))
                 if not any(a <= m.start() - s < b for a, b in cited) and not regions.GENERIC_RE.match(m.group())]
        if found:
            # The first region named; '安徽省宿州市发改委' names the city inside its province.
            best = found[0]
            for m in found[1:]:
                if m.start() != best.end():
                    break
                best = m
            return regions.canonical(best.group())
    for s, e in candidates:
        m = _ISSUER_LINE_RE.match(t[s:e])
        name = m and (m.group(1) or m.group(2))
        if name and not regions.GENERIC_RE.match(name) and name not in _PARK_NAMES:   # (经开区2023年…: own_park)
            return name
    for s, e in candidates:
        # a page's source label naming a body of a place: '信息来源:某某市发展和改革委员会'
        m = _SOURCE_BODY_RE.search(t, s, e)
        if m and not regions.GENERIC_RE.match(m.group(1)):
            return m.group(1)
    # a page that opens on a place the table does not know ('7月23日,某某市半年经济工作会议通报称,全市…'):
    # that place, before any known name the text counts later (a firm called 太和气体 is no county)
    first = t[:200].split("。", 1)[0]
    for m in _OPENING_PLACE_RE.finditer(first):
        if not regions.GENERIC_RE.match(m.group()) and regions.lookup(m.group()) is None:
            return m.group()
    for s, e in lines[:16]:
        # a line naming only a place, as a digest heads each place's part ('宜昌市' then '2025年工作亮点')
        m = _PLACE_LINE_RE.fullmatch(t, s, e)
        if m and not regions.GENERIC_RE.match(m.group(1)):
            return regions.canonical(m.group(1))
    counts: dict[str, int] = {}
    parents: dict[str, int] = {}
    by_code = {r.code: r.name for r in regions.table().values()}
    for m in regions.matches(t):
        name = regions.canonical(m.group())
        region = regions.lookup(name)
        if not regions.GENERIC_RE.match(name) and (region is None or region.level != "group"):
            counts[name] = counts.get(name, 0) + 1
            if region is not None and region.level in ("county", "park") and region.parent in by_code:
                parents[by_code[region.parent]] = parents.get(by_code[region.parent], 0) + 1
    # '我市…舒城县…金安区…霍邱': a city's text names its counties, and itself only as 我市/全市
    if re.search(r"我市|全市|本市", t) and parents:
        city = max(parents, key=lambda k: parents[k])
        if parents[city] >= 2 and counts.get(city, 0) <= parents[city]:
            return city
    if counts:
        return max(counts, key=lambda k: counts[k])
    return self_named_region(t) or outlet_region(t) or unknown_region(t) or branch_region(t) or \
        headline_region(title, t)


def _own_level(t: str) -> str | None:
    """市 or 县 or 区: the level word a text uses of itself most (全市, 我县, 区政府, 区发改局 …)."""
    counts = {w: len(re.findall(rf"(?:全|我|本){w}|{w}(?:委|政府|人民政府|人大)|(?<![\u4e00-\u9fa5]){w}[\u4e00-\u9fa5]{{1,4}}局", t))
              for w in ("市", "县", "区")}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] and list(counts.values()).count(counts[best]) == 1 else None


# The branch of a city bureau named for the district it serves: '市生态环境局咸安分局', '市公安局某某分局'.
_BRANCH_RE = re.compile(r"市[\u4e00-\u9fa5]{2,12}?局([\u4e00-\u9fa5]{2})分局")


def branch_region(t: str) -> str | None:
    """A district the table does not know, named only by the city bureaus' branches in it, in a text
    that speaks of itself as a 区 (全区, 区政府, 区发改局)."""
    names = [m.group(1) for m in _BRANCH_RE.finditer(t)]
    if not names or _own_level(t) != "区":
        return None
    return max(set(names), key=names.count) + "区"


# A headline naming its place by the short name: '2010年某州经济社会发展预期目标', '某州:今年GDP增长8%'.
_HEADLINE_PLACE_RE = re.compile(r"(?:^|\d{4}年|[::])([^\x00-\u4dff" + regions._NOT_IN_NAME + r"今明去前后]{2})"
                                r"(?=经济|工业|发展|GDP|地区生产总值|[::])")


def headline_region(title: str, t: str) -> str | None:
    """The place a headline names by its short name, as a 市 or 县 by the office the text names
    (市长, 县长) or the level word it uses of itself."""
    m = _HEADLINE_PLACE_RE.search(title or "")
    if not m:
        return None
    mayor, head = t.count("市长"), t.count("县长")
    level = "市" if mayor > head else "县" if head > mayor else _own_level(t)
    return m.group(1) + level if level in ("市", "县") else None


# A place the region table does not hold (another province's park, city or county) as the subject
# opening a clause: a park name (张家界高新区, 某某经开区) or the fallback name of a city or county.
_UNKNOWN_PLACE_RE = re.compile(
    r"(?:^|(?<=[\s,;:。、]))(?:[\u4e00-\u9fa5]{0,6}?(?:省|市))?"
    r"([\u4e00-\u9fa5]{2,4}?(?:高新技术产业开发区|经济技术开发区|经济开发区|高新区|经开区|开发区)"
    r"|" + regions.FALLBACK_NAME + r")", re.M)
_NOT_PLACE_RE = re.compile(r"^(?:包括|实施|今日|完成|推动|支持|关于|加快|召开|位于|其中|全力|以及)")


# A place that names itself as the issuer of its own government text, whether or not the table
# knows it: '秀洲区人民政府发布…', '2023年某某区政府工作报告', '长治市上党区国民经济和社会发展统计公报'.
_SELF_NAMED_RE = re.compile(r"(?:^|(?<=[\s,。:(年省市]))([^\x00-\u4dff年省市县区,。:()、的和及与在]{2,3}(?:市|县|区))"
                            r"(?=人民政府|政府工作报告|国民经济和社会发展统计公报)", re.M)


def self_named_region(t: str) -> str | None:
    """The place the opening text names as the issuer of its work report, bulletin or notice (not
    a place inside a cited document's name, 《某市人民政府工作规则》)."""
    m = _SELF_NAMED_RE.search(re.sub(r"《[^《》]*》", lambda c: "《" + " " * (len(c.group()) - 2) + "》", t[:400]))
    if m and not regions.GENERIC_RE.match(m.group(1)):
        return m.group(1)
    # a notice's signature line: '蔡甸区人民政府办公室' on a line of its own
    m = _SIGNATURE_RE.search(t)
    return m.group(1) if m and not regions.GENERIC_RE.match(m.group(1)) else None


_SIGNATURE_RE = re.compile(r"^\s*([^\x00-\u4dff年省市县区,。:()、的和及与在]{2,3}(?:市|县|区))人民政府(?:办公室)?\s*$", re.M)


def unknown_region(t: str) -> str | None:
    """The issuing region of a text that names no region the table knows and no local outlet:
    the unknown place that opens a clause most often, at least twice (a park's conference report
    names itself as the subject of every paragraph; a page may name a passing place once)."""
    counts: dict[str, int] = {}
    for m in _UNKNOWN_PLACE_RE.finditer(t):
        name = m.group(1)
        if len(name) >= 3 and not name.endswith("省") and not regions.GENERIC_RE.match(name) \
                and not _NOT_PLACE_RE.match(name):
            counts[name] = counts.get(name, 0) + 1
    best = max(counts, key=lambda k: counts[k], default=None)
    if not best or counts[best] < 2:
        return None
    # '中山火炬开发区召开…。火炬开发区全年…': the park named once with its city is the full name
    full = [name for name in counts if name != best and name.endswith(best)]
    return max(full, key=len) if full else best


# A park's own report names it by its short form alone: '经开区2022年…工作总结'.
_OWN_PARK_RE = re.compile(r"^(?:(?:国家级|省级)?(?P<short>经开区|经济技术开发区|经济开发区|高新区|高新技术产业开发区))"
                          r"(?:管委会)?(?=\d{4}年|关于|[\u4e00-\u9fa5]{0,4}(?:工作|经济|发展|情况))")
_PARK_NAMES = {"经开区": ("经济技术开发区", "经济开发区"), "经济技术开发区": ("经济技术开发区",),
               "经济开发区": ("经济开发区",), "高新区": ("高新技术产业开发区",),
               "高新技术产业开发区": ("高新技术产业开发区",)}


def own_park(title: str, issuing: str) -> str:
    """The park of the issuing city or county whose title opens with the park's short name
    (经开区2022年经济社会发展总体情况 in a 芜湖 text: 芜湖经济技术开发区); the table's name where it holds
    the park, else the official form: 经济技术开发区 of a city, 经济开发区 of a county."""
    m = _OWN_PARK_RE.match(title or "")
    level = regions.level(issuing)
    if not m or level not in ("city", "county"):
        return issuing
    stem = re.sub(r"(?<=[\u4e00-\u9fa5]{2})(?:市|县)$", "", issuing)
    short = m.group("short")
    for name in (stem + short, issuing + short):
        if regions.lookup(name):
            return regions.canonical(name)
    forms = _PARK_NAMES[short]
    return stem + (forms[-1] if level == "county" else forms[0])


@lru_cache(maxsize=1)
def _outlet_re() -> re.Pattern:
    rows = lexicon.rows("outlets.csv")
    words = "|".join(row["pattern"] for row in rows if row["kind"] == "outlet")
    national = "|".join(row["pattern"] for row in rows if row["kind"] == "national")
    return re.compile(r"(?<![\u4e00-\u9fa5])(?!" + national + r")([\u4e00-\u9fa5]{2})(?:" + words
                      + r")(?:全媒体)?(?:记者|编辑|讯|$|[\s)])")


def outlet_region(t: str) -> str | None:
    """A region no table knows, named only by the local outlet that reports on it (荆门广播电视台,
    新乡日报全媒体记者): the outlet's place name, as a city where the text speaks of 全市, a county
    where it speaks of 全县."""
    m = _outlet_re().search(t)
    if not m:
        return None
    name = m.group(1)
    if name.endswith(("市", "县", "区")):
        return name                  # 泾县融媒体中心: the outlet names the place in full
    cities, counties = t.count("全市") + t.count("我市"), t.count("全县") + t.count("我县")
    if cities == counties:
        return None
    return name + ("市" if cities > counties else "县")


def infer_doc_year(t: str, title: str = "") -> int | None:
    """The year of a signature date line (2023年2月8日), else of a work plan's title year, else of
    the first full date in the text; a work report is delivered in the year its title names."""
    years = [int(m.group(1)) for s, e in tc.lines(t) if (m := _DATE_LINE_RE.match(t[s:e]))]
    if years:
        return years[-1]
    annual = infer_annual_year(t)
    if annual:
        return annual
    if title and re.search(r"政府工作报告", title):
        y = _title_year(title)
        if y:
            return y
    # a report on a work report: '报告回顾了2017年工作', '对于2018年工作,…表示'
    m = _REPORT_YEAR_RE.search(t[:3000])
    if m and re.search(r"工作报告", title or t[:400]):
        return int(m.group(1)) + 1 if m.group(1) else int(m.group(2))
    m = _DATE_RE.search(t[:3000])
    if m and "今天是" not in t[max(0, m.start() - 5):m.start()]:
        return int(m.group(1))
    # '2023年是全面贯彻党的二十大精神的开局之年': a report speaks of the year it plans for
    years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年是", t[:5000])]
    if years:
        return max(years)
    return None


# a year as a time of its own: not a horizon (到2025年), a span's start (2021年以来), a date's
# year (2023年5月), or a year inside a document's name (《2023年政府工作报告》)
_PLAIN_YEAR_RE = re.compile(r"(?<![到至\d])((?:19|20)\d{2})年(?!以来|\d{1,2}月|度?(?:政府)?工作报告)")


def infer_text_year(t: str) -> int | None:
    """A news item or a copied list that gives no date: the year it names most, when it names that
    one at least twice and more often than any other (各地2023年目标: …2023年…2023年…)."""
    counts: dict[int, int] = {}
    for m in _PLAIN_YEAR_RE.finditer(re.sub(r"《[^《》]*》", "", t[:20000])):
        year = int(m.group(1))
        counts[year] = counts.get(year, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    opening = _OPENING_YEAR_RE.match(t)
    if opening and (not ranked or ranked[0][1] < 2 or ranked[0][0] == int(opening.group(1))):
        return int(opening.group(1))   # '2021年,我县重点工程项目共30项…': a report opening on its year
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


_OPENING_YEAR_RE = re.compile(r"\s*((?:19|20)\d{2})年(?!以来|\d{1,2}月|度?(?:政府)?工作报告)")


def infer_annual_year(t: str) -> int | None:
    """The year of an annual work plan ('2023年工作要点'), found in its first lines."""
    m = _ANNUAL_RE.search(t[:1500])
    return int(m.group(1)) if m else None


def infer_plan_end_year(t: str) -> int | None:
    """The last year of a multi-year plan named in its title, '三年行动方案(2024—2026年)'."""
    for s, e in tc.lines(t)[:2]:
        title = re.sub(r"《[^》]*》", "", t[s:e])
        m = periods.PLAN_SPAN_RE.search(title)
        if m and 0 < int(m.group(2)) - int(m.group(1)) <= 10:
            return int(m.group(2))
    return None


def infer_scope(t: str) -> tuple[str, str] | None:
    """A scope the document declares for its short word, e.g. 县域特色产业集群(基地)(以下简称“集群”)
    -> ('县域特色产业集群', '集群'); only industry scopes count."""
    for m in _ABBREV_RE.finditer(t[:5000]):
        full, short = m.group(1), m.group(2)
        full = re.sub(r"^.*(关于|发展|推进|加快|培育|促进|支持|推动|实施)", "", full)
        if re.search(r"产业|集群|制造业", full) and short in full + "集群产业":
            return full, short
    return None
