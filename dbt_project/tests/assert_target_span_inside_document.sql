-- Provenance of targets: every span lies inside the text of its document (0 <= start < end <=
-- number of characters), so the app can always show the clause a target comes from.
{{ config(meta={'dagster': {'ref': {'name': 'fct_policy_target'}}}) }}

select targets.target_id, targets.doc_id, targets.span_start, targets.span_end, documents.char_count
from {{ ref('fct_policy_target') }} as targets
left join {{ ref('dim_policy_document') }} as documents using (doc_id)
where documents.doc_id is null
   or targets.span_start < 0
   or targets.span_end <= targets.span_start
   or targets.span_end > documents.char_count
