"""Pure-Python text extraction (no Dagster or Streamlit imports).

- ``numbers``: Chinese and Arabic number parsing shared by both extractors.
- ``targets``: numeric targets in policy documents.
- ``figures``: statistical figures in bulletin-style text.
"""
