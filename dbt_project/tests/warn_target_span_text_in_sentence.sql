-- The text at a target's span (0-based character offsets) occurs in the target's sentence.
-- Warn only: a misaligned span misleads the drill-down to the clause, but the target, its value
-- and its progress are still right, so it must not hold back a publish; fix the extractor.
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'fct_policy_target'}}}) }}

select
    targets.target_id,
    substr(documents.text, targets.span_start + 1, targets.span_end - targets.span_start) as text_at_span,
    targets.sentence
from {{ ref('fct_policy_target') }} as targets
join {{ ref('dim_policy_document') }} as documents using (doc_id)
where strpos(targets.sentence, substr(documents.text, targets.span_start + 1, targets.span_end - targets.span_start)) = 0
