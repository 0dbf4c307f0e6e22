-- Units are converted once, in staging: every observation's value is in its metric's catalog
-- unit (dim_metric.unit). Returns observations whose unit is anything else.
{{ config(meta={'dagster': {'ref': {'name': 'fct_indicator_observation'}}}) }}

select observations.observation_id, observations.metric_code, observations.unit, metrics.unit as catalog_unit
from {{ ref('fct_indicator_observation') }} as observations
left join {{ ref('dim_metric') }} as metrics using (metric_code)
where observations.unit is distinct from metrics.unit
