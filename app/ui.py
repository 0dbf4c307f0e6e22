"""Streamlit pieces every page shares: region picker, empty states, CJK charts, clause highlight."""

from __future__ import annotations

import html
import re

import altair as alt
import pandas as pd
import streamlit as st

import auth
import labels
import queries

CJK_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif'


def cjk_chart(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    """Set a CJK font on every text mark of an Altair chart (titles, axes, legends, labels)."""
    return (
        chart.configure(font=CJK_FONT)
        .configure_axis(labelFont=CJK_FONT, titleFont=CJK_FONT, labelFontSize=12, titleFontSize=13)
        .configure_legend(labelFont=CJK_FONT, titleFont=CJK_FONT, labelFontSize=12, titleFontSize=13)
        .configure_title(font=CJK_FONT, fontSize=15)
        .configure_text(font=CJK_FONT)
    )


def show_chart(chart: alt.TopLevelMixin) -> None:
    st.altair_chart(cjk_chart(chart), width="stretch")


def region_tree(levels: tuple[str, ...] = ("province", "city", "county", "park")) -> pd.DataFrame:
    """Regions in hierarchy order (province, its cities, each city's counties and parks, ...),
    with a `label` indented by depth and naming the level of counties and parks."""
    frame = queries.regions()
    frame = frame[frame["level"].isin(levels)]
    codes = set(frame["region_code"])
    children: dict[str | None, list[str]] = {}
    for row in frame.itertuples():
        parent = row.parent_code if row.parent_code in codes else None
        children.setdefault(parent, []).append(row.region_code)
    by_code = frame.set_index("region_code")
    order: list[tuple[str, int]] = []

    def walk(code: str, depth: int) -> None:
        order.append((code, depth))
        kids = sorted(children.get(code, []), key=lambda c: (by_code.loc[c, "level"] == "park", c))
        for kid in kids:
            walk(kid, depth + 1)

    for root in sorted(children.get(None, [])):
        walk(root, 0)
    rows = []
    for code, depth in order:
        row = by_code.loc[code]
        suffix = f"({labels.level_label(row['level'])})" if row["level"] in ("county", "park") else ""
        rows.append({"region_code": code, "region_name": row["region_name"], "level": row["level"],
                     "parent_code": row["parent_code"], "city_code": row["city_code"], "depth": depth,
                     "label": "　" * depth + row["region_name"] + suffix})
    return pd.DataFrame(rows)


def descendants(code: str) -> set[str]:
    """The region and every region below it."""
    frame = queries.regions()
    out, frontier = {code}, {code}
    while frontier:
        frontier = set(frame.loc[frame["parent_code"].isin(frontier), "region_code"]) - out
        out |= frontier
    return out


def default_region() -> str:
    """A county user's own region; else the city with the most targets and figures (the office the
    app is for), else the province."""
    user = auth.current_user()
    if user is not None and user.role.region_code:
        return user.role.region_code
    counts = queries.region_activity().set_index("region_code")["items"]
    cities = set(queries.regions().query("level == 'city'")["region_code"])
    ranked = counts[counts.index.isin(cities)].sort_values(ascending=False, kind="stable")
    return str(ranked.index[0]) if len(ranked) else "340000"


def region_select(label: str, key: str, tree: pd.DataFrame | None = None, default: str | None = None) -> str:
    tree = region_tree() if tree is None else tree
    codes = list(tree["region_code"])
    names = dict(zip(tree["region_code"], tree["label"]))
    default = default or default_region()
    index = codes.index(default) if default in codes else 0
    return st.selectbox(label, codes, index=index, format_func=lambda c: names.get(c, c), key=key)


def region_name(code: str | None) -> str:
    if not code:
        return "—"
    frame = queries.regions()
    hit = frame.loc[frame["region_code"] == code, "region_name"]
    return str(hit.iloc[0]) if len(hit) else code


def metric_names() -> dict[str, str]:
    frame = queries.metrics()
    return dict(zip(frame["metric_code"], frame["name_zh"]))


def metric_units() -> dict[str, str]:
    frame = queries.metrics()
    return dict(zip(frame["metric_code"], frame["unit"]))


def empty_state(what: str, *, hint: str = labels.INBOX_HINT) -> None:
    """Say exactly what is missing and how the data office loads it (never a blank chart)."""
    st.info(f"{what}\n\n{hint}", icon=":material/info:")


def refuse_link(kind: str, code: str) -> None:
    """A link (URL parameter) to something outside the user's regions: a refusal, audited."""
    auth.record("access_denied", subject=f"{kind}={code}"[:200], detail="url")
    st.error(f"无权查看:链接中的{kind}不在您的权限范围内。", icon=":material/block:")


def sidebar_info() -> None:
    info = queries.publish_info()
    st.sidebar.caption(
        f"数据发布:{labels.fmt_datetime(info['published_at'])}  \n"
        f"进度评估日:{labels.fmt_date(info['evaluation_date'])}"
    )


_BREAK_BEFORE_BLANK = re.compile(r"(?:\r\n|\r|\n)(?=[ \t]*(?:\r|\n|$))")


def highlight_clause(text: str, start: int, end: int, context: int = 160) -> str:
    """HTML of text[start:end] marked inside `context` characters either side, safe to render as
    Markdown with HTML: every text escaped; a blank line of the document would end the HTML block
    and let what follows be read as Markdown (an image, a link), so the line break before each
    blank line is a character reference instead (the same on screen with pre-wrap); and `!`, `[`,
    `]` are references too, so no image or link can form even so."""
    start, end = max(0, int(start)), min(len(text), int(end))
    lo, hi = max(0, start - context), min(len(text), end + context)
    before = ("…" if lo > 0 else "") + html.escape(text[lo:start])
    after = html.escape(text[end:hi]) + ("…" if hi < len(text) else "")
    marked = f'<mark style="background:#ffe08a;padding:0 2px;border-radius:3px">{html.escape(text[start:end])}</mark>'
    block = f'<div class="kpi-clause" style="white-space:pre-wrap;line-height:1.8">{before}{marked}{after}</div>'
    block = block.replace("!", "&#33;").replace("[", "&#91;").replace("]", "&#93;")
    return _BREAK_BEFORE_BLANK.sub("&#10;", block)


def show_clause(text: str, start: int, end: int, context: int = 160) -> None:
    """The clause marked in its document (highlight_clause: HTML we build, the data in it inert)."""
    st.markdown(highlight_clause(text, start, end, context=context), unsafe_allow_html=True)
