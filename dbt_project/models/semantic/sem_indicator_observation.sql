-- What the metrics layer reads for statistical figures: the preferred vintage of every
-- (region, metric, year, period), with a real date for MetricFlow (the period's last day:
-- 12-31 for a full year `Y`, the month end for a cumulative period `M01-Mnn`).
-- `has_rd_gdp_pair` marks the full-year rd_expenditure and gdp rows of a region-year where
-- both exist, so the R&D intensity ratio never divides one region set by another.
with preferred as (
    select *
    from {{ ref('fct_indicator_observation') }}
    where is_preferred
),

rd_gdp_pairs as (
    select region_code, year
    from preferred
    where is_full_year and metric_code in ('rd_expenditure', 'gdp')
    group by region_code, year
    having count(distinct metric_code) = 2
)

select
    preferred.observation_id,
    preferred.region_code,
    preferred.metric_code,
    preferred.year,
    preferred.period,
    preferred.period_end_month,
    preferred.is_full_year,
    last_day(make_date(preferred.year, preferred.period_end_month, 1)) as period_end_date,
    preferred.value,
    preferred.unit,
    preferred.quality,
    preferred.quality_base,
    preferred.is_unverified,
    rd_gdp_pairs.region_code is not null
        and preferred.is_full_year
        and preferred.metric_code in ('rd_expenditure', 'gdp') as has_rd_gdp_pair
from preferred
left join rd_gdp_pairs
    on rd_gdp_pairs.region_code = preferred.region_code
    and rd_gdp_pairs.year = preferred.year
order by preferred.region_code, preferred.metric_code, preferred.year, preferred.period_end_month
