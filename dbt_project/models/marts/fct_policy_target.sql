-- Every target of every policy document (rejected ones excluded; they are listed in
-- quarantine.rejected_targets), with its clause and span in the document.
select
    targets.target_id,
    targets.doc_id,
    targets.subject_region,
    targets.region_code,
    targets.subject_level,
    targets.industry,
    targets.industry_code,
    targets.metric_code,
    targets.metric_text,
    targets.kind,
    targets.comparator,
    targets.value,
    targets.value_low,
    targets.value_high,
    targets.unit,
    targets.qualifier,
    targets.target_year,
    targets.period,
    targets.redacted,
    targets.category,
    targets.responsible_units,
    targets.sentence,
    targets.span_start,
    targets.span_end,
    targets.extraction_reason,
    targets.review_status,
    targets.review_status <> 'unreviewed' as is_reviewed,
    targets.reviewer,
    targets.reviewed_on,
    targets.review_note
from {{ ref('int_targets__reviewed') }} as targets
where targets.review_status <> 'rejected'
order by targets.doc_id, targets.span_start, targets.target_id
