-- 县区赛马, the targets half: each county and park of a city with targets of its own (subject =
-- the region), counted by status and ranked within the city on the share of its judged targets
-- that are achieved or on track. A target with no data, withheld or not yet due is not judged,
-- so it neither helps nor hurts the share; the counts show how many were judged.
with regions as (
    {{ county_race_regions() }}
),

counts as (
    select
        targets.region_code,
        count(*) as targets_total,
        count(*) filter (where statuses.is_judged) as targets_judged,
        count(*) filter (where progress.status = 'achieved') as targets_achieved,
        count(*) filter (where progress.status = 'on_track') as targets_on_track,
        count(*) filter (where progress.status in ('at_risk', 'off_track')) as targets_at_risk_or_off_track,
        count(*) filter (where progress.status = 'missed') as targets_missed
    from {{ ref('fct_policy_target') }} as targets
    join {{ ref('fct_target_progress') }} as progress using (target_id)
    join {{ ref('stg_reference__statuses') }} as statuses using (status)
    group by targets.region_code
),

board as (
    select
        regions.city_code,
        regions.region_code,
        regions.region_name,
        regions.level,
        counts.targets_total,
        counts.targets_judged,
        counts.targets_achieved,
        counts.targets_on_track,
        counts.targets_at_risk_or_off_track,
        counts.targets_missed,
        counts.targets_achieved + counts.targets_on_track as targets_achieved_or_on_track,
        round(100.0 * (counts.targets_achieved + counts.targets_on_track) / nullif(counts.targets_judged, 0), 1)
            as target_share_pct
    from regions
    join counts using (region_code)
)

select
    board.*,
    row_number() over (
        partition by city_code
        order by target_share_pct desc nulls last, targets_judged desc, targets_total desc, region_code
    ) as rank_in_city
from board
order by city_code, rank_in_city
