-- Level targets (产值突破100亿元 by 2027; R&D强度达到1.35%): the latest preferred full-year
-- observation decides achieved/missed; before the target year, the trend since the baseline
-- (latest observation at or before the policy year) is projected to the target year.
-- Money and counts grow compound; shares and ratios (%) move linearly.
with targets as (
    select * from {{ ref('int_progress__targets') }} where method = 'level'
),

series as (
    select * from {{ ref('int_progress__observations') }} where period = 'Y'
),

latest as (
    select targets.target_id, series.*
    from targets
    join series
        on series.region_code = targets.region_code and series.metric_code = targets.metric_code
        and series.industry_code = targets.observed_industry_code
        and series.year <= year(targets.evaluation_date)
    qualify row_number() over (partition by targets.target_id order by series.year desc) = 1
),

baseline as (
    select targets.target_id, series.*
    from targets
    join series
        on series.region_code = targets.region_code and series.metric_code = targets.metric_code
        and series.industry_code = targets.observed_industry_code
        and series.year <= year(targets.evaluation_date)
    -- latest at or before the policy year; else the earliest there is
    qualify row_number() over (
        partition by targets.target_id
        order by (series.year <= targets.policy_year) desc,
                 case when series.year <= targets.policy_year then -series.year else series.year end
    ) = 1
),

measured as (
    select
        targets.*,
        latest.observation_id as latest_id, latest.citation as latest_citation,
        latest.value as latest_value, latest.year as latest_year,
        baseline.observation_id as baseline_id, baseline.citation as baseline_citation,
        baseline.value as baseline_value, baseline.year as baseline_year,
        targets.unit = '%' or targets.metric_kind in ('share', 'ratio') as is_linear,
        case when targets.comparator = '<=' then latest.value <= targets.threshold
             else latest.value >= targets.threshold end as latest_meets
    from targets
    left join latest using (target_id)
    left join baseline using (target_id)
),

projected as (
    select
        *,
        case when baseline_year < target_year and baseline_value > 0 and not is_linear
             then (pow(threshold / baseline_value, 1.0 / (target_year - baseline_year)) - 1) * 100 end as required_annual_growth_pct,
        case when baseline_year < latest_year and baseline_value > 0 and not is_linear
             then (pow(latest_value / baseline_value, 1.0 / (latest_year - baseline_year)) - 1) * 100 end as actual_annual_growth_pct,
        {{ trend_projection('latest_value', 'latest_year', 'baseline_value', 'baseline_year', 'target_year', 'is_linear') }}
            as projected_value
    from measured
)

select
    target_id,
    latest_id as observation_id,
    baseline_id,
    case when baseline_id is not null and baseline_id <> latest_id
         then baseline_citation || ' → ' || latest_citation else latest_citation end as citation,
    latest_value as actual_value,
    latest_year as actual_year,
    case when latest_id is not null then 'Y' end as actual_period,
    baseline_value,
    baseline_year,
    round(required_annual_growth_pct, 2) as required_annual_growth_pct,
    round(actual_annual_growth_pct, 2) as actual_annual_growth_pct,
    round(projected_value, 4) as projected_value,
    case when latest_meets then 'latest_observation' when projected_value is not null then 'projection' else 'latest_observation' end as basis,
    case
        when latest_id is null and evaluation_date < window_start then 'not_due'
        when latest_id is null then 'no_data'
        when latest_meets then 'achieved'
        when latest_year >= target_year then 'missed'
        when target_year is null then 'no_data'
        when projected_value is null then 'no_data'
        else {{ gap_status('projected_value', 'threshold', 'comparator') }}
    end as status,
    case
        when latest_id is null then format('no full-year {} series for region {}', metric_code, region_code)
        when latest_meets then format('{} {} meets the target {}', latest_year, latest_value, threshold)
        when latest_year >= target_year then format('{} {} falls short of the target {} due {}', latest_year, latest_value, threshold, target_year)
        when target_year is null then 'the target has no due year, and the latest value does not meet it yet'
        when projected_value is null then format('only one observation ({} {}); a trend needs two years', latest_year, latest_value)
        else format('projected {} in {} vs target {} (trend {} → {})', round(projected_value, 2), target_year, threshold, baseline_year, latest_year)
    end as status_reason
from projected
