-- Every accepted statistical figure, every vintage; exactly one preferred row per
-- (region, metric, industry, year, period). Industry is `all` except for the firm panel's
-- per-industry output; source_kind says where the figure came from. Values are in the catalog unit; the value and unit as written
-- are kept beside them.
select
    observation_id,
    region_code,
    metric_code,
    industry_code,
    year,
    period,
    period_end_month,
    period = 'Y' as is_full_year,
    value,
    unit,
    value_in_written_unit as value_as_reported,
    unit_as_written as unit_as_reported,
    quality,
    quality_base,
    source_kind,
    is_unverified,
    source_title,
    source_url,
    published_on,
    concat_ws(' · ', coalesce(source_title, source_file), quality, coalesce(cast(published_on as {{ dbt.type_string() }}), 'undated')) as vintage,
    is_preferred,
    vintage_rank,
    vintage_count,
    preference_reason,
    note,
    origin,
    source_file,
    source_line,
    span_start,
    span_end,
    sentence
from {{ ref('int_figures__vintages') }}
order by region_code, metric_code, industry_code, year, period, vintage_rank
