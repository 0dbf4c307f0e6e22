-- 县区赛马: counties and parks ranked within their city, per metric and year, beside the share
-- of their targets achieved or on track (from fct_county_target_board, the one definition).
-- The figure of a region is its preferred full-year figure, else its latest year-to-date one
-- (figure_basis says which); periods_mixed flags a ranking that compares both, which a reader
-- must be told. Rank 1 is the highest value: every ranked metric is better when larger.
with regions as (
    {{ county_race_regions() }}
),

figures as (
    select
        region_code, metric_code, year, period, period_end_month, is_full_year, value, unit, quality,
        source_title, source_url, observation_id,
        row_number() over (
            partition by region_code, metric_code, year
            order by is_full_year desc, period_end_month desc, observation_id
        ) as pick
    from {{ ref('fct_indicator_observation') }}
    where is_preferred and industry_code = 'all'
),

ranked as (
    select
        regions.city_code,
        regions.region_code,
        regions.region_name,
        regions.level,
        figures.metric_code,
        figures.year,
        figures.period,
        case when figures.is_full_year then 'full_year' else 'year_to_date' end as figure_basis,
        figures.value,
        figures.unit,
        figures.quality,
        figures.source_title,
        figures.source_url,
        figures.observation_id,
        rank() over (partition by regions.city_code, figures.metric_code, figures.year order by figures.value desc) as rank_in_city,
        count(*) over (partition by regions.city_code, figures.metric_code, figures.year) as regions_ranked
    from regions
    join figures using (region_code)
    where figures.pick = 1
)

select
    ranked.*,
    min(ranked.period) over city_metric_year <> max(ranked.period) over city_metric_year as periods_mixed,
    coalesce(board.targets_total, 0) as targets_total,
    coalesce(board.targets_judged, 0) as targets_judged,
    coalesce(board.targets_achieved_or_on_track, 0) as targets_achieved_or_on_track,
    board.target_share_pct
from ranked
left join {{ ref('fct_county_target_board') }} as board using (region_code)
window city_metric_year as (partition by ranked.city_code, ranked.metric_code, ranked.year)
order by city_code, metric_code, year, rank_in_city, region_code
