"""Do the well-kept Chinese text libraries earn their place in the reader? Prints numbers.

    python benchmarks/text_libraries.py

- numerals: cn2an against the reader's own parser (orchestration/extract/text/numbers.py) on the
  forms policy texts use, accuracy and microseconds per call, and cn2an's import time;
- traditional -> simplified: OpenCC (t2s, applied one character at a time, as the reader does)
  against the hand table the figure parser used to carry, on a traditional-script passage;
- segmentation: jieba's import and dictionary load time (the reader reads subjects with its own
  lexicon and needs no word segmentation).

cn2an and jieba are not project dependencies; install them in a scratch venv to measure them
(`pip install cn2an jieba`); each missing library is reported as such.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orchestration.extract.text.numbers import parse_number  # noqa: E402

NUMERALS = {  # as written in policy documents -> value
    "两": 2, "十五": 15, "三百二十": 320, "一千": 1000, "一万二千": 12000, "二〇二七": 2027,
    "五千亿": 5e11, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12, "1.4万亿": 1.4e12, "2万": 2e4,
    "1,200": 1200, "八千": 8000, "一百五十": 150, "三十五": 35, "两千五百": 2500,
}
TRADITIONAL = ("規上工業增加值增長8.5%,長豐縣發展歷史性實現“五個千億”。預計全年地區生產總值突破千億,"
               "規上工業產值超2000億,新能源及智能網聯汽車產業產值超千億。")
SIMPLIFIED = ("规上工业增加值增长8.5%,长丰县发展历史性实现“五个千亿”。预计全年地区生产总值突破千亿,"
              "规上工业产值超2000亿,新能源及智能网联汽车产业产值超千亿。")
# the hand table the figure parser carried before OpenCC (a sample of its 300 pairs)
OLD_TABLE = dict(zip("規業產總長億萬戶術發經濟費資設強佔與驗試點個較營額數門類製計價後實現縣區統報國會為",
                     "规业产总长亿万户术发经济费资设强占与验试点个较营额数门类制计价后实现县区统报国会为"))


def _timed(fn, items, repeats=2000):
    t0 = time.perf_counter()
    for _ in range(repeats):
        for x in items:
            try:
                fn(x)
            except Exception:
                pass
    return (time.perf_counter() - t0) / (repeats * len(items)) * 1e6


def numerals() -> None:
    ours = sum(parse_number(k) == v for k, v in NUMERALS.items())
    print(f"numerals ({len(NUMERALS)} forms): reader's parser {ours}/{len(NUMERALS)} right, "
          f"{_timed(parse_number, list(NUMERALS)):.1f} µs/call")
    try:
        t0 = time.perf_counter()
        cn2an = importlib.import_module("cn2an")
        imported = time.perf_counter() - t0
    except ImportError:
        print("  cn2an: not installed (pip install cn2an to measure it)")
        return

    def theirs(x):
        return cn2an.cn2an(x, "smart")

    right = 0
    for k, v in NUMERALS.items():
        try:
            right += float(theirs(k)) == v
        except Exception:
            pass
    print(f"  cn2an {getattr(cn2an, '__version__', '')}: {right}/{len(NUMERALS)} right, "
          f"{_timed(theirs, list(NUMERALS), 200):.1f} µs/call, import {imported:.2f} s")


def traditional() -> None:
    old = "".join(OLD_TABLE.get(ch, ch) for ch in TRADITIONAL)
    print(f"traditional -> simplified ({len(TRADITIONAL)} characters): old hand table "
          f"{sum(a == b for a, b in zip(old, SIMPLIFIED))}/{len(SIMPLIFIED)} characters right")
    try:
        t0 = time.perf_counter()
        from orchestration.extract.text.normalise import traditional_to_simplified, to_halfwidth
        table = traditional_to_simplified()
        built = time.perf_counter() - t0
    except ImportError:
        print("  OpenCC: not installed")
        return
    new = to_halfwidth(TRADITIONAL)
    print(f"  OpenCC t2s per character ({len(table)} characters mapped, table built in {built:.2f} s): "
          f"{sum(a == b for a, b in zip(new, to_halfwidth(SIMPLIFIED)))}/{len(SIMPLIFIED)} characters right, "
          f"length kept: {len(new) == len(TRADITIONAL)}")


def segmentation() -> None:
    try:
        t0 = time.perf_counter()
        jieba = importlib.import_module("jieba")
        jieba.setLogLevel(60)
        jieba.initialize()
        loaded = time.perf_counter() - t0
    except ImportError:
        print("jieba: not installed (pip install jieba to measure it)")
        return
    t0 = time.perf_counter()
    words = list(jieba.cut(SIMPLIFIED))
    cut = time.perf_counter() - t0
    print(f"jieba {jieba.__version__}: import and dictionary load {loaded:.2f} s, one sentence cut in "
          f"{cut * 1000:.1f} ms into {len(words)} words")


if __name__ == "__main__":
    numerals()
    traditional()
    segmentation()
