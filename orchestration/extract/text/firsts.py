"""The characters a regular expression can start a match with, to skip patterns that cannot match
at a position (the actuals reader tries some forty subject patterns at every character).

``first_chars(pattern)`` returns a set of characters, or None when the pattern can start with
anything or with nothing (an empty match): then it must always be tried.
"""

from __future__ import annotations

import re

try:                                   # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:                    # pragma: no cover - older Pythons
    import sre_constants as _c
    import sre_parse as _p

_ANY = None
# \d and \s as the normalised text has them (ASCII digits; full-width ones are folded before)
_CATEGORIES = {_c.CATEGORY_DIGIT: set("0123456789"), _c.CATEGORY_SPACE: set(" \t\n\r\f\v\u3000")}


def first_chars(pattern: str) -> set[str] | None:
    try:
        parsed = _p.parse(pattern)
    except re.error:
        return _ANY
    chars, nullable = _seq(list(parsed))
    return None if nullable or chars is None else chars


def _seq(items) -> tuple[set[str] | None, bool]:
    """First characters of a sequence, and whether it can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        chars, nullable = _item(op, av)
        if chars is None:
            return None, False
        out |= chars
        if not nullable:
            return out, False
    return out, True


def _item(op, av) -> tuple[set[str] | None, bool]:
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < 256:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
            elif kind is _c.CATEGORY and value in _CATEGORIES:
                chars |= _CATEGORIES[value]
            else:
                return None, False
        return chars, False
    if op is _c.CATEGORY and av in _CATEGORIES:
        return set(_CATEGORIES[av]), False
    if op is _c.BRANCH:
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, n = _seq(list(branch))
            if chars is None:
                return None, False
            out |= chars
            nullable = nullable or n
        return out, nullable
    if op is _c.SUBPATTERN:
        return _seq(list(av[-1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) or op is getattr(_c, "POSSESSIVE_REPEAT", None):
        low, _high, body = av
        chars, nullable = _seq(list(body))
        return chars, nullable or low == 0
    if op in (_c.ASSERT, _c.ASSERT_NOT, _c.AT):
        return set(), True                 # zero-width: look at what follows
    return None, False
