"""Stable target ids: from the document and the normalised text of the clause, never from offsets.

    <doc_id>:<10 hex digits>

The digest covers the clause (whitespace and punctuation dropped, so a re-typed space or a
full-width comma changes nothing) and the value as written (so the targets of one clause differ).
Only where two targets of a document would still share an id does the id also cover the member
(industry or subject) the row was split for, then an occurrence number. An extractor change that
reads a clause's metric or comparator differently keeps the id; reviews and unit reports keyed
on it survive a re-extraction.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_DROP = re.compile(r"[\s\u3000,.;:!?()\[\]“”\"'‘’《》〔〕、。;:,!?()【】「」·…—\-]+")


def normalise_clause(text: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", text or ""))


def _digest(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:10]


def assign(doc_id: str, rows: list[dict]) -> None:
    """Set `target_id` on every row (rows carry `clause_text` and `value_text`)."""
    base: dict[int, tuple[str, str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for i, row in enumerate(rows):
        key = (normalise_clause(row.get("clause_text", "")), normalise_clause(row.get("value_text", "")))
        base[i] = key
        counts[key] = counts.get(key, 0) + 1
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        clause, value = base[i]
        parts = [clause, value]
        if counts[(clause, value)] > 1:
            parts.append(normalise_clause(f"{row.get('industry') or ''}/{row.get('subject_region') or ''}"))
        digest = _digest(*parts)
        seen[digest] = seen.get(digest, 0) + 1
        row["target_id"] = f"{doc_id}:{digest}" + (f"~{seen[digest]}" if seen[digest] > 1 else "")
