"""One target drilled down: status and why, the clause highlighted in its document, and the
observations, progress report or progress-document clause that judged it (with their sources)."""

from __future__ import annotations


import pandas as pd
import streamlit as st

import labels
import queries
import ui


def _observation(title: str, observation_id: str | None) -> bool:
    if labels.is_missing(observation_id) or not observation_id:
        return False
    hit = queries.observation(observation_id)
    if hit.empty:
        st.warning(f"{title}:找不到观测 {labels.plain(observation_id)}(数据仓库可能刚刚更新,请刷新)。")
        return False
    o = hit.iloc[0]
    with st.container(border=True):
        st.markdown(f"**{title}**")
        st.markdown(f"{labels.plain(o['region_name'])} · {labels.plain(o['metric_name'])}  \n"
                    f"**{labels.fmt_value(o['value'], labels.plain(o['unit']))}** · "
                    f"{labels.plain(labels.year_period_label(o['year'], o['period']))} · {labels.plain(labels.quality_label(o['quality']))}")
        published = f",发布于 {labels.fmt_date(o['published_on'])}" if not labels.is_missing(o["published_on"]) else ""
        kind = labels.SOURCE_KIND_LABELS.get(str(o["source_kind"]), "")
        st.caption(f"来源:{labels.md_link(o['source_title'], o['source_url'])}{published}"
                   + (f"(来源类型:{labels.plain(kind)})" if kind else ""))
        if int(o["vintage_count"] or 1) > 1:
            st.caption(f"该期共有 {int(o['vintage_count'])} 个版本,此为优选版本。")
        if not labels.is_missing(o["note"]) and o["note"]:
            st.caption(f"备注:{labels.plain(o['note'])}")
    return True


def _report(report_id: str | None) -> bool:
    if labels.is_missing(report_id) or not report_id:
        return False
    reports = queries.progress_reports()
    hit = reports[reports["report_id"] == report_id]
    if hit.empty:
        return False
    r = hit.iloc[0]
    with st.container(border=True):
        st.markdown("**判定所用部门报送(月调度)**")
        st.markdown(f"截至 {labels.fmt_date(r['as_of'])}:**{labels.fmt_number(r['value'])}**  \n"
                    f"报送单位:{labels.plain(r['reported_by']) or '—'}")
        # file names and notes are data: plain text, never Markdown
        st.text(f"文件:{r['source_file']} 第 {r['source_line']} 行" + (f";备注:{r['note']}" if r["note"] else ""))
    return True


def _document_actuals(row: pd.Series) -> bool:
    """Actuals read from progress documents that report on this target, with their clause; the
    one progress used (if any) first."""
    found = queries.document_actuals()
    found = found[found["target_id"] == row["target_id"]]
    if found.empty:
        return False
    used = row.get("document_actual_id")
    found = found.assign(_used=found["document_actual_id"] == used).sort_values(["_used", "year"], ascending=False)
    for _, a in found.iterrows():
        with st.container(border=True):
            st.markdown("**判定所用进展文件摘录**" if a["_used"] else "**进展文件中的完成情况**")
            st.markdown(f"{labels.plain(labels.year_period_label(a['year'], a['period']))}:"
                        f"**{labels.fmt_value(a['value'], labels.plain(a['unit']))}**")
            text = queries.document_text(a["doc_id"])
            if text and int(a["span_end"]) <= len(text):
                ui.show_clause(text, a["span_start"], a["span_end"])
            # document titles and cue words are data: shown as plain text, never as Markdown
            st.text(f"文件:{a['document_title']}({a['source_file']} 第 {a['source_line']} 行)· 文本提取,"
                    f"请核对原文 · 判定依据:{a['reason']}")
    return bool(found["_used"].any())


def _missing(row: pd.Series) -> None:
    region, metric = labels.plain(row["region_zh"]), labels.plain(row["metric_name"] or row["metric_code"])
    if row["status"] == "value_withheld":
        st.info("文件中该目标值以 * 表示(未公开),无法与统计数据比对。如掌握内部目标值,数据办可在目标审核表"
                "(seeds/reviews/target_reviews.csv,decision=correct 并填写 value)中补录。")
    elif row["method"] == "report":
        example = f"{str(row['target_id']).replace('`', '')},2024-06-30,<完成值>,<报送单位>,"  # in a code block
        ui.empty_state(f"{region}「{metric}」没有统计序列,责任单位也尚未报送进度。", hint=labels.PROGRESS_HINT
                       + f"\n\n示例:\n```\ntarget_id,as_of,value,reported_by,note\n{example}\n```")
    elif row["method"] in ("growth", "increment"):
        year = int(row["target_year"]) if not labels.is_missing(row["target_year"]) else "目标"
        ui.empty_state(f"缺少 {region}「{metric}」{year}年数据(全年或年内累计),暂无法判断。")
    else:
        ui.empty_state(f"缺少 {region}「{metric}」评估日前的全年数据,暂无法判断。")


def _path(row: pd.Series) -> None:
    unit = _escaped(row)["unit"]
    if labels.is_missing(row["baseline_value"]):
        return
    text = (f"基期 {int(row['baseline_year'])}年 {labels.fmt_value(row['baseline_value'], unit)} → "
            f"目标 {int(row['target_year'])}年 {labels.fmt_value(row['target_value'], unit)}")
    if not labels.is_missing(row["required_annual_growth_pct"]):
        text += f";需年均增长 {labels.fmt_number(row['required_annual_growth_pct'])}%"
    if not labels.is_missing(row["actual_annual_growth_pct"]):
        text += f",实际年均 {labels.fmt_number(row['actual_annual_growth_pct'])}%"
    if not labels.is_missing(row["projected_value"]):
        text += f";按趋势推算到期约 {labels.fmt_value(row['projected_value'], unit)}"
    st.caption(text)


# the target's columns that hold text read from documents and sources (escaped before they are
# put into a Markdown sentence; the sentence's own words and punctuation stay as written)
_TEXT_COLUMNS = ("region_name", "subject_region", "region_zh", "industry_name", "industry", "metric_name",
                 "metric_text", "metric_code", "unit")


def _escaped(row: pd.Series) -> pd.Series:
    safe = row.copy()
    for column in _TEXT_COLUMNS:
        if column in safe.index and isinstance(safe[column], str):
            safe[column] = labels.plain(safe[column])
    return safe


def render(row: pd.Series) -> None:
    st.subheader(labels.target_title(_escaped(row)))
    st.badge(labels.status_label(row["status"]), color=labels.STATUS_BADGE.get(row["status"], "gray"),
             help=labels.STATUS_HELP.get(row["status"]))
    st.markdown(labels.status_explanation(_escaped(row)))
    left, right = st.columns([3, 2])
    with left:
        st.markdown("#### 政策原文")
        meta = [row["doc_title"], row["doc_number"], labels.fmt_published(row["doc_published"])]
        st.caption(" · ".join(labels.plain(m) for m in meta if m and not labels.is_missing(m) and m != "—")
                   + f"(文件编号 {labels.plain(row['doc_id'])})")
        text = queries.document_text(row["doc_id"])
        if text and int(row["span_end"]) <= len(text):
            ui.show_clause(text, row["span_start"], row["span_end"])
            with st.expander("查看全文(已标出该条款)"):
                ui.show_clause(text, row["span_start"], row["span_end"], context=len(text))
        else:
            st.markdown(f"> {labels.plain(row['sentence'])}")
        units = labels.split_units(row["responsible_units"])
        st.caption("责任单位:" + ("、".join(labels.plain(u) for u in units) if units else "文件未注明"))
    with right:
        st.markdown("#### 数据依据")
        used = _observation("判定所用数据", row["observation_id"])
        if not labels.is_missing(row["baseline_observation_id"]) and row["baseline_observation_id"] != row["observation_id"]:
            _observation("基期数据", row["baseline_observation_id"])
        used = _report(row["report_id"]) or used
        used = _document_actuals(row) or used
        _path(row)
        if not used:
            _missing(row)
    related = queries.series(row["region_code"], row["metric_code"], preferred_only=True) \
        if not labels.is_missing(row["region_code"]) and not labels.is_missing(row["metric_code"]) else pd.DataFrame()
    if not related.empty:
        st.page_link("views/trends.py", label=f"在「指标趋势」中查看{labels.plain(row['region_zh'])}「{labels.plain(row['metric_name'])}」走势与目标线",
                     icon=":material/show_chart:", query_params={"region": row["region_code"], "metric": row["metric_code"]})
        with st.expander(f"{labels.plain(row['region_zh'])}「{labels.plain(row['metric_name'])}」全部年份数据({len(related)} 条)"):
            st.dataframe(pd.DataFrame({
                "时期": [labels.year_period_label(y, p) for y, p in zip(related["year"], related["period"])],
                "数值": [labels.fmt_value(v, u) for v, u in zip(related["value"], related["unit"])],
                "质量": related["quality"].map(labels.quality_label),
                "来源": related["source_title"],
                "链接": related["source_url"].map(labels.safe_url),  # http(s) only
            }), hide_index=True, column_config={"链接": st.column_config.LinkColumn(display_text="打开")})
    with st.expander("技术明细"):
        # ids, reasons and quotes are data: plain text, never Markdown
        st.text(f"目标编号 {row['target_id']} · 判定方法 {row['method']} · 证据 "
                f"{labels.EVIDENCE_LABELS.get(row['evidence'], row['evidence'])} · 审核状态 {labels.REVIEW_STATUS_LABELS.get(row['review_status'], row['review_status'])}\n"
                f"判定说明(原文):{row['status_reason']}\n引用:{row['evidence_used'] or '—'}")
        st.text(f"识别为目标的依据:{row['extraction_reason'] or '—'}")
