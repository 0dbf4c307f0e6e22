-- Targets a public outcome reports on (seeds/outcomes, linked to the target by the data office):
-- the latest linked outcome at the evaluation date decides achieved/missed; with an outcome of an
-- earlier year, the trend between the two is projected to the target year (money and counts
-- compound, shares and ratios linearly) and judged with the level rule's gap (progress_at_risk_gap).
-- Public evidence is real but weaker than a unit's own report: fct_target_progress lets a newer
-- unit report win.
with targets as (
    select * from {{ ref('int_progress__targets') }}
),

points as (
    select
        links.target_id, outcomes.outcome_id, outcomes.year, outcomes.value,
        format('{} {}: {}{} ({}; {})', outcomes.year, coalesce(outcomes.period, 'Y'), outcomes.value, outcomes.unit,
               outcomes.quality, outcomes.source_title) as citation
    from {{ ref('stg_outcomes__links') }} as links
    join {{ ref('stg_outcomes__public') }} as outcomes using (outcome_id)
    where outcomes.year is not null and outcomes.value is not null
),

ranked as (
    select
        points.*,
        row_number() over (partition by points.target_id order by points.year desc, points.outcome_id) as recency
    from targets
    join points on points.target_id = targets.target_id and points.year <= year(targets.evaluation_date)
),

latest as (
    select * from ranked where recency = 1
),

earlier as (
    select ranked.*
    from ranked
    join latest using (target_id)
    where ranked.year < latest.year
    qualify row_number() over (partition by ranked.target_id order by ranked.year desc, ranked.outcome_id) = 1
),

measured as (
    select
        targets.*,
        latest.outcome_id,
        latest.citation as latest_citation, latest.value as latest_value, latest.year as latest_year,
        earlier.citation as earlier_citation, earlier.value as earlier_value, earlier.year as earlier_year,
        targets.unit = '%' or targets.metric_kind in ('share', 'ratio') as is_linear,
        case when targets.comparator = '<=' then latest.value <= targets.threshold
             else latest.value >= targets.threshold end as meets
    from targets
    join latest using (target_id)
    left join earlier using (target_id)
),

projected as (
    select
        *,
        {{ trend_projection('latest_value', 'latest_year', 'earlier_value', 'earlier_year', 'target_year', 'is_linear') }}
            as projected_value
    from measured
)

select
    target_id,
    outcome_id,
    case when earlier_citation is not null then earlier_citation || ' → ' || latest_citation else latest_citation end as citation,
    latest_value as actual_value,
    latest_year as actual_year,
    earlier_value as baseline_value,
    earlier_year as baseline_year,
    round(projected_value, 4) as projected_value,
    case when not meets and projected_value is not null then 'projection' else 'latest_observation' end as basis,
    case
        when meets then 'achieved'
        when latest_year >= target_year then 'missed'
        when target_year is null or projected_value is null then 'no_data'
        else {{ gap_status('projected_value', 'threshold', 'comparator') }}
    end as status,
    case
        when meets then format('public outcome {} {} meets the target {}', latest_year, latest_value, threshold)
        when latest_year >= target_year then format('public outcome {} {} falls short of the target {} due {}', latest_year, latest_value, threshold, target_year)
        when target_year is null then 'the target has no due year, and the latest public outcome does not meet it yet'
        when projected_value is null then format('one public outcome ({} {}); a trend needs two years', latest_year, latest_value)
        else format('public outcomes projected to {} in {} vs target {} (trend {} → {})', round(projected_value, 2), target_year, threshold, earlier_year, latest_year)
    end as status_reason
from projected
