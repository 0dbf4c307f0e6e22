"""The reader: one pass over a document gives its targets, its actuals and a class for every number.

    read(text, *, doc="-", doc_id=None, issuing_region=None, published=None, ...) -> Reading

1. ``text.normalise`` cleans the text (full-width, traditional, HTML, stray spaces), keeping a map
   back to the original characters;
2. ``context.build`` infers what holds for the whole document (title, kind, region, date);
3. ``layout.lay_out`` cuts it into blocks (lines, table cells), sentences and clauses under their
   headings and classifies every clause (``classify``);
4. ``targets`` reads the target clauses, ``actuals`` the actual ones; counts reported in actual
   clauses (新培育省级专精特新企业110户) are actuals too, for linking;
5. ``mentions`` gives every number its class and reason; ``ids`` gives targets their stable id;
   ``links`` ties each actual to the target of this document it reports on, if any.

Every offset in the result is an offset into the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from orchestration import reference
from orchestration.extract import actuals as actuals_reader
from orchestration.extract import context, ids, links, mentions, target_metrics
from orchestration.extract import targets as targets_reader
from orchestration.extract import classify as cl
from orchestration.extract.layout import Block, lay_out
from orchestration.extract.text import clauses as tc
from orchestration.extract.text import indicators, periods
from orchestration.extract.text.normalise import Normalised, normalise

_SPAN_KEYS = (("start", "end"), ("value_start", "value_end"), ("clause_start", "clause_end"),
              ("sentence_start", "sentence_end"))
_INTERNAL = ("value_start", "value_end", "clause_start", "clause_end", "sentence_start", "sentence_end",
             "reported", "clause_text", "value_text")


@dataclass
class Reading:
    document: context.Document
    targets: list[dict] = field(default_factory=list)
    actuals: list[dict] = field(default_factory=list)
    mentions: list[mentions.Mention] = field(default_factory=list)


def read(text: str, *, doc: str = "-", doc_id: str | None = None, issuing_region: str | None = None,
         published: str | int | None = None, title: str | None = None, kind: str | None = None,
         region: str | None = None, year: int | None = None, include_pp_change: bool = False,
         unknown_as: str = "target") -> Reading:
    """Read one document (or a single sentence); see the module docstring. `unknown_as`: how a text
    of unknown kind (no title, no kind word) reads where nothing else decides."""
    norm = normalise(text or "")
    d = context.build(norm.text, doc=doc, issuing_region=issuing_region, published=published,
                      title=title, kind=kind)
    values = indicators.find_values(d.t)
    blocks = lay_out(d, unknown_as, skip=frozenset(v.row_start for v in values))
    rows = targets_reader.extract(d, blocks)
    figures = actuals_reader.extract(d, blocks, region=region, year=year, include_pp_change=include_pp_change)
    table_targets, table_figures = _indicator_rows(d, values)
    rows += table_targets
    figures = sorted(figures + table_figures, key=lambda r: r["start"])
    targets = [r for r in rows if not r["reported"]]
    counted = _counted_actuals(d, blocks, [r for r in rows if r["reported"]], figures, region, year)
    actuals = sorted(figures + counted, key=lambda r: (r["start"], r["value_start"]))
    found = mentions.classify(d.t, blocks, targets, actuals)
    for row in targets:
        row["clause_text"] = d.t[row["clause_start"]:row["clause_end"]]
        row["value_text"] = d.t[row["value_start"]:row["value_end"]]
        row["industry"] = _as_written(norm, row["industry"], row["sentence_start"], row["sentence_end"])
    ids.assign(doc_id or doc, targets)
    links.link(actuals, [dict(t, doc_id=doc_id or doc) for t in targets], same_doc=doc_id or doc)
    for row in targets + actuals:
        _to_original(norm, row)
    found = [mentions.Mention(*norm.span(m.start, m.end), text[slice(*norm.span(m.start, m.end))], m.cls, m.reason)
             for m in found]
    return Reading(d, targets, actuals, found)


def _indicator_rows(d: context.Document, values: list[indicators.Value]) -> tuple[list[dict], list[dict]]:
    """Each value of an indicator table, read as the clause it stands for ('研发经费投入增长' + '10'
    in a growth column of 2022年计划 reads as 研发经费投入增长10%, a 2022 target)."""
    targets: list[dict] = []
    figures: list[dict] = []
    for v in values:
        name = v.name
        if v.growth and not re.search(r"(?:增长|增速|增幅)$", name):
            name += "增长"
        text = f"{name}{v.number}{v.unit}{v.bound}。"
        # a plan column naming no year (预期增长(%)) plans for the year the document does
        plan_year = (v.year or d.plan_year) if v.plans else None
        mini = replace(d, t=text, title="", title_end=0, kind="plan" if v.plans else "progress",
                       doc_year=v.year or d.doc_year, annual_year=plan_year, plan_end_year=None)
        mode = cl.Mode(cl.TARGET if v.plans else cl.ACTUAL, "", "column")
        blocks = lay_out(mini, mode.cls)
        for block in blocks:
            for sentence in block.sentences:
                for clause in sentence.clauses:
                    clause.mode = mode
        # a report column's figures are of the period and place its document's title names
        # (某县2023年1-9月主要经济指标); the title itself states no figure of the mini text
        found = targets_reader.extract(mini, blocks) if v.plans else \
            actuals_reader.extract(replace(mini, title=d.title), blocks, region=d.issuing, year=v.year)
        for row in found:
            row["reported"] = not v.plans
            row["start"], row["end"] = v.row_start, v.row_end
            row["value_start"], row["value_end"] = v.start, v.end
            row["clause_start"], row["clause_end"] = v.row_start, v.row_end
            row["sentence_start"], row["sentence_end"] = v.row_start, v.row_end
            row["reason"] = "indicator table column: " + ("plan" if v.plans else "report") + (f" {v.year}" if v.year else "")
            if v.plans:
                row["responsible_units"] = tc.split_units(v.units)
            (targets if v.plans else figures).append(row)
    return targets, figures


def _as_written(norm: Normalised, words: str | None, start: int, end: int) -> str | None:
    """`words` of the clean text in the script the document writes them in (a traditional text's
    紡織服裝, the conventions' "document's own wording"): each character from where it stands in
    the original, glyph notes such as 產(chǎn) left out."""
    if not words or words == "all":
        return words
    at = norm.text.find(words, start, end)
    if at < 0:
        return words
    out = []
    for i in range(at, at + len(words)):
        ch = norm.original[norm.offset(i)] if norm.offset(i) < len(norm.original) else ""
        out.append(ch if "\u4e00" <= ch <= "\u9fff" and "\u4e00" <= norm.text[i] <= "\u9fff" else norm.text[i])
    return "".join(out)


def _to_original(norm: Normalised, row: dict) -> None:
    for a, b in _SPAN_KEYS:
        if a in row:
            row[a], row[b] = norm.span(row[a], row[b])
    if "sentence_start" in row:
        row["sentence"] = norm.original[row["sentence_start"]:row["sentence_end"]]
    row["_spans"] = {k: row.pop(k) for k in _INTERNAL if k in row}


def _counted_actuals(d: context.Document, blocks: list[Block], reported: list[dict], figures: list[dict],
                     region: str | None, year: int | None) -> list[dict]:
    """Counts read from actual clauses that no figure row covers (新培育省级专精特新企业110户,
    落地亿元以上项目32个): actuals of the generic count metrics, with the year and period of their
    sentence, kept for linking to the targets they report on."""
    taken = [(f["value_start"], f["value_end"]) for f in figures]
    out = []
    ctx = actuals_reader.doc_context(d, region, year)
    generic = {code for code, row in reference.metrics().items()
               if row.get("family") == "target_only" and row.get("kind") == "count"}
    for r in reported:
        # the catalog's series are the figure reader's (its lexicon knows their subjects); only the
        # generic counts a unit reports are taken from here
        if r["metric"] not in generic or r["kind"] not in target_metrics.KNOWN_KINDS or r["comparator"] == "range" or \
                any(a < r["value_end"] and r["value_start"] < b for a, b in taken):
            continue
        block = next(b for b in blocks if b.start <= r["sentence_start"] <= b.end)
        when_year, when_period = _when(d.t, r["sentence_start"], r["value_start"],
                                       block.section_year or ctx.year, ctx.period)
        out.append({
            "doc": r["doc"], "region": r["subject_region"], "region_code": r["region_code"],
            "year": when_year, "period": periods.contract_period(when_period), "metric": r["metric"],
            "value": r["value"], "unit": r["unit"],
            "basis": "yoy_growth_pct" if r["comparator"] == "growth_at_least" else "level",
            "qualifier": r["qualifier"], "sentence": r["sentence"], "start": r["start"], "end": r["end"],
            "reason": r["reason"], "kind": r["kind"], "metric_text": r["metric_text"], "industry": r["industry"],
            "value_start": r["value_start"], "value_end": r["value_end"],
            "sentence_start": r["sentence_start"], "sentence_end": r["sentence_end"],
        })
    return out


def _when(t: str, start: int, end: int, year: int | None, period: str) -> tuple[int | None, str]:
    """The year and cumulative period the text before a value names (1-7月, 今年以来 …)."""
    pos = start
    while pos < end:
        tok = periods.period_token(t, pos) or periods.year_token(t, pos)
        if tok is None:
            pos += 1
            continue
        if "year" in tok.attrs:
            year = tok.attrs["year"]
        if "period" in tok.attrs:
            period = tok.attrs["period"]
        pos = tok.end
    return year, period if period != "single" else "Y"


def extract_targets(text: str, **kw) -> list[dict]:
    """The targets of a document (the ``kpi extract-targets`` contract)."""
    year = kw.pop("doc_year", None)
    if year and "published" not in kw:
        kw["published"] = year
    return [_public(r) for r in read(text, **kw).targets]


def extract_figures(text: str, **kw) -> list[dict]:
    """The actuals of a document (the ``kpi extract-figures`` contract); a text of unknown kind
    reads as a report."""
    kw.setdefault("unknown_as", "actual")
    return [_public(r) for r in read(text, **kw).actuals]


def _public(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def describe(path: str, reading: Reading) -> str:
    """`kpi read`: the document's context, then one line per number (class, number, why, and
    the row it became)."""
    d = reading.document
    lines = [f"== {path}: kind {d.kind}, region {d.issuing or '?'}, written {d.doc_year or '?'}, "
             f"title {d.title or '(none)'}"]
    rows = {}
    for r in reading.targets:
        rows[(r["_spans"]["value_start"], r["_spans"]["value_end"])] = (
            f"-> {r['metric']} {r['comparator']} {_value(r)} {r['unit']} {r['target_year'] or ''} [{r['target_id']}]")
    for r in reading.actuals:
        link = f" -> reports on {r['target_id']}" if r.get("target_id") else ""
        rows[(r["_spans"]["value_start"], r["_spans"]["value_end"])] = (
            f"-> {r['region'] or '?'} {r['year'] or '?'} {r['period']} {r['metric']} {r['value']} {r['unit']}{link}")
    labels = {"target": "目标", "actual": "实际", "neither": "其他"}
    for m in reading.mentions:
        row = next((v for (a, b), v in rows.items() if a < m.end and m.start < b), "")
        lines.append(f"{labels[m.cls]} {m.cls:<7} {m.text:<12} {m.reason} {row}".rstrip())
    if not reading.targets:
        lines.append("未提取到目标 (no targets found)")
    return "\n".join(lines) + "\n"


def _value(r: dict) -> str:
    if r.get("value_low") is not None and r.get("value_high") is not None:
        return f"{r['value_low']:g}-{r['value_high']:g}"
    return "*" if r.get("redacted") else f"{r['value']:g}" if r.get("value") is not None else "?"
