"""How well the reader generalises: precision, recall and F1 for targets and actuals on three sets.

    python benchmarks/extraction_eval.py             # report
    python benchmarks/extraction_eval.py --errors    # also list misses and false positives
                                                     # (never for the test split)
    python benchmarks/extraction_eval.py --json      # the numbers as JSON
    python benchmarks/extraction_eval.py --test-docs # per-document counts of the test split too
    python benchmarks/extraction_eval.py --causes    # missed and false targets and actuals by cause
                                                     # (read as an actual, a field, a distractor …)
    python benchmarks/extraction_eval.py --quick     # scores only: no dated pass, no throughput

Sets:
  (a) seed gold: tests/fixtures/gold/targets_gold.csv, two of the five seed documents (the rules
      were written on these, so this measures fit, not generalisation);
  (b) dev sentences: ../shared/gold/dev/ (196 target rows from 28 documents, 118 actual rows), read
      from there when present (set KPI_DEV_GOLD to point elsewhere), skipped otherwise; each
      sentence is read with its source title as the first line, the way a page gives it;
  (c) whole documents labelled here (benchmarks/labelled/<doc>/): split `tune` (rules may be
      written on it) and `test` (no rule is tuned on it; errors are never printed). They are read
      as an inbox file is: the text alone, without the metadata the labellers wrote down; then
      once more with the publication date an office would file each document with.

Scoring is benchmarks/extraction_scoring.py (level 2). Throughput is measured on the five seed
documents, on the labelled documents (denser in numbers) and on one 5 MB document.
"""

from __future__ import annotations

import csv
import json
import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for p in (ROOT, ROOT / "benchmarks"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))

import extraction_scoring as sc  # noqa: E402
from orchestration import reference  # noqa: E402
from orchestration.extract import read  # noqa: E402
from orchestration.extract.text.normalise import traditional_to_simplified  # noqa: E402

_SIMPLIFIED = traditional_to_simplified()

SEED_GOLD = ROOT / "tests" / "fixtures" / "gold" / "targets_gold.csv"
POLICIES = ROOT / "seeds" / "policies"
LABELLED = ROOT / "benchmarks" / "labelled"
DEV = Path(os.environ.get("KPI_DEV_GOLD") or ROOT.parent / "shared" / "gold" / "dev")

TARGET_FIELDS = {
    "value/range": lambda g, p: sc.norm_value(g["unit"], g["value"], g.get("value_low"), g.get("value_high"),
                                              g.get("redacted")) ==
    sc.norm_value(p["unit"], p["value"], p.get("value_low"), p.get("value_high"), p.get("redacted")),
    "target_year": lambda g, p: sc._year(g.get("target_year")) == sc._year(p.get("target_year")),
    "comparator": lambda g, p: g["comparator"] == p["comparator"],
    "metric (group)": lambda g, p: sc.metric_group(g["metric"]) is None and sc.metric_group(p["metric"]) is None
    or sc.metric_group(g["metric"]) == sc.metric_group(p["metric"]),
    "subject_region": lambda g, p: _region_key(g.get("subject_region")) == _region_key(p.get("subject_region")),
    "industry": lambda g, p: _industry_key(g.get("industry")) == _industry_key(p.get("industry")),
    "qualifier": lambda g, p: set(filter(None, (g.get("qualifier") or "").split(";")))
    == set(filter(None, (p.get("qualifier") or "").split(";"))),
    "period": lambda g, p: (g.get("period") or "") == (p.get("period") or ""),
    "responsible_units": lambda g, p: set(filter(None, (g.get("responsible_units") or "").split(";")))
    == set(filter(None, (p.get("responsible_units") or "").split(";"))),
}
ACTUAL_FIELDS = {
    "value": lambda g, p: sc._f(g["value"]) == sc._f(p["value"]),
    "metric (group)": lambda g, p: sc.metric_group(g["metric"]) == sc.metric_group(p["metric"]),
    "region": lambda g, p: _region_key(g.get("region")) == _region_key(p.get("region")),
    "year": lambda g, p: sc._year(g.get("year")) == sc._year(p.get("year")),
    "period": lambda g, p: (g.get("period") or "Y") == (p.get("period") or "Y"),
}


_FLOOR = re.compile(r"突破|超过?|以上|逾|近|多|余")  # a floor, not a figure (see extraction_scoring)


def _region_key(name) -> str:
    """A region's code (of the most specific place a name ends on), else its name in simplified
    script (a label copies a traditional page's 上黨區; the reader writes one script)."""
    name = (name or "").strip().translate(_SIMPLIFIED)
    if not name:
        return ""
    # 淮北市杜集区: a county written after its city is the county
    for i in range(len(name) - 1):
        code = reference.region_code(name[i:])
        if code:
            return code
    return name


def _industry_key(name) -> str:
    name = (name or "").strip()
    return reference.industry_aliases().get(name, name) if name else ""


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --------------------------------------------------------------------------------------------
# The three sets, as documents with their labelled rows

def seed_documents() -> list[dict]:
    meta = {row["file"]: row for row in _rows(POLICIES / "policies.csv")}
    gold = _rows(SEED_GOLD)
    docs = []
    for name in sorted({g["doc_file"] for g in gold}):
        text = (POLICIES / name).read_text(encoding="utf-8")
        row = meta[name]
        targets = [dict(g, _span=sc.locate(text, g["quote"])) for g in gold if g["doc_file"] == name]
        docs.append({"doc": name, "text": text, "issuing_region": row["issuing_region"],
                     "published": row["published"], "targets": targets, "actuals": None, "neither": []})
    return docs


def labelled_documents(split: str, *, with_dates: bool = bool(os.environ.get("KPI_EVAL_WITH_DATES"))) -> list[dict]:
    docs = []
    for folder in sorted(p for p in LABELLED.iterdir() if (p / "meta.json").exists()):
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta.get("split") != split:
            continue
        text = (folder / "document.txt").read_text(encoding="utf-8")
        targets = [dict(g, _span=sc.locate(text, g["quote"])) for g in _rows(folder / "targets.csv")]
        # (a region the table does not know is compared by name, in simplified script)
        actuals = [dict(g, _span=sc.locate(text, g["quote"]), _region_code=_region_key(g["region"]),
                        region=(g["region"] or "").translate(_SIMPLIFIED),
                        confidence="low" if _FLOOR.search(g.get("qualifier") or "") else g.get("confidence"))
                   for g in _rows(folder / "actuals.csv")]
        neither = [dict(g, _span=sc.locate(text, g["quote"])) for g in _rows(folder / "neither.csv")] \
            if (folder / "neither.csv").exists() else []
        # read as `kpi extract-targets PATH` reads an inbox file: the text alone, no metadata
        docs.append({"doc": meta["doc_id"], "text": text, "issuing_region": None,
                     "published": str(meta.get("published") or "") if with_dates else None,
                     "title": meta.get("title"),
                     "targets": targets, "actuals": actuals, "neither": neither, "kind": meta.get("kind")})
    return docs


def dev_sentences(kind: str) -> list[dict]:
    """One input per distinct (title, sentence): the title line, then the sentence."""
    path = DEV / ("targets_other_documents.csv" if kind == "targets" else "actuals_other_documents.csv")
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in _rows(path):
        groups[(row["source_title"], row["sentence"])].append(row)
    docs = []
    for (title, sentence), rows in groups.items():
        text = title + "\n" + sentence
        body = (len(title) + 1, len(text))
        for g in rows:
            g["_span"] = body
            stated = str(g.get("target_year") or g.get("year") or "")[:4]
            g["_year_required"] = bool(stated) and stated in sentence
        docs.append({"doc": title[:24], "text": text, "issuing_region": rows[0].get("issuing_region"),
                     "published": "", "targets": rows if kind == "targets" else None,
                     "actuals": rows if kind == "actuals" else None, "neither": []})
    return docs


# --------------------------------------------------------------------------------------------
# Scoring

def _read(doc: dict):
    return read(doc["text"], doc=doc["doc"], issuing_region=doc.get("issuing_region") or None,
                published=doc.get("published") or None)


def _describe_target(r: dict) -> str:
    v = r.get("value") if r.get("comparator") != "range" else f"{r.get('value_low')}-{r.get('value_high')}"
    return f"{r.get('metric')} {r.get('comparator')} {v} {r.get('unit')} {r.get('target_year') or ''} | " + \
        (r.get("quote") or r.get("sentence") or "")[:70]


def _describe_actual(r: dict) -> str:
    return f"{r.get('region')} {r.get('year')} {r.get('period') or 'Y'} {r.get('metric')} {r.get('value')} " \
           f"{r.get('unit')} | " + (r.get("quote") or r.get("sentence") or "")[:70]


def score_set(docs: list[dict], *, sentences: bool) -> dict:
    targets, actuals = sc.Score(), sc.Score()
    per_doc = {}
    neither_total = neither_as_target = 0
    causes = {"targets missed": Counter(), "targets false": Counter(),
              "actuals missed": Counter(), "actuals false": Counter()}
    for doc in docs:
        reading = _read(doc)
        text = doc["text"]
        entry = {}
        if doc["targets"] is not None:
            for p in reading.targets:
                p["quote"] = text[p["start"]:p["end"]]
            s = sc.match(doc["targets"], reading.targets,
                         lambda g, p: sc.target_key_ok(g, p, year_required=not sentences or g.get("_year_required")),
                         _describe_target, _describe_target)
            targets.add(s)
            entry["targets"] = (s.tp, s.fp, s.fn)
            causes["targets missed"].update(sc.miss_cause(g, reading.targets, reading.actuals, reading.mentions)
                                    for g in s.missed_rows)
            causes["targets false"].update(sc.false_cause(p, doc["targets"], doc["actuals"] or [], doc["neither"])
                                   for p in s.false_rows)
        if doc["actuals"] is not None:
            golds = [g for g in doc["actuals"] if sc.metric_group(g["metric"])]
            preds = [p for p in reading.actuals if sc.metric_group(p["metric"])]
            for p in preds:
                p["quote"] = text[p["start"]:p["end"]]
            # a prediction that matches an out-of-catalog or optional row is neither a hit nor an error
            s = sc.match(golds, preds, lambda g, p: sc.actual_key_ok(g, p, context=not sentences),
                         _describe_actual, _describe_actual)
            actuals.add(s)
            entry["actuals"] = (s.tp, s.fp, s.fn)
            causes["actuals missed"].update(
                sc.miss_cause(g, reading.targets, reading.actuals, reading.mentions, cls="actual")
                for g in s.missed_rows)
            causes["actuals false"].update(sc.actual_false_cause(p, doc["targets"] or [], doc["actuals"], doc["neither"])
                                           for p in s.false_rows)
        for n in doc["neither"]:
            a, b = n["_span"]
            if a < 0:
                continue
            neither_total += 1
            # the number of the distractor is the value of a target row (not merely inside its clause)
            if any(p["_spans"]["value_start"] < b and a < p["_spans"]["value_end"] and not _matches_any(p, doc["targets"])
                   for p in reading.targets):
                neither_as_target += 1
        per_doc[doc["doc"]] = entry
    return {"targets": targets, "actuals": actuals, "per_doc": per_doc,
            "neither": (neither_as_target, neither_total), "causes": causes}


def _matches_any(p: dict, golds: list[dict] | None) -> bool:
    return any(sc.target_key_ok(g, p, year_required=False) for g in golds or [])


def fields_table(aligned: list[tuple[dict, dict]], fields: dict, n_pred: int, n_gold: int) -> dict:
    """A field the set does not label (the dev files have no `period` or `responsible_units`
    column) is left out rather than scored against an empty label."""
    labelled = {k for g, _ in aligned for k in g}
    return {name: sc.prf(sum(bool(same(g, p)) for g, p in aligned), n_pred, n_gold)
            for name, same in fields.items() if name not in _COLUMNS or name in labelled}


_COLUMNS = {"target_year", "subject_region", "industry", "qualifier", "period", "responsible_units", "region", "year"}


def throughput(corpora: dict[str, str], repeats: int = 3) -> dict[str, dict[str, float]]:
    """Characters per second, best of `repeats`, for each corpus: the whole read (both readers,
    classification, mentions, ids, links), and each reader on its own (the shared normalisation,
    context and layout included)."""
    from orchestration.extract import actuals, context, layout, targets
    from orchestration.extract.text.normalise import normalise

    def shared(text):
        norm = normalise(text)
        doc = context.build(norm.text)
        return doc, layout.lay_out(doc)

    stages = {
        "read (both readers)": lambda text: read(text),
        "targets reader": lambda text: targets.extract(*shared(text)),
        "actuals reader": lambda text: actuals.extract(*shared(text)),
    }
    out = {}
    for name, text in corpora.items():
        row = {"chars": len(text)}
        for stage, fn in stages.items():
            fn(text)
            walls = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                fn(text)
                walls.append(time.perf_counter() - t0)
            row[stage] = len(text) / min(walls)
        out[name] = row
    return out


def _line(label: str, s: sc.Score) -> str:
    p, r, f = s.prf
    return f"  {label:<34} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (tp {s.tp}, fp {s.fp}, fn {s.fn})"


def main(argv: list[str]) -> int:
    show_errors = "--errors" in argv
    sets: dict[str, tuple[list[dict], bool]] = {"(a) seed gold": (seed_documents(), False)}
    if DEV.is_dir():
        sets["(b) dev sentences: targets"] = (dev_sentences("targets"), True)
        sets["(b) dev sentences: actuals"] = (dev_sentences("actuals"), True)
    for split in ("tune", "test"):
        docs = labelled_documents(split)
        if docs:
            sets[f"(c) whole documents, {split} split"] = (docs, False)
    results = {name: score_set(docs, sentences=sent) for name, (docs, sent) in sets.items()}
    quick = "--quick" in argv
    if not os.environ.get("KPI_EVAL_WITH_DATES") and not quick:
        dated = {split: score_set(labelled_documents(split, with_dates=True), sentences=False)
                 for split in ("tune", "test")}
    seed_text = "\n".join((POLICIES / n).read_text(encoding="utf-8") for n in sorted(
        p.name for p in POLICIES.glob("*.txt")))
    labelled_text = "\n".join(d["text"] for split in ("tune", "test") for d in labelled_documents(split))
    big = (seed_text + "\n") * (5_000_000 // (len(seed_text) + 1) + 1)
    speed = {} if quick else throughput({"seed documents": seed_text, "labelled documents": labelled_text})
    if not quick:
        speed["one 5 MB document"] = throughput({"x": big[:5_000_000]}, repeats=1)["x"]
    if "--json" in argv:
        out = {name: {"targets": res["targets"].prf, "actuals": res["actuals"].prf, "neither": res["neither"],
                      "per_doc": res["per_doc"]} for name, res in results.items()}
        out["throughput_chars_per_s"] = speed
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    if not DEV.is_dir():
        print(f"(b) skipped: {DEV} is not present (set KPI_DEV_GOLD)")
    for name, res in results.items():
        print(f"\n{name}")
        docs = sets[name][0]
        if any(d["targets"] is not None for d in docs):
            print(_line("targets", res["targets"]))
        if any(d["actuals"] is not None for d in docs):
            print(_line("actuals (catalog metrics)", res["actuals"]))
        hit, total = res["neither"]
        if total:
            print(f"  distractors classed as targets      {hit} of {total} ({hit / total:.3f})")
        if not name.startswith("(b)") and ("test split" not in name or "--test-docs" in argv):
            for doc, entry in res["per_doc"].items():
                parts = [f"{k} tp {v[0]} fp {v[1]} fn {v[2]}" for k, v in entry.items()]
                print(f"    {doc:<40} " + "; ".join(parts))
        for kind, fields in (("targets", TARGET_FIELDS), ("actuals", ACTUAL_FIELDS)):
            s = res[kind]
            if s.aligned:
                table = fields_table(s.aligned, fields, s.tp + s.fp, s.tp + s.fn)
                print(f"  per field ({kind}, on aligned rows): " +
                      ", ".join(f"{k} {v[2]:.2f}" for k, v in table.items()))
        if "--causes" in argv and name.startswith("(c)"):
            for which, counts in res["causes"].items():
                print(f"  {which}, by cause: " + ", ".join(f"{k} {n}" for k, n in counts.most_common()))
        if show_errors and "test split" not in name:
            for kind in ("targets", "actuals"):
                s = res[kind]
                for m in s.misses:
                    print(f"    miss {kind}: {m}")
                for m in s.false_positives:
                    print(f"    false {kind}: {m}")
    if not os.environ.get("KPI_EVAL_WITH_DATES") and not quick:
        print("\n(c) again, with the publication date the office files each document with (meta.json)")
        for split, res in dated.items():
            print(_line(f"{split} split: targets", res["targets"]))
            print(_line(f"{split} split: actuals (catalog metrics)", res["actuals"]))
    if quick:
        return 0
    print("\nThroughput (characters per second, best of 3; the 5 MB document once)")
    for name, row in speed.items():
        print(f"  {name:<22} {row['chars']:>9,} chars: " +
              ", ".join(f"{k} {v / 1000:.0f}k/s" for k, v in row.items() if k != "chars"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
