"""Reference data shipped in ``seeds/reference``: regions, metrics, industries.

Pure helpers used by the extractors and loaders to map names and aliases to codes.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .settings import SEEDS_DIR

REFERENCE_DIR = SEEDS_DIR / "reference"


def _rows(name: str) -> list[dict[str, str]]:
    with open(REFERENCE_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def regions() -> list[dict[str, str]]:
    """Rows of regions.csv (region_code, region_name, level, parent_code, aliases, ...)."""
    return _rows("regions.csv")


@lru_cache(maxsize=1)
def region_aliases() -> dict[str, str]:
    """Every region name, alias and code -> six-digit region code."""
    lookup: dict[str, str] = {}
    for row in regions():
        code = row["region_code"]
        names = [code, row["region_name"], *filter(None, row.get("aliases", "").split("|"))]
        for name in names:
            lookup[name.strip()] = code
    return lookup


def region_code(name: str) -> str | None:
    """The code of a region name, alias or code; None when unknown."""
    return region_aliases().get(name.strip())


@lru_cache(maxsize=1)
def metrics() -> dict[str, dict[str, str]]:
    """metric_code -> catalog row (name_zh, unit, kind, family, ...)."""
    return {row["metric_code"]: row for row in _rows("metrics.csv")}


@lru_cache(maxsize=1)
def industries() -> list[dict[str, str]]:
    """Rows of industries.csv (industry_code, industry_name, parent_code, level, aliases)."""
    return _rows("industries.csv")


@lru_cache(maxsize=1)
def industry_aliases() -> dict[str, str]:
    """Every industry name and alias -> industry code."""
    lookup: dict[str, str] = {}
    for row in industries():
        for name in [row["industry_name"], *filter(None, row.get("aliases", "").split("|"))]:
            lookup[name.strip()] = row["industry_code"]
    return lookup


@lru_cache(maxsize=None)
def labels(name: str, code_column: str, label_column: str = "name_zh") -> dict[str, str]:
    """code -> Chinese label of one seeds/reference list, e.g. labels("statuses", "status")."""
    return {row[code_column]: row[label_column] for row in _rows(f"{name}.csv")}
