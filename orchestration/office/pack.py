"""The 月调度 meeting pack: an xlsx workbook and a Chinese PDF, from the published marts.

Every number is a mart row (fct_unit_dispatch, fct_unit_dispatch_target, fct_county_target_board,
fct_county_race, fct_target_progress); this module only selects and lays them out. The xlsx is
written with openpyxl (as the forms are); the PDF is HTML laid out by WeasyPrint, whose Pango
finds the system's Noto CJK fonts through fontconfig and embeds them, with hand-drawn SVG charts
(no plotting library needed for four bar charts).
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from pathlib import Path

from .. import reference
from .forms import period_bounds
from .safe_cells import neutralise_book

LAGGING = ("at_risk", "off_track", "missed")
STATUS_COLOURS = reference.labels("statuses", "status", "colour")  # in display order

SQL = {
    "units": """select unit_name, period, due_date, evaluation_date, targets_owned, targets_led, reports_expected,
                       targets_reported, targets_overdue, led_on_track_pct, last_report_as_of
                from marts.fct_unit_dispatch order by targets_overdue desc, unit_name""",
    "unit_targets": """
        select d.unit_name, d.target_id, d.is_lead, d.status, d.report_expected, d.reported_in_period,
               d.last_report_as_of, d.last_report_value, d.last_reported_by, t.metric_text, t.target_year,
               t.sentence, p.status_reason, p.evidence_used
        from marts.fct_unit_dispatch_target as d
        join marts.fct_policy_target as t using (target_id)
        join marts.fct_target_progress as p using (target_id)
        order by d.unit_name, d.report_expected and not d.reported_in_period desc, d.is_lead desc, d.target_id""",
    "counties": """select b.city_code, c.region_name as city_name, b.region_name, b.level, b.targets_total,
                          b.targets_judged, b.targets_achieved_or_on_track, b.targets_at_risk_or_off_track,
                          b.targets_missed, b.target_share_pct, b.rank_in_city
                   from marts.fct_county_target_board as b join marts.dim_region as c on c.region_code = b.city_code
                   order by b.city_code, b.rank_in_city, b.region_code""",
    "race": """select r.city_code, r.region_name, m.name_zh as metric, r.year, r.period, r.value, r.unit,
                      r.rank_in_city, r.regions_ranked, r.quality, r.source_title
               from marts.fct_county_race as r join marts.dim_metric as m using (metric_code)
               where r.year = (select max(year) from marts.fct_county_race as later
                               where later.city_code = r.city_code and later.metric_code = r.metric_code)
               order by r.city_code, m.name_zh, r.rank_in_city""",
    "families": """select m.family, m.family_zh, p.status, count(*) as targets
                   from marts.fct_target_progress as p
                   join marts.fct_policy_target as t using (target_id)
                   join marts.dim_metric as m using (metric_code)
                   where m.is_core_family group by all order by m.family, p.status""",
    "lagging": """
        select t.target_id, t.metric_text, t.subject_region, t.target_year, p.status, p.status_reason,
               p.evidence_used, t.sentence, lead.unit_name as lead_unit,
               coalesce(d.report_expected and not d.reported_in_period, false) as overdue
        from marts.fct_target_progress as p
        join marts.fct_policy_target as t using (target_id)
        left join marts.fct_target_unit as lead on lead.target_id = t.target_id and lead.is_lead
        left join marts.fct_unit_dispatch_target as d on d.target_id = t.target_id and d.unit_name = lead.unit_name
        where p.status in ('at_risk', 'off_track', 'missed') or (d.report_expected and not d.reported_in_period)
        order by p.status in ('at_risk', 'off_track', 'missed') desc, lead.unit_name nulls last, t.target_id""",
}


@dataclass
class PackData:
    period: str
    generated: dt.datetime
    tables: dict[str, list[dict]]

    @property
    def evaluation_date(self):
        return self.tables["units"][0]["evaluation_date"] if self.tables["units"] else None


def pack_data(con, period: str, generated: dt.datetime | None = None) -> PackData:
    period_bounds(period)
    tables = {}
    for name, sql in SQL.items():
        cursor = con.execute(sql)
        columns = [d[0] for d in cursor.description]
        tables[name] = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return PackData(period, generated or dt.datetime.now(), tables)


def write_pack(con, out_dir: Path, period: str) -> list[Path]:
    data = pack_data(con, period)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"月调度会议材料_{period}"
    return [write_xlsx(data, out_dir / f"{stem}.xlsx"), write_pdf(data, out_dir / f"{stem}.pdf")]


# --- xlsx -------------------------------------------------------------------------------------

def write_xlsx(data: PackData, path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    status = reference.labels("statuses", "status")
    book = Workbook()
    summary = book.active
    summary.title = "汇总"
    units = data.tables["units"]
    summary.append([f"月调度会议材料({data.period})"])
    summary.append([f"评估日期 {_date(data.evaluation_date)};生成于 {data.generated:%Y-%m-%d %H:%M}"])
    summary.append([])
    summary.append(["责任单位", "承担目标", "牵头目标", "应报送", "本期已报送", "逾期未报", "达成或正常占比(%)", "最近报送"])
    for u in units:
        summary.append([u["unit_name"], u["targets_owned"], u["targets_led"], u["reports_expected"], u["targets_reported"],
                        u["targets_overdue"], u["led_on_track_pct"], u["last_report_as_of"]])
    summary["A1"].font = Font(bold=True, size=14)
    used: set[str] = {"汇总", "县区赛马", "滞后目标"}
    by_unit: dict[str, list[dict]] = {}
    for row in data.tables["unit_targets"]:
        by_unit.setdefault(row["unit_name"], []).append(row)
    for unit, rows in by_unit.items():
        sheet = book.create_sheet(_sheet_name(unit, used))
        sheet.append([unit])
        sheet.append(["目标编号", "目标", "目标年份", "责任分工", "状态", "本期", "最近截至日期", "最近报送值", "填报人", "原文条款"])
        for r in rows:
            sheet.append([r["target_id"], r["metric_text"], r["target_year"], "牵头" if r["is_lead"] else "配合",
                          status.get(r["status"], r["status"]), period_state(r["reported_in_period"], r["report_expected"]), r["last_report_as_of"],
                          r["last_report_value"], r["last_reported_by"], r["sentence"]])
    race = book.create_sheet("县区赛马")
    race.append(["城市", "县区/园区", "有目标", "已判定", "达成或正常", "滞后", "未完成", "达成或正常占比(%)", "名次"])
    for c in data.tables["counties"]:
        race.append([c["city_name"], c["region_name"], c["targets_total"], c["targets_judged"],
                     c["targets_achieved_or_on_track"], c["targets_at_risk_or_off_track"], c["targets_missed"],
                     c["target_share_pct"], c["rank_in_city"]])
    race.append([])
    race.append(["指标排名(最近年份)", "县区/园区", "指标", "年份", "数值", "单位", "名次", "参与排名", "来源"])
    for r in data.tables["race"]:
        race.append(["", r["region_name"], r["metric"], r["year"], r["value"], r["unit"], r["rank_in_city"],
                     r["regions_ranked"], r["source_title"]])
    lagging = book.create_sheet("滞后目标")
    lagging.append(["目标编号", "目标", "地区", "目标年份", "状态", "逾期未报", "牵头单位", "判定依据", "原文条款"])
    for r in data.tables["lagging"]:
        lagging.append([r["target_id"], r["metric_text"], r["subject_region"], r["target_year"],
                        status.get(r["status"], r["status"]), "是" if r["overdue"] else "", r["lead_unit"],
                        r["evidence_used"] or reference.labels("statuses", "status", "help_zh").get(r["status"]),
                        r["sentence"]])
    neutralise_book(book)  # texts from the data (units, sentences, titles) never become formulas
    book.save(path)
    return path


def _sheet_name(unit: str, used: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = "".join("_" if ch in "[]:*?/\\" else ch for ch in unit)[:31]
    name, n = base, 2
    while name in used:
        name = f"{base[:28]}_{n}"
        n += 1
    used.add(name)
    return name


# --- PDF --------------------------------------------------------------------------------------

def write_pdf(data: PackData, path) -> Path:
    from weasyprint import HTML

    HTML(string=pack_html(data)).write_pdf(path)
    return path


def pack_html(data: PackData) -> str:
    e = html.escape
    status = reference.labels("statuses", "status")
    help_zh = reference.labels("statuses", "status", "help_zh")
    units = data.tables["units"]
    overdue_total = sum(u["targets_overdue"] for u in units)
    cover = f"""
      <section class="cover">
        <h1>月调度会议材料</h1>
        <p class="period">调度期 {e(data.period)}</p>
        <p>评估日期 {e(_date(data.evaluation_date))} · 生成于 {data.generated:%Y年%m月%d日 %H:%M}</p>
        <p>责任单位 {len(units)} 个;本期应报送 {sum(u['reports_expected'] for u in units)} 项,已报送
           {sum(u['targets_reported'] for u in units)} 项,逾期未报 {overdue_total} 项;滞后目标
           {sum(1 for r in data.tables['lagging'] if r['status'] in LAGGING)} 项。</p>
      </section>"""
    unit_rows = "".join(
        f"<tr><td>{e(u['unit_name'])}</td><td>{u['targets_owned']}</td><td>{u['targets_led']}</td>"
        f"<td>{u['reports_expected']}</td><td>{u['targets_reported']}</td><td class='warn'>{u['targets_overdue'] or ''}</td>"
        f"<td>{_pct(u['led_on_track_pct'])}</td><td>{e(_date(u['last_report_as_of']))}</td></tr>" for u in units)
    county_rows = "".join(
        f"<tr><td>{e(c['city_name'])}</td><td>{e(c['region_name'])}</td><td>{c['targets_total']}</td>"
        f"<td>{c['targets_judged']}</td><td>{c['targets_achieved_or_on_track']}</td>"
        f"<td>{c['targets_at_risk_or_off_track']}</td><td>{c['targets_missed']}</td><td>{_pct(c['target_share_pct'])}</td>"
        f"<td>{c['rank_in_city'] if c['rank_in_city'] is not None else '—'}</td></tr>" for c in data.tables["counties"])
    families: dict[tuple[str, str], dict[str, int]] = {}
    for row in data.tables["families"]:
        families.setdefault((row["family"], row["family_zh"]), {})[row["status"]] = row["targets"]
    charts = "".join(f"<figure><figcaption>{e(zh)}:目标状态(共 {sum(counts.values())} 项)</figcaption>"
                     f"{_status_chart(counts, status)}</figure>" for (_, zh), counts in sorted(families.items()))
    lag_items = "".join(
        f"<div class='target'><h4>{e(r['metric_text'] or '')} · {e(r['subject_region'] or '')}"
        f"{(' · ' + str(r['target_year']) + '年') if r['target_year'] else ''}</h4>"
        f"<p class='meta'>状态:<b>{e(status.get(r['status'], r['status']))}</b>"
        f"{' · <b class=warn>逾期未报</b>' if r['overdue'] else ''} · 牵头单位:{e(r['lead_unit'] or '未写明')}"
        f" · 目标编号 {e(r['target_id'])}</p>"
        f"<p class='clause'>{e(r['sentence'] or '')}</p>"
        f"<p class='meta'>依据:{e(r['evidence_used'] or help_zh.get(r['status'], '—'))}</p></div>"
        for r in data.tables["lagging"])
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>{_CSS}</style></head><body>
      {cover}
      <h2>一、各责任单位报送与完成情况</h2>
      <table><thead><tr><th>责任单位</th><th>承担</th><th>牵头</th><th>应报送</th><th>已报送</th><th>逾期未报</th>
        <th>达成或正常</th><th>最近报送</th></tr></thead><tbody>{unit_rows}</tbody></table>
      <h2>二、各县区目标完成情况</h2>
      {"<table><thead><tr><th>城市</th><th>县区/园区</th><th>有目标</th><th>已判定</th><th>达成或正常</th><th>滞后</th>"
       "<th>未完成</th><th>占比</th><th>名次</th></tr></thead><tbody>" + county_rows + "</tbody></table>"
       if county_rows else "<p>各县区、园区尚无自己的目标。</p>"}
      <h2>三、四类重点指标的目标状态</h2>
      <div class="charts">{charts}</div>
      <h2>四、滞后与逾期未报的目标</h2>
      {lag_items or "<p>没有滞后或逾期未报的目标。</p>"}
    </body></html>"""


def _status_chart(counts: dict[str, int], labels: dict[str, str]) -> str:
    """One horizontal bar per status (count), as SVG; the text is set in the CJK font of the page."""
    rows = [(s, counts[s]) for s in STATUS_COLOURS if counts.get(s)]
    top = max((n for _, n in rows), default=1)
    height = 26 * len(rows) + 10
    text = "font-family='Noto Sans CJK SC, sans-serif' font-size='13'"
    bars = "".join(
        f"<text x='0' y='{26 * i + 20}' {text}>{html.escape(labels.get(s, s))}</text>"
        f"<rect x='90' y='{26 * i + 6}' width='{max(2, 260 * n / top):.1f}' height='18' fill='{STATUS_COLOURS[s]}'/>"
        f"<text x='{96 + 260 * n / top:.1f}' y='{26 * i + 20}' {text}>{n}</text>"
        for i, (s, n) in enumerate(rows))
    return (f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 400 {height}' width='100%' "
            f"height='{height * 0.7:.0f}'>{bars}</svg>")


def period_state(reported_in_period: bool, report_expected: bool) -> str:
    """A unit's target this period, as the pack and the 调度 page both label it."""
    return "已报送" if reported_in_period else ("逾期未报" if report_expected else "—")


def _date(value) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if hasattr(value, "year") else "—"


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}%"


_CSS = """
@page { size: A4; margin: 18mm 15mm; @bottom-center { content: "第 " counter(page) " 页"; font-size: 9pt; } }
body { font-family: "Noto Sans CJK SC", "Noto Sans CJK", "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; }
.cover { page-break-after: always; padding-top: 60mm; text-align: center; }
.cover h1 { font-size: 30pt; } .cover .period { font-size: 16pt; }
h2 { font-size: 14pt; border-bottom: 1px solid #999; page-break-before: always; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; }
th { background: #eee; } thead { display: table-header-group; } tr { page-break-inside: avoid; }
.warn { color: #b2182b; font-weight: bold; }
.charts figure { display: inline-block; width: 48%; margin: 0 0 8mm 0; vertical-align: top; }
figcaption { font-weight: bold; margin-bottom: 2mm; }
.target { page-break-inside: avoid; border-left: 3px solid #d73027; padding-left: 3mm; margin-bottom: 4mm; }
.target h4 { margin: 0 0 1mm 0; } .meta { color: #444; margin: 1mm 0; } .clause { margin: 1mm 0; }
"""
