"""The reader's word lists, kept as data (CSV files beside this module).

- ``cues.csv``: the words that make a clause a target, an actual or neither;
- ``glyphs.csv``: glyph noise (characters copied in for others);
- ``metric_rules.csv``, ``kinds.csv``, ``categories.csv``: what a target's noun measures.
- ``outlets.csv``: local media outlets, named after the place they report on (荆门广播电视台).

Every row has a ``source``: ``general`` for grammar that holds whatever the document, or the
document (and clause) the entry exists for, so an entry made for one document is never mistaken
for grammar and can be dropped with it.

Loaded once per process; a missing file is an installation error and raises.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rows(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return [row for row in csv.DictReader(f) if not (row.get(next(iter(row))) or "").startswith("#")]


@lru_cache(maxsize=1)
def glyphs() -> dict[str, str]:
    """Glyph noise: character -> the character it stands for."""
    return {row["glyph"]: row["reads_as"] for row in rows("glyphs.csv")}


def column(name: str, key: str) -> list[str]:
    return [row[key] for row in rows(name)]


def metric_rules(basis: str) -> list[tuple[str, str]]:
    """(pattern, metric code) for a basis (growth, share, money, count), in file order."""
    return [(row["pattern"], row["metric"]) for row in rows("metric_rules.csv") if row["basis"] == basis]
