-- Public outcomes as published (seeds/outcomes): typed once. The region is the name before a
-- bracket (安徽省(72个县域特色产业集群(基地)) is 安徽省, scope 72个县域特色产业集群(基地)).
with outcomes as (
    select
        *,
        trim(regexp_extract(region, '^([^(（]+)', 1)) as region_name,
        nullif(trim(regexp_extract(region, '[(（](.*)[)）]$', 1)), '') as scope
    from {{ source('raw', 'public_outcomes') }}
)

select
    trim(outcome_id) as outcome_id,
    nullif(trim(seed_document), '') as seed_document,
    nullif(trim(target_reported_on), '') as target_reported_on,
    trim(region) as region_as_written,
    aliases.region_code,
    scope,
    try_cast(nullif(trim(year), '') as integer) as year,
    nullif(trim(period), '') as period,
    trim(metric_text) as metric_text,
    {{ parse_number('value') }} as value,
    trim(unit) as unit,
    trim(quality) as quality,
    trim(source_title) as source_title,
    nullif(trim(source_url), '') as source_url,
    trim(quote) as quote,
    nullif(trim(note), '') as note
from outcomes
left join {{ ref('stg_reference__region_aliases') }} as aliases on aliases.alias = outcomes.region_name
