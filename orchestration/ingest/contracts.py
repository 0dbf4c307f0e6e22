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

# Firm-level sources (联网直报 and 项目库), office-only: see docs/firm_sources.md.
# A firm register row is one spell in the above-scale register (规上): entered (入库) in month
# `entered` (YYYY-MM), left (退库) after month `exited` (blank while it is still in).
FIRM_REGISTER_COLUMNS = [
    "credit_code", "firm_name", "region", "industry_code", "entered", "exited", "quality", "note",
]
# A firm-month row is one firm's report for one month, 联网直报-shaped: values in 千元 at current
# prices, cumulative from January of the period's year as published (1-n月累计).
FIRM_MONTH_COLUMNS = [
    "credit_code", "region", "period", "gross_output", "revenue", "quality", "note",
]
# A 技改 project list row: one project as of month `as_of` (YYYY-MM); investment in 万元, the
# completed part cumulative since the project started; dates YYYY-MM-DD; key_project 是/否.
TECH_PROJECT_COLUMNS = [
    "project_id", "project_name", "credit_code", "region", "total_investment", "completed_investment",
    "as_of", "start_date", "finish_date", "key_project", "quality", "note",
]
