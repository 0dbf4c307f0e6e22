"""Normalisation that keeps offsets: the reader works on a cleaned copy of the text, and every span
it finds maps back to the original characters.

What changes, and why:
- full-width ASCII (０-９ ， ％ （）) becomes half-width, dashes fold to ``-``, and traditional
  characters become simplified (OpenCC's t2s table, applied one character at a time so a
  character never becomes two): one character for one character;
- glyph noise from the lexicon (katakana エ for 工, カ for 力, Japanese 増 for 增), also one for one;
- HTML remnants go: tags disappear (block tags and table cells become a line break or a tab, so
  a table keeps its shape), entities become their character;
- a single space between two Chinese characters or digits is an artefact of copying from a PDF
  or a web page (规上工业 总产值, 突破 800 亿元) and is dropped; two or more spaces and tabs stay,
  because they separate the cells of a table, and so does a space between two numbers (a row of
  cells: 生产总值 414.9 7.4);
- zero-width characters, NUL and other control characters are dropped; CR/LF become LF;
- a pinyin reading after a character (地區(qū)), which converters of traditional text leave, is dropped.

``Normalised.span(a, b)`` maps a span of the clean text back to the original.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from orchestration.extract.lexicon import glyphs
from orchestration.extract.text import tables

_DASHES = "—–―‐‑−﹣－"


@lru_cache(maxsize=1)
def traditional_to_simplified() -> dict[int, str]:
    """Every CJK character that OpenCC's t2s turns into another single character."""
    try:
        import opencc
    except ImportError:  # the reader still works, only traditional text reads worse
        return {}
    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    converted = opencc.OpenCC("t2s").convert(block)
    if len(converted) != len(block):
        return {}
    # 乾 (乾坤, 乾隆) and 著 stay: in simplified text they are characters of their own.
    keep = set("乾著")
    return {ord(a): b for a, b in zip(block, converted) if a != b and a not in keep}


@lru_cache(maxsize=1)
def translation_table() -> dict[int, str]:
    """The one-to-one part of normalisation, as a str.translate table."""
    table: dict[int, str] = {}
    table.update(traditional_to_simplified())
    table.update({c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})
    table.update({ord("\u3000"): " ", ord("\xa0"): " ", ord("．"): ".", ord("％"): "%"})
    table.update({ord(d): "-" for d in _DASHES})
    table.update({ord("〜"): "~"})
    table.update({ord(a): b for a, b in glyphs().items()})
    return table


_CJK = r"\u4e00-\u9fff"
# What is rewritten with a different length: tags, entities, spaces inside Chinese, controls.
_BLOCK_TAG = r"p|div|br|tr|li|h[1-6]|table|tbody|thead|ul|ol|section|article|dd|dt"
_REWRITE_RE = re.compile(
    rf"(?P<cell></?t[dh](?:\s[^<>]{{0,200}})?>)"
    rf"|(?P<block></?(?:{_BLOCK_TAG})(?:\s[^<>]{{0,200}})?/?>)"
    r"|(?P<tag></?[a-zA-Z][a-zA-Z0-9]{0,10}(?:\s[^<>]{0,200})?/?>|<!--.{0,500}?-->)"
    r"|(?P<entity>&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});)"
    # (not between two numbers: '生产总值 414.9 7.4' is a row of cells)
    rf"|(?<=[{_CJK}\d%])(?P<space>[ \u3000\xa0])(?=[{_CJK}\d])(?!(?<=[\d%][ \u3000\xa0])\d)"
    r"|(?P<crlf>\r\n?)"
    # a reading in pinyin after a character (地區(qū)), left by converters of traditional text
    rf"|(?<=[{_CJK}])(?P<ruby>\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{{1,6}}\))"
    r"|(?P<control>[\x00-\x08\x0b\x0c\x0e-\x1f\u200b-\u200d\u2060\ufeff])"
)


@dataclass(frozen=True)
class Normalised:
    """The clean text and the map back to the original."""

    text: str
    original: str
    # breakpoints: at clean offset _clean[k] the original offset is _orig[k]; between breakpoints
    # the two advance together
    _clean: tuple[int, ...] = ()
    _orig: tuple[int, ...] = ()

    def offset(self, i: int) -> int:
        """Original offset of clean offset `i` (a start position)."""
        if not self._clean:
            return i
        k = bisect.bisect_right(self._clean, i) - 1
        if k < 0:
            return i
        return min(self._orig[k] + (i - self._clean[k]), len(self.original))

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original span of the clean span [a, b)."""
        if b <= a:
            start = self.offset(a)
            return start, start
        return self.offset(a), self.offset(b - 1) + 1


def normalise(text: str) -> Normalised:
    """Clean `text` for reading (see the module docstring)."""
    pieces: list[str] = []
    clean_marks: list[int] = []
    orig_marks: list[int] = []
    pos = 0
    out_len = 0
    source = _with_row_lines(_with_cell_tabs(text))      # the same length as `text`: its offsets hold
    for m in _REWRITE_RE.finditer(source):
        if m.start() > pos:
            pieces.append(source[pos:m.start()])
            out_len += m.start() - pos
        kind = m.lastgroup
        if kind == "cell":
            rep = "\t" if not m.group().startswith("</") else ""
        elif kind == "block":
            rep = "\n"
        elif kind == "entity":
            rep = html.unescape(m.group())
            rep = rep if len(rep) == 1 else m.group()
        elif kind == "crlf":
            rep = "\n"
        else:
            rep = ""
        pieces.append(rep)
        out_len += len(rep)
        pos = m.end()
        clean_marks.append(out_len)
        orig_marks.append(pos)
    pieces.append(source[pos:])
    clean = "".join(pieces).translate(translation_table())
    if not clean_marks:
        return Normalised(clean, text)
    return Normalised(clean, text, (0, *clean_marks), (0, *orig_marks))


_RUBY_RE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


# A table a page copy wrote one cell per line, each closed by '|', its rows apart by a line of '|' alone
# ('|\n指标名称 |\n预期增长(%) |\n上半年完成(%) |\n|\n地区生产总值 |\n6左右 |\n4 |'): the breaks inside a row
_ROW_CELL_BREAK_RE = re.compile(r"(?:(?<=[^\n|] \|)|(?<=[^\n| ]\|))\n(?=[^\n|]+ ?\|(?:\n|$))")


def _with_row_lines(text: str) -> str:
    """`text` with such a row's line breaks made spaces, so that the row is one '|' line as the
    indicator and task tables read it (the same length: the offsets hold)."""
    if text.count("|\n") < 6:
        return text
    return _ROW_CELL_BREAK_RE.sub(" ", text)


def _with_cell_tabs(text: str) -> str:
    """`text` with the single spaces that separate a copied table's cells made tabs (see
    tables.single_space_separators), so that dropping stray spaces does not merge its cells."""
    if text.count(" ") < 3:
        return text
    seps = tables.single_space_separators(text, lambda cell: _RUBY_RE.sub("", cell).translate(translation_table()))
    if not seps:
        return text
    chars = list(text)
    for i in seps:
        chars[i] = "\t"
    return "".join(chars)


def to_halfwidth(text: str) -> str:
    """The one-to-one part only (same length, same offsets)."""
    return text.translate(translation_table())
