-- 调度, one row per responsible unit: what it answers for, what it reported on the period due,
-- what is overdue, and how its led targets stand (share of judged ones achieved or on track,
-- the same rule as fct_county_target_board). The 催报 list is the units with overdue targets.
with rows as (
    select dispatch.*, statuses.is_judged
    from {{ ref('fct_unit_dispatch_target') }} as dispatch
    join {{ ref('stg_reference__statuses') }} as statuses using (status)
)

select
    unit_name,
    any_value(period) as period,
    any_value(due_date) as due_date,
    any_value(evaluation_date) as evaluation_date,
    count(*) as targets_owned,
    count(*) filter (where is_lead) as targets_led,
    count(*) filter (where report_expected) as reports_expected,
    count(*) filter (where reported_in_period) as targets_reported,
    count(*) filter (where report_expected and not reported_in_period) as targets_overdue,
    count(*) filter (where is_lead and is_judged) as led_judged,
    count(*) filter (where is_lead and status in ('achieved', 'on_track')) as led_achieved_or_on_track,
    round(100.0 * count(*) filter (where is_lead and status in ('achieved', 'on_track'))
          / nullif(count(*) filter (where is_lead and is_judged), 0), 1) as led_on_track_pct,
    max(last_report_as_of) as last_report_as_of
from rows
group by unit_name
order by targets_overdue desc, unit_name
