"""Column contracts of the files the data office supplies (documented in the README)."""

FIGURE_COLUMNS = [
    "region", "year", "period", "metric", "value", "unit",
    "quality", "source_title", "source_url", "note",
]
PROGRESS_COLUMNS = ["target_id", "as_of", "value", "reported_by", "note"]
# a returned 目标进度填报表 (orchestration.office.form_layout), read into progress rows with these too
FORM_REPORT_COLUMNS = ["reporting_unit", "form_period", "form_digest", "value_unit"]
POLICY_META_COLUMNS = [
    "file", "doc_id", "title", "issuer", "issuing_region", "region_code",
    "published", "doc_number", "status", "note",
]
REVIEW_COLUMNS = [
    "target_id", "decision", "metric", "comparator", "value", "value_low", "value_high",
    "unit", "target_year", "subject_region", "industry", "reviewer", "reviewed_on", "note",
]
