-- Every actual the reader found in a document: figures of catalog series (which also feed
-- fct_indicator_observation, quality extracted) and counts a unit reports, each with its clause
-- and the target of the same or an earlier document it reports on (NULL when none).
select
    actuals.document_actual_id,
    actuals.doc_id,
    documents.title as document_title,
    documents.channel,
    actuals.region_code,
    actuals.region_as_written,
    actuals.year,
    actuals.period,
    actuals.metric_code,
    actuals.kind,
    actuals.metric_text,
    actuals.industry,
    actuals.value,
    actuals.unit,
    actuals.basis,
    actuals.qualifier,
    actuals.reason,
    actuals.target_id,
    actuals.is_observation,
    actuals.sentence,
    actuals.span_start,
    actuals.span_end,
    actuals.source_file,
    actuals.source_line,
    actuals.origin
from {{ ref('stg_documents__actuals') }} as actuals
join {{ ref('stg_policies__documents') }} as documents using (doc_id)
order by actuals.doc_id, actuals.span_start, actuals.document_actual_id
