-- Growth targets (技改投资增长18%): the reported growth of the target year, full year first,
-- else the latest year-to-date figure, compared as year-to-date and labelled so. Reported
-- growth is never replaced by one derived from nominal levels; only when no growth is reported
-- at all, growth derived from the full-year levels (<metric without _growth_pct>) of the year and
-- the year before is used, labelled derived_from_levels.
with targets as (
    select *, coalesce(target_year, greatest(policy_year, year(evaluation_date) - 1)) as judged_year
    from {{ ref('int_progress__targets') }}
    where method = 'growth'
),

observations as (
    select * from {{ ref('int_progress__observations') }}
),

reported as (
    select
        targets.target_id,
        observations.*
    from targets
    join observations
        on observations.region_code = targets.region_code
        and observations.metric_code = targets.metric_code
        and observations.industry_code = targets.observed_industry_code
        and observations.year = targets.judged_year
    qualify row_number() over (
        partition by targets.target_id order by observations.period_end_month desc, observations.period = 'Y' desc
    ) = 1
),

derived as (
    select
        targets.target_id,
        closing.observation_id,
        opening.observation_id as baseline_id,
        round((closing.value / opening.value - 1) * 100, 4) as value,
        opening.citation || ' → ' || closing.citation as citation
    from targets
    join observations as closing
        on closing.region_code = targets.region_code
        and closing.metric_code = regexp_replace(targets.metric_code, '_growth_pct$', '')
        and closing.industry_code = targets.observed_industry_code
        and closing.year = targets.judged_year and closing.period = 'Y'
    join observations as opening
        on opening.region_code = targets.region_code and opening.metric_code = closing.metric_code
        and opening.industry_code = closing.industry_code
        and opening.year = targets.judged_year - 1 and opening.period = 'Y' and opening.value > 0
),

picked as (
    select
        targets.*,
        coalesce(reported.observation_id, derived.observation_id) as observation_id,
        case when reported.observation_id is null then derived.baseline_id end as baseline_id,
        coalesce(reported.citation, derived.citation) as citation,
        coalesce(reported.value, derived.value) as actual_value,
        coalesce(reported.year, case when derived.observation_id is not null then targets.judged_year end) as actual_year,
        coalesce(reported.period, case when derived.observation_id is not null then 'Y' end) as actual_period,
        case
            when reported.period = 'Y' then 'full_year'
            when reported.period is not null then 'year_to_date'
            when derived.observation_id is not null then 'derived_from_levels'
        end as basis
    from targets
    left join reported using (target_id)
    left join derived using (target_id)
)

select
    target_id,
    judged_year,
    observation_id,
    baseline_id,
    citation,
    actual_value,
    actual_year,
    actual_period,
    basis,
    case
        when observation_id is null and evaluation_date < make_date(judged_year, 1, 1) then 'not_due'
        when observation_id is null then 'no_data'
        when actual_period = 'Y' and (case when comparator = '<=' then actual_value <= threshold else actual_value >= threshold end) then 'achieved'
        when actual_period = 'Y' then 'missed'
        when actual_value >= threshold then 'on_track'
        when actual_value >= threshold - {{ var('growth_at_risk_points') }} then 'at_risk'
        else 'off_track'
    end as status,
    case
        when observation_id is null and evaluation_date < make_date(judged_year, 1, 1)
            then format('the {} growth cannot be published before {}', judged_year, judged_year + 1)
        when observation_id is null
            then format('no {} figure for region {} in {} yet', metric_code, region_code, judged_year)
        when basis = 'derived_from_levels'
            then format('derived from nominal levels (no reported growth): {} growth {}% vs target {}%', judged_year, round(actual_value, 1), threshold)
        when actual_period = 'Y' then format('full-year {} growth {}% vs target {}%', actual_year, actual_value, threshold)
        else format('year-to-date ({} {}) growth {}% vs target {}% — not a full-year result', actual_year, actual_period, actual_value, threshold)
    end as status_reason
from picked
