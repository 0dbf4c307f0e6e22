"""Chinese labels and number/date formatting shared by every page (no Streamlit, no SQL)."""

from __future__ import annotations

import csv
import math
import re
import urllib.parse
from datetime import date, datetime

import pandas as pd

from orchestration.settings import SEEDS_DIR

# Codes and their Chinese labels come from seeds/reference (the one home of codes); this module
# adds only presentation (colours), keyed by the same codes (tests/app/test_labels.py checks it).
_REFERENCE = SEEDS_DIR / "reference"


def _reference(name: str) -> list[dict[str, str]]:
    with open(_REFERENCE / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


_STATUSES = sorted(_reference("statuses"), key=lambda r: int(r["display_order"]))
# Target statuses of marts.fct_target_progress, in the order leaders read them.
STATUS_LABELS = {r["status"]: r["name_zh"] for r in _STATUSES}
STATUS_HELP = {r["status"]: r["help_zh"] for r in _STATUSES}
QUALITY_LABELS = {r["quality_base"]: r["name_zh"] for r in _reference("qualities")}
FAMILY_LABELS = {r["family"]: r["name_zh"] for r in _reference("families")}
# Where a figure came from (fct_indicator_observation.source_kind): bulletin, firm panel ...
SOURCE_KIND_LABELS = {r["source_kind"]: r["name_zh"] for r in _reference("source_kinds")}
# The firm-level sources (quarantine_firm_rows.source)
FIRM_SOURCE_LABELS = {r["source"]: r["name_zh"] for r in _reference("firm_sources")}
# States of an inbox entry (meta.input_files.status)
FILE_STATUS_LABELS = {r["status"]: r["name_zh"] for r in _reference("file_statuses")}
FILE_STATUS_HELP = {r["status"]: r["meaning"] for r in _reference("file_statuses")}
STATUS_COLORS = {r["status"]: r["colour"] for r in _STATUSES}  # charts, and the meeting pack's
STATUS_BADGE = {  # st.badge colours
    "achieved": "green", "on_track": "blue", "at_risk": "orange", "off_track": "red",
    "missed": "red", "no_data": "gray", "value_withheld": "violet", "not_due": "gray",
}
LEVEL_LABELS = {r["level"]: r["name_zh"] for r in _reference("region_levels")}
COMPARATOR_LABELS = {r["comparator"]: r["symbol_zh"] for r in _reference("comparators")}
EVIDENCE_LABELS = {r["evidence"]: r["name_zh"] for r in _reference("evidence_kinds")}
# what a judged value is (fct_target_progress.basis, fct_county_race.figure_basis)
BASIS_LABELS = {r["basis"]: r["name_zh"] for r in _reference("progress_bases")}
ROLE_LABELS = {r["role"]: r["name_zh"] for r in _reference("roles")}
AUDIT_ACTION_LABELS = {r["action"]: r["name_zh"] for r in _reference("audit_actions")}
REVIEW_STATUS_LABELS = {r["review_status"]: r["name_zh"] for r in _reference("review_statuses")}

INBOX_HINT = (
    "数据办补录方法:把一个 CSV 文件(列为 region,year,period,metric,value,unit,quality,"
    "source_title,source_url,note,UTF-8 编码)放入 `data/inbox/`,下次 `kpi run` 或 Dagster "
    "收件箱传感器会自动装载、校验并发布。"
)
PROGRESS_HINT = (
    "该类目标没有统计序列,由责任单位报送进度:把 CSV(列为 target_id,as_of,value,reported_by,note)"
    "放入 `data/inbox/`,下次 `kpi run` 即可计入。"
)
BUILD_HINT = (
    "数据办请在项目目录运行 `kpi run`(或 `make build`)从 seeds/ 与 data/inbox/ 构建并发布数据仓库;"
    "如仓库在别处,请设置环境变量 `KPI_WAREHOUSE` 指向该文件后重启本应用。"
)


def is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float) and math.isnan(value))
    except TypeError:
        return False


def status_label(status: str | None) -> str:
    return STATUS_LABELS.get(status or "", status or "—")


def quality_label(quality: str | None) -> str:
    """'official' -> 官方; 'preliminary;unverified' -> 初步·待核实."""
    if not quality:
        return "—"
    base, _, flag = str(quality).partition(";")
    label = QUALITY_LABELS.get(base.strip(), base.strip())
    return f"{label}·待核实" if "unverified" in flag else label


def family_label(family: str | None) -> str:
    return FAMILY_LABELS.get(family or "", family or "—")


def level_label(level: str | None) -> str:
    return LEVEL_LABELS.get(level or "", level or "")


def fmt_number(value, decimals: int = 2) -> str:
    """1234.5 -> '1,234.5'; 6.0 -> '6'; missing -> '—'."""
    if is_missing(value):
        return "—"
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}".rstrip("0").rstrip(".")


def fmt_value(value, unit: str | None, decimals: int = 2) -> str:
    """A value with its unit, Chinese style: '2,291.5亿元', '127户', '6.0%'."""
    if is_missing(value):
        return "—"
    if unit == "%":  # growth rates keep one decimal (6.0%), finer shares keep theirs (0.86%)
        v = float(value)
        places = 1 if abs(v * 10 - round(v * 10)) < 1e-9 else decimals
        return f"{v:.{places}f}%"
    return f"{fmt_number(value, decimals)}{unit or ''}"


def period_label(period: str | None) -> str:
    """'Y' -> 全年; 'M01-M04' -> 1—4月; 'M01-M01' -> 1月."""
    if not period or is_missing(period):
        return "—"
    if period == "Y":
        return "全年"
    match = re.fullmatch(r"M(\d{2})-M(\d{2})", str(period))
    if not match:
        return str(period)
    start, end = int(match.group(1)), int(match.group(2))
    return f"{end}月" if start == end else f"{start}—{end}月"


def year_period_label(year, period: str | None) -> str:
    if is_missing(year):
        return "—"
    return f"{int(year)}年{period_label(period)}"


def fmt_date(value) -> str:
    """2024-06-30 -> 2024年6月30日."""
    if is_missing(value):
        return "—"
    if isinstance(value, str):
        value = pd.Timestamp(value)
    if isinstance(value, (pd.Timestamp, datetime, date)):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def fmt_published(value) -> str:
    """A publication date as written: '2023-02-08' -> 2023年2月8日; '2018' -> 2018年."""
    if is_missing(value) or not str(value).strip():
        return "—"
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}年"
    try:
        return fmt_date(pd.Timestamp(text))
    except (ValueError, TypeError):
        return text


def fmt_datetime(value) -> str:
    if is_missing(value):
        return "—"
    ts = pd.Timestamp(value)
    if ts.tzinfo is not None:
        ts = ts.tz_convert("Asia/Shanghai")
    return f"{ts.year}年{ts.month}月{ts.day}日 {ts.hour:02d}:{ts.minute:02d}(北京时间)"


def target_value_text(comparator: str | None, value, value_low, value_high, unit: str | None, redacted: bool) -> str:
    """'≥ 200亿元', '新增 150户', '3–5个', '数值未公开(*)'."""
    if redacted:
        return f"数值未公开(*{unit or ''})"
    if comparator == "range":
        return f"{fmt_number(value_low)}–{fmt_number(value_high)}{unit or ''}"
    symbol = COMPARATOR_LABELS.get(comparator or "", comparator or "")
    return f"{symbol} {fmt_value(value, unit)}".strip()


def target_title(row) -> str:
    """One line naming a target: '萧县 功能性新材料 产业(集群)产值 ≥ 200亿元(2027年)'."""
    parts = [row.get("region_name") or row.get("subject_region") or ""]
    industry = row.get("industry_name") or row.get("industry")
    if industry and industry not in ("all", "全部工业"):
        parts.append(str(industry))
    parts.append(row.get("metric_name") or row.get("metric_text") or row.get("metric_code") or "")
    text = " ".join(p for p in parts if p)
    text += " " + target_value_text(row.get("comparator"), row.get("value"), row.get("value_low"),
                                    row.get("value_high"), row.get("unit"), bool(row.get("redacted")))
    year = row.get("target_year")
    if not is_missing(year):
        text += f"(到{int(year)}年)" if row.get("period") == "by_year" else f"({int(year)}年)"
    return text


def status_explanation(row) -> str:
    """A Chinese sentence on why a target has its status, built from the progress columns."""
    status = row.get("status")
    unit = row.get("unit")
    actual = row.get("actual_value")
    target = row.get("target_value")
    when = year_period_label(row.get("actual_year"), row.get("actual_period"))
    if status == "value_withheld":
        return "文件中该目标值以 * 表示(未公开),无法判断进度。"
    if status == "not_due":
        return "目标考核期尚未开始。"
    if status == "no_data":
        if row.get("method") == "report":
            return "该指标没有统计序列,且责任单位尚未报送进度。"
        return (f"缺少 {row.get('region_name') or ''} {row.get('metric_name') or row.get('metric_code') or ''} "
                f"的可用统计数据,且无部门报送。")
    if row.get("evidence") in ("department_report", "document"):
        source = "部门报送" if row.get("evidence") == "department_report" else "进展文件"
        return (f"据{source}({fmt_date(row.get('report_as_of'))}),完成 {fmt_value(actual, unit)},"
                f"目标 {fmt_value(target, unit)},完成率 {fmt_number(row.get('progress_pct'), 1)}%。")
    text = f"{when}实际 {fmt_value(actual, unit)},目标 {fmt_value(target, unit)}"
    if row.get("basis") == "projection" and not is_missing(row.get("projected_value")):
        text += f";按 {int(row['baseline_year'])} 年以来趋势推算,到期约 {fmt_value(row['projected_value'], unit)}"
    if row.get("basis") == "year_to_date":
        text += "(年内累计数据,按进度判断)"
    if row.get("basis") == "stock_difference":
        text += "(由年末企业数之差推算)"
    return text + f",判定为「{status_label(status)}」。"


def safe_url(url) -> str | None:
    """The URL when it is an absolute http(s) address, else None: a `javascript:`, `data:`,
    `file:` or relative address from the data is never made a link."""
    if not url or is_missing(url):
        return None
    text = str(url).strip()
    if re.search(r"[\x00-\x1f\x7f]", text):
        return None
    parts = urllib.parse.urlsplit(text)
    return text if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def md_link(title: str | None, url: str | None) -> str:
    """A markdown link to a source; the title is escaped (brackets become 〔〕) and only an
    http(s) URL becomes a link: any other address leaves the escaped title as plain text."""
    title = _INLINE_SPECIALS.sub(r"\\\1", (title or "未注明来源").replace("[", "〔").replace("]", "〕"))
    title = _NEWLINES.sub(" ", title)
    if not url or is_missing(url):
        return f"{title}(无链接)"
    link = safe_url(url)
    if link is None:
        return f"{title}(链接无效,未显示)"
    return f"[{title}]({urllib.parse.quote(link, safe=_URL_SAFE)})"


def split_units(text: str | None) -> list[str]:
    """'市经济和信息化局;市科技局' (or 、-joined, with a 责任单位: prefix) -> the departments."""
    if not text or is_missing(text):
        return []
    text = re.sub(r"^(责任单位|牵头单位)[::]", "", str(text).strip())
    text = re.split(r"[;;]?各县区人民政府.*为责任主体", text)[0]
    separators = r"[;;]" if re.search(r"[;;]", text) else r"[;;、,,]"  # the extractor ';'-joins whole units
    return [u.strip() for u in re.split(separators, text) if u.strip()]


# Every ASCII punctuation character that can start Markdown, HTML, math or an entity in Streamlit
# (CommonMark lets any of them be backslash-escaped, and an escaped one shows as written).
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~&$:])")
# inside a link's text, once its brackets are 〔〕, only these still mean anything
_INLINE_SPECIALS = re.compile(r"([\\`*_{}<>|~&$!])")
_NEWLINES = re.compile(r"[\r\n]+")
_URL_SAFE = ":/?#[]@!$&'*+,;=%~"


def plain(text: object) -> str:
    """Text from the data (a file name, a title, a note, a unit's name) made safe to put inside
    Markdown: every Markdown character escaped and line breaks made spaces, so it shows as
    written on one line and never becomes a link, an image, a heading or HTML."""
    if text is None or is_missing(text):
        return ""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", _NEWLINES.sub(" ", str(text)))
