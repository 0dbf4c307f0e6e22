"""The reader's word lists, kept as data (CSV files beside this module).

- general grammar: the words that decide how Chinese administrative text is read, whatever the
  document (``cues.csv``: target, actual and neither cues; ``glyphs.csv``: glyph noise);
- ``document_entries.csv``: entries that exist because one document spells something its own way;
  each cites the document it comes from, so it can be dropped when that document goes.

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
