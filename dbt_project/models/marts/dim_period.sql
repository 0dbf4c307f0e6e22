-- Calendar of reporting periods: each year's full year (Y) and January-to-month-n cumulative
-- periods (M01-M01 .. M01-M12), with the quarter a cumulative period closes.
with years as (
    select {{ integer_rows(var('first_plausible_year'), 2036) }} as year
),

months as (
    select {{ integer_rows(1, 13) }} as end_month
),

periods as (
    select year, 'Y' as period, 12 as end_month, true as is_full_year from years
    union all
    select year, {{ format_text('M01-M{:02d}', ['end_month']) }}, end_month, false from years cross join months
)

select
    year,
    period,
    end_month,
    is_full_year,
    make_date(year, 1, 1) as period_start,
    last_day(make_date(year, end_month, 1)) as period_end,
    case when end_month % 3 = 0 then {{ integer_divide('end_month', 3) }} end as closes_quarter,
    case
        when is_full_year then {{ format_text('{}年', ['year']) }}
        when end_month = 1 then {{ format_text('{}年1月', ['year']) }}
        else {{ format_text('{}年1—{}月', ['year', 'end_month']) }}
    end as label_zh
from periods
order by year, is_full_year, end_month
