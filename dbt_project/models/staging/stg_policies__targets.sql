-- Extracted targets, typed; subject and industry wordings resolved to codes where known.
with targets as (
    select * from {{ source('raw', 'policy_targets') }}
),

region_aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
),

industry_aliases as (
    select * from {{ ref('stg_reference__industry_aliases') }}
)

select
    targets.target_id,
    targets.doc_id,
    targets.subject_region,
    coalesce(nullif(targets.region_code, ''), region_aliases.region_code) as region_code,
    nullif(targets.subject_level, '') as subject_level,
    targets.industry,
    case when targets.industry = 'all' then 'all' else industry_aliases.industry_code end as industry_code,
    targets.metric as metric_code,
    nullif(targets.metric_text, '') as metric_text,
    nullif(targets.kind, '') as kind,
    targets.comparator,
    try_cast(targets.value as double) as value,
    try_cast(targets.value_low as double) as value_low,
    try_cast(targets.value_high as double) as value_high,
    nullif(targets.unit, '') as unit,
    nullif(targets.qualifier, '') as qualifier,
    try_cast(targets.target_year as integer) as target_year,
    nullif(targets.period, '') as period,
    coalesce(targets.redacted = 'true', false) as redacted,
    nullif(targets.category, '') as category,
    nullif(targets.responsible_units, '') as responsible_units,
    targets.sentence,
    cast(targets.span_start as integer) as span_start,
    cast(targets.span_end as integer) as span_end,
    nullif(targets.reason, '') as extraction_reason
from targets
left join region_aliases on region_aliases.alias = targets.subject_region
left join industry_aliases on industry_aliases.alias = targets.industry
