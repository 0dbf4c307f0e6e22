-- Growth targets (技改投资增长18%): the reported growth of the target year, full year first,
-- else the latest year-to-date figure, compared as year-to-date and labelled so. Reported
-- growth is never replaced by one derived from nominal levels.
with targets as (
    select *, coalesce(target_year, greatest(policy_year, year(evaluation_date) - 1)) as judged_year
    from {{ ref('int_progress__targets') }}
    where method = 'growth'
),

observations as (
    select * from {{ ref('int_progress__observations') }}
),

picked as (
    select
        targets.target_id,
        observations.*
    from targets
    join observations
        on observations.region_code = targets.region_code
        and observations.metric_code = targets.metric_code
        and observations.year = targets.judged_year
    qualify row_number() over (
        partition by targets.target_id order by observations.period_end_month desc, observations.period = 'Y' desc
    ) = 1
)

select
    targets.target_id,
    targets.judged_year,
    picked.observation_id,
    picked.citation,
    picked.value as actual_value,
    picked.year as actual_year,
    picked.period as actual_period,
    case when picked.period = 'Y' then 'full_year' when picked.period is not null then 'year_to_date' end as basis,
    case
        when picked.observation_id is null and targets.evaluation_date < make_date(targets.judged_year, 1, 1) then 'not_due'
        when picked.observation_id is null then 'no_data'
        when picked.period = 'Y' and (case when targets.comparator = '<=' then picked.value <= targets.threshold else picked.value >= targets.threshold end) then 'achieved'
        when picked.period = 'Y' then 'missed'
        when picked.value >= targets.threshold then 'on_track'
        when picked.value >= targets.threshold - {{ var('growth_at_risk_points') }} then 'at_risk'
        else 'off_track'
    end as status,
    case
        when picked.observation_id is null and targets.evaluation_date < make_date(targets.judged_year, 1, 1)
            then format('the {} growth cannot be published before {}', targets.judged_year, targets.judged_year + 1)
        when picked.observation_id is null
            then format('no {} figure for region {} in {} yet', targets.metric_code, targets.region_code, targets.judged_year)
        when picked.period = 'Y' then format('full-year {} growth {}% vs target {}%', picked.year, picked.value, targets.threshold)
        else format('year-to-date ({} {}) growth {}% vs target {}% — not a full-year result', picked.year, picked.period, picked.value, targets.threshold)
    end as status_reason
from targets
left join picked using (target_id)
