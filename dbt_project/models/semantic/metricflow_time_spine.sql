-- The MetricFlow time spine: one row per day, written in plain DuckDB SQL (no dbt packages
-- offline). It spans the plausible statistical years and every target year documents use.
select cast(day as date) as date_day
from range(date '2000-01-01', date '2041-01-01', interval 1 day) as spine(day)
order by date_day
