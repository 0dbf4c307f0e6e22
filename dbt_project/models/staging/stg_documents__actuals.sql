-- Actuals read from documents, typed; `is_observation` marks the ones a catalog series holds
-- (they also become figure rows, quality `extracted`, in stg_bulletins__figures).
with actuals as (
    select * from {{ source('raw', 'document_actuals') }}
),

metrics as (
    select * from {{ ref('stg_reference__metrics') }}
),

aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
)

select
    md5(concat_ws('|', actuals.doc_id, actuals.span_start, actuals.span_end, actuals.metric, actuals.value))
        as document_actual_id,
    actuals.doc_id,
    actuals.source_file,
    cast(actuals.line as integer) as source_line,
    actuals.origin,
    actuals.file_sha256,
    nullif(actuals.region, '') as region_as_written,
    coalesce(nullif(actuals.region_code, ''), aliases.region_code) as region_code,
    try_cast(actuals.year as integer) as year,
    actuals.period,
    actuals.metric as metric_code,
    nullif(actuals.kind, '') as kind,
    nullif(actuals.metric_text, '') as metric_text,
    nullif(actuals.industry, '') as industry,
    try_cast(actuals.value as double) as value,
    nullif(actuals.unit, '') as unit,
    actuals.basis,
    nullif(actuals.qualifier, '') as qualifier,
    actuals.reason,
    nullif(actuals.target_id, '') as target_id,
    actuals.sentence,
    cast(actuals.span_start as integer) as span_start,
    cast(actuals.span_end as integer) as span_end,
    coalesce(metrics.family <> 'target_only', false) as is_observation,
    case when actuals.period = 'Y' then 12
         when {{ regex_search('actuals.period', '^M01-M(0[1-9]|1[0-2])$') }} then cast(right(actuals.period, 2) as integer)
    end as period_end_month
from actuals
left join metrics on metrics.metric_code = actuals.metric
left join aliases on aliases.alias = actuals.region
