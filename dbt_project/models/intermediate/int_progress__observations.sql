-- Preferred observations in the shape progress needs, with a one-line citation each.
select
    observation_id,
    region_code,
    metric_code,
    industry_code,
    year,
    period,
    period_end_month,
    value,
    unit,
    quality,
    format('{} {}: {}{} ({}; {})', year, period, value, unit, quality, coalesce(source_title, source_file)) as citation
from {{ ref('int_figures__vintages') }}
where is_preferred
