"""Units: the catalog's unit table (seeds/reference/units.csv) and the unit words the reader knows.

Conversion happens once, here: 1.4 万亿元 -> 14000 亿元, 2 万户 -> 20000 户.
"""

from __future__ import annotations

import csv
from functools import lru_cache

from orchestration.reference import REFERENCE_DIR

MONEY = frozenset({"元", "美元"})
PERCENT = frozenset({"%", "个百分点", "百分点"})
COUNT = frozenset({"家", "户", "个", "项", "台", "套", "场", "次", "支", "条", "名", "人", "件", "座", "所",
                   "款", "种", "位", "处", "部", "栋", "架", "艘"})
MEASURE = frozenset({"平方公里", "万平方米", "平方米", "千瓦时", "千瓦", "兆瓦", "公顷", "公里", "千米", "吨标准煤",
                     "吨标煤", "吨", "亩", "斤", "立方米", "方", "辆",
                     "‰"})     # (a rate per thousand, 人口自然增长率6.5‰: kept as written, like a measure)

# Unit words after a number, longest first (the value finder's alternation).
UNIT_WORDS = (
    "个百分点|百分点|平方公里|万平方米|平方米|立方米|千瓦时|千瓦|兆瓦|公顷|公里|千米|美元|元|%|‰|吨标准煤|吨标煤|吨|亩|斤|"
    "方(?![面案式向法针阵位言])|"          # 50万方 (cubic metres), not 三方面 or 两方案
    "家|户|个|项|台|套|场|次|支|条|名|人|件|座|所|款|种|位|处|部|栋|批|架|艘|辆|倍|"
    "年|月|日|天|周|小时|号|届|期|大|级|强|番|代|类|层|版|岁|点|分|秒|米|度"
)


@lru_cache(maxsize=1)
def unit_table() -> dict[str, tuple[str, float]]:
    """unit -> (dimension, factor to the dimension's base).

    户, 家 and 个 are all counts (the metric says what is counted); 万 in front is a multiplier.
    """
    with open(REFERENCE_DIR / "units.csv", encoding="utf-8", newline="") as f:
        return {r["unit"]: (r["dimension"], float(r["factor"])) for r in csv.DictReader(f)}


def convert_unit(value: float, from_unit: str, to_unit: str) -> float | None:
    """Convert between units of one dimension; None when unknown or of different dimensions."""
    units = unit_table()
    src, dst = units.get(from_unit.strip()), units.get(to_unit.strip())
    if src is None or dst is None or src[0] != dst[0]:
        return None
    return round(value * src[1] / dst[1], 6)
