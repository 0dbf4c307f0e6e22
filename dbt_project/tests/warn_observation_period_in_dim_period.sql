-- Every (year, period) of fct_indicator_observation is a row of dim_period, so analysts can join
-- the calendar. Warn only: dim_period is a labelling aid (2010-2035) while figures are accepted
-- from var first_plausible_year (2000); an older figure is still right, it only lacks a label.
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'fct_indicator_observation'}}}) }}

select distinct observations.year, observations.period
from {{ ref('fct_indicator_observation') }} as observations
left join {{ ref('dim_period') }} as periods
    on periods.year = observations.year and periods.period = observations.period
where periods.year is null
