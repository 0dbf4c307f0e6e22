"""目标审核: the data office accepts, corrects or rejects an extracted target, or adds one the
extractor missed from the exact span of the document text. Each decision is one row of the
reviews file (Settings.reviews, orchestration/reviews.py: locked, refused when another reviewer
decided the same target meanwhile), then an audit event; it takes effect at the next build.
Data is shown as text, tables or the escaped clause highlight, never as Markdown."""

from __future__ import annotations

import pandas as pd
import streamlit as st

import auth
import builds
import labels
import queries
import ui
from data import settings
from orchestration import reference, reviews

user = auth.require("review", "目标审核")
paths = settings()

FLASH_KEY = "rv_flash"
SEEN_KEY = "rv_seen"  # target id -> the reviews-file row the reviewer loaded (None: no review yet)
DECISION_ZH = {"accept": "接受", "correct": "更正", "reject": "驳回", "add": "补录"}
STATUS_ZH = labels.REVIEW_STATUS_LABELS
FIELD_ZH = {"metric": "指标", "comparator": "比较方式", "value": "目标值", "value_low": "区间下限",
            "value_high": "区间上限", "unit": "单位", "target_year": "目标年份", "subject_region": "责任地区",
            "industry": "产业(全行业填 all)"}


def after_decision(row: dict) -> str | None:
    """A rebuild, so the decision is published: through Dagster, like every build (app/builds.py)."""
    return builds.start(f"目标审核 {row['target_id']}")


metrics = queries.metrics()
METRIC_NAMES = dict(zip(metrics["metric_code"], metrics["name_zh"]))
METRIC_CODES = set(METRIC_NAMES)
COMPARATORS = reference.labels("comparators", "comparator", "symbol_zh")
UNITS = list(reference.labels("units", "unit", "dimension"))


def _text(value) -> str:
    return "" if value is None or labels.is_missing(value) else reviews._text(value)


def _seen(target_id: str) -> dict | None:
    """The row the reviewer loaded for the target: read once, kept until they decide or are told
    another reviewer decided it (so a decision made meanwhile is never overwritten silently)."""
    seen = st.session_state.setdefault(SEEN_KEY, {})
    if target_id not in seen:
        seen[target_id] = reviews.row_for(paths.reviews, target_id)
    return seen[target_id]


def _submit(review: dict, expected: dict | None, *, what: str, document_text: str | None = None) -> None:
    try:
        row = reviews.decide(paths.reviews, review, expected, reviewer=user.name, document_text=document_text,
                             metric_codes=METRIC_CODES)
    except reviews.StaleReview as stale:
        if review.get("target_id"):
            st.session_state.setdefault(SEEN_KEY, {})[review["target_id"]] = stale.current
        st.error(labels.plain(str(stale)), icon=":material/sync_problem:")
        if stale.current:
            st.text("现在的审核记录:" + _describe(stale.current))
        return
    except reviews.ReviewError as invalid:
        st.error(labels.plain(str(invalid)), icon=":material/error:")
        return
    auth.record("review", subject=row["target_id"],
                detail=f"{row['decision']}" + (f": {row['note']}" if row.get("note") else ""))
    st.session_state.setdefault(SEEN_KEY, {})[row["target_id"]] = row
    started = after_decision(row)
    st.session_state[FLASH_KEY] = (f"已记录{what}:目标 {row['target_id']}(审核人 {user.name})。"
                                   + ("已启动重新构建,发布后生效。" if started else "下次构建后生效。"))
    st.rerun()


def _describe(row: dict) -> str:
    changed = ",".join(f"{FIELD_ZH[k]} {row[k]}" for k in reviews.FIELDS if _text(row.get(k)))
    return (f"{DECISION_ZH.get(row.get('decision', ''), row.get('decision', ''))} · {row.get('reviewer', '')} · "
            f"{row.get('reviewed_on', '')}" + (f" · {changed}" if changed else "")
            + (f" · 备注:{row['note']}" if row.get("note") else ""))


def _field_inputs(prefix: str, current: dict) -> dict[str, str]:
    """The target's fields as inputs prefilled with `current`; metric, comparator and unit from the catalog."""
    codes = sorted(METRIC_CODES | ({current["metric"]} if current.get("metric") else set()))
    values: dict[str, str] = {}
    left, right = st.columns(2)
    with left:
        values["metric"] = st.selectbox(FIELD_ZH["metric"], codes, index=codes.index(current["metric"]) if current.get("metric") in codes else None,
                                        format_func=lambda c: f"{METRIC_NAMES.get(c, c)}({c})", key=f"{prefix}_metric") or ""
        comparators = list(COMPARATORS)
        values["comparator"] = st.selectbox(FIELD_ZH["comparator"], comparators,
                                            index=comparators.index(current["comparator"]) if current.get("comparator") in comparators else None,
                                            format_func=lambda c: f"{COMPARATORS[c]}({c})", key=f"{prefix}_comparator") or ""
        units = UNITS + ([current["unit"]] if current.get("unit") and current["unit"] not in UNITS else [])
        values["unit"] = st.selectbox(FIELD_ZH["unit"], units, index=units.index(current["unit"]) if current.get("unit") in units else None,
                                      key=f"{prefix}_unit") or ""
        values["target_year"] = st.text_input(FIELD_ZH["target_year"], value=current.get("target_year", ""), key=f"{prefix}_target_year")
    with right:
        for key in ("value", "value_low", "value_high", "subject_region", "industry"):
            values[key] = st.text_input(FIELD_ZH[key], value=current.get(key, ""), key=f"{prefix}_{key}")
    return {k: v.strip() for k, v in values.items()}


st.title("目标审核")
st.caption("逐条核对系统从政策文件中提取的目标:接受、更正(只改需要改的字段)或驳回(写明原因);"
           "系统漏提的目标可从文件原文中选取条款补录。每个决定写入审核文件(可比对的 CSV)并记入审计日志,"
           "随即自动重新构建,发布后生效。两人同时审核同一条目标时,后提交的一方会收到提示,不会覆盖前者的决定。")
if FLASH_KEY in st.session_state:
    st.success(labels.plain(st.session_state.pop(FLASH_KEY)), icon=":material/check_circle:")
builds.progress()

review_tab, add_tab = st.tabs(["审核已提取目标", "补录漏提目标"])

with review_tab:
    targets = queries.targets()
    if targets.empty:
        st.info("没有可审核的目标。")
    else:
        in_file = {r["target_id"]: r for r in reviews.rows(paths.reviews)}
        docs = sorted(targets["doc_id"].unique())
        titles = dict(zip(targets["doc_id"], targets["doc_title"]))
        doc = st.selectbox("政策文件", ["全部"] + docs, format_func=lambda d: "全部文件" if d == "全部" else f"{d} {titles.get(d) or ''}",
                           key="rv_doc")
        only_open = st.checkbox("只看未审核", value=False, key="rv_only_open")
        shown = targets if doc == "全部" else targets[targets["doc_id"] == doc]
        pending = shown["target_id"].map(lambda t: _describe(in_file[t]) if t in in_file else "")
        shown = shown.assign(_open=(shown["review_status"] == "unreviewed") & (pending == ""), _pending=pending)
        if only_open:
            shown = shown[shown["_open"]]
        shown = shown.sort_values(["_open", "doc_id", "span_start", "target_id"], ascending=[False, True, True, True])
        st.dataframe(pd.DataFrame({
            "目标编号": shown["target_id"], "文件": shown["doc_id"], "指标": shown["metric_name"].fillna(shown["metric_code"]),
            "目标值": shown["value"], "单位": shown["unit"], "目标年份": shown["target_year"],
            "审核状态": shown["review_status"].map(lambda s: STATUS_ZH.get(s, s)), "审核文件中的决定(待生效)": shown["_pending"],
        }), hide_index=True, key="rv_targets")
        if shown.empty:
            st.success("所选范围内的目标都已审核。", icon=":material/check_circle:")
        else:
            options = list(shown["target_id"])
            labels_by_id = {r.target_id: f"{r.target_id} · {r.metric_name or r.metric_code} · {_text(r.value)}{_text(r.unit)}"
                            for r in shown.itertuples()}
            picked = st.selectbox("选择目标", options, format_func=lambda t: labels_by_id[t], key="rv_pick")
            target = shown[shown["target_id"] == picked].iloc[0]
            text = queries.document_text(target["doc_id"])
            st.subheader("原文条款")
            if text and pd.notna(target["span_start"]):
                ui.show_clause(text, int(target["span_start"]), int(target["span_end"]))
            else:
                st.text(_text(target["sentence"]))
            st.text(f"识别依据:{_text(target['extraction_reason'])} · 审核状态:{STATUS_ZH.get(target['review_status'], target['review_status'])}")
            expected = _seen(picked)
            if expected:
                st.text("审核文件中的记录:" + _describe(expected))
            current = {"metric": _text(target["metric_code"]), "comparator": _text(target["comparator"]),
                       "value": _text(target["value"]), "value_low": _text(target["value_low"]),
                       "value_high": _text(target["value_high"]), "unit": _text(target["unit"]),
                       "target_year": _text(target["target_year"]), "subject_region": _text(target["subject_region"]),
                       "industry": _text(target["industry"])}
            accept_tab, correct_tab, reject_tab = st.tabs(["接受", "更正", "驳回"])
            with accept_tab, st.form(f"rv_accept_{picked}"):
                note = st.text_input("备注(可不填)", key=f"rv_accept_note_{picked}")
                if st.form_submit_button("接受", type="primary"):
                    _submit({"target_id": picked, "decision": "accept", "note": note}, expected, what="接受")
            with correct_tab, st.form(f"rv_correct_{picked}"):
                fields = _field_inputs(f"rv_correct_{picked}", current)
                note = st.text_input("更正说明", key=f"rv_correct_note_{picked}")
                if st.form_submit_button("提交更正", type="primary"):
                    changed = {k: v for k, v in fields.items() if v != current[k]}
                    _submit({"target_id": picked, "decision": "correct", "note": note, **changed}, expected, what="更正")
            with reject_tab, st.form(f"rv_reject_{picked}"):
                reason = st.text_input("驳回原因(必填)", key=f"rv_reject_note_{picked}")
                if st.form_submit_button("驳回"):
                    _submit({"target_id": picked, "decision": "reject", "note": reason}, expected, what="驳回")

with add_tab:
    documents = queries.documents()
    if documents.empty:
        st.info("没有政策文件。")
    else:
        doc_titles = dict(zip(documents["doc_id"], documents["title"]))
        doc_id = st.selectbox("政策文件", list(documents["doc_id"]), format_func=lambda d: f"{d} {doc_titles.get(d) or ''}",
                              key="rv_add_doc")
        text = queries.document_text(doc_id)
        st.text_area("文件原文(只读:从中复制漏提目标所在的条款)", value=text, height=320, disabled=True,
                     key=f"rv_add_text_{doc_id}")
        with st.form(f"rv_add_{doc_id}"):
            clause = st.text_area("原文条款(与原文完全一致,包括标点)", key=f"rv_add_clause_{doc_id}")
            value_text = st.text_input("原文数值(如 150家;可不填,系统按目标值在条款中查找)", key=f"rv_add_value_text_{doc_id}")
            fields = _field_inputs(f"rv_add_{doc_id}", {})
            note = st.text_input("备注", key=f"rv_add_note_{doc_id}")
            if st.form_submit_button("补录", type="primary"):
                _submit({"decision": "add", "doc_id": doc_id, "clause_text": clause, "value_text": value_text,
                         "note": note, **fields}, None, what="补录", document_text=text)
