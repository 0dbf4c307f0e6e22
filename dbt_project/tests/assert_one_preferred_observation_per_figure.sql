-- Exactly one preferred vintage per (region_code, metric_code, industry_code, year, period) in
-- fct_indicator_observation: analysts filter on is_preferred and must get one value per figure,
-- never none and never two. Returns every figure with a different number of preferred rows.
{{ config(meta={'dagster': {'ref': {'name': 'fct_indicator_observation'}}}) }}

select
    region_code,
    metric_code,
    industry_code,
    year,
    period,
    count(*) filter (where is_preferred) as preferred_rows,
    count(*) as vintages
from {{ ref('fct_indicator_observation') }}
group by region_code, metric_code, industry_code, year, period
having count(*) filter (where is_preferred) <> 1
