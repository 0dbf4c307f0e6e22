-- 县区赛马: counties and parks ranked within their city, per metric and year (preferred
-- full-year figures), beside the share of their targets achieved or on track.
-- Rank 1 is the highest value: every ranked metric is better when larger.
with regions as (
    select region_code, region_name, level, city_code
    from {{ ref('dim_region') }}
    where level in ('county', 'park')
),

figures as (
    select region_code, metric_code, year, value, unit, quality, observation_id
    from {{ ref('fct_indicator_observation') }}
    where is_preferred and is_full_year
),

targets as (
    select
        targets.region_code,
        count(*) as targets_total,
        count(*) filter (where progress.status in ('achieved', 'on_track')) as targets_achieved_or_on_track,
        count(*) filter (where progress.status in ('achieved', 'on_track', 'at_risk', 'off_track', 'missed')) as targets_judged
    from {{ ref('fct_policy_target') }} as targets
    join {{ ref('fct_target_progress') }} as progress using (target_id)
    group by targets.region_code
),

ranked as (
    select
        regions.city_code,
        regions.region_code,
        regions.region_name,
        regions.level,
        figures.metric_code,
        figures.year,
        figures.value,
        figures.unit,
        figures.quality,
        figures.observation_id,
        rank() over (partition by regions.city_code, figures.metric_code, figures.year order by figures.value desc) as rank_in_city,
        count(*) over (partition by regions.city_code, figures.metric_code, figures.year) as regions_ranked
    from regions
    join figures using (region_code)
)

select
    ranked.*,
    coalesce(targets.targets_total, 0) as targets_total,
    coalesce(targets.targets_judged, 0) as targets_judged,
    coalesce(targets.targets_achieved_or_on_track, 0) as targets_achieved_or_on_track,
    round(100.0 * targets.targets_achieved_or_on_track / nullif(targets.targets_judged, 0), 1) as target_share_pct
from ranked
left join targets using (region_code)
order by city_code, metric_code, year, rank_in_city, region_code
