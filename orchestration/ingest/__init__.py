"""Reading input files (seeds and the inbox) into rows, with file-level rejection.

Pure Python (no Dagster): file decoding, table reading and inbox bookkeeping. Row-level rules
(unknown region, bad unit, ...) are applied in dbt staging, where rows are quarantined with a
reason instead of dropped.
"""
