-- Above-scale industrial firms (规上工业企业数) is a stock: counted at year end, so it must not
-- be summed over years. It gets its own semantic model (with a non-additive time dimension):
-- MetricFlow picks the latest period end per region over all rows of a semantic model, so
-- other metrics' rows in the same model would hide the stock.
-- Preferred vintages, full-year figures only (the stock at 12-31).
select
    observation_id,
    region_code,
    year,
    period_end_date,
    value,
    unit,
    quality
from {{ ref('sem_indicator_observation') }}
where metric_code = 'above_scale_industrial_firms'
    and is_full_year
order by region_code, year
