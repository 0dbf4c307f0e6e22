"""The reader of Chinese policy, progress and statistical text (pure Python; no Dagster or Streamlit).

    read(text, ...) -> Reading          targets, actuals and every number with its class and reason
    extract_targets(text, ...)          the targets (``kpi extract-targets``)
    extract_figures(text, ...)          the actuals (``kpi extract-figures``)

Parts: ``text/`` (normalisation with offsets, numbers, units, periods, regions, clauses, tables),
``context`` (the document), ``layout`` and ``classify`` (blocks, sentences, clauses and their
class), ``targets`` and ``actuals`` (the two readers), ``mentions``, ``ids``, ``links``, and
``lexicon/`` (the word lists, as data). See ``reader`` for how they fit.
"""

from orchestration.extract.reader import Reading, extract_figures, extract_targets, read

__all__ = ["Reading", "read", "extract_targets", "extract_figures"]
