-- 调度, one row per responsible unit and target: did the unit report on the period now due, and is
-- it overdue. The period due is the latest month whose cut-off (day report_cutoff_day() of the
-- next month) has passed at the evaluation date. A report is expected from the lead unit of a
-- running target whose series no bulletin publishes and no firm-level aggregate judges (not due yet, withheld, achieved or missed need none).
with due as (
    select
        evaluation_date,
        (date_trunc('month', evaluation_date - {{ report_cutoff_day() }}) - interval 1 month)::date as period_start
    from (select distinct evaluation_date from {{ ref('fct_target_progress') }})
),

unit_reports as (
    select
        target_id, reporting_unit as unit_name, as_of, value, source_file, reported_by,
        row_number() over (partition by target_id, reporting_unit order by as_of desc, source_file desc, source_line desc) as recency
    from {{ ref('fct_progress_report') }}
    where reporting_unit is not null
)

select
    units.unit_name,
    units.target_id,
    units.is_lead,
    strftime(due.period_start, '%Y-%m') as period,
    (due.period_start + interval 1 month + to_days({{ report_cutoff_day() }} - 1))::date as due_date,
    due.evaluation_date,
    progress.status,
    progress.method,
    -- a series no statistics judge (a firm-level aggregate may judge an industry's output)
    units.is_lead and targets.is_reported_by_units and progress.evidence <> 'statistics'
        and progress.status not in ('not_due', 'value_withheld', 'achieved', 'missed') as report_expected,
    exists (
        select 1 from unit_reports as r
        where r.target_id = units.target_id and r.unit_name = units.unit_name
            and date_trunc('month', r.as_of) = due.period_start
    ) as reported_in_period,
    latest.as_of as last_report_as_of,
    latest.value as last_report_value,
    latest.reported_by as last_reported_by,
    latest.source_file as last_report_file
from {{ ref('fct_target_unit') }} as units
join {{ ref('fct_target_progress') }} as progress using (target_id)
join {{ ref('int_progress__targets') }} as targets using (target_id)
cross join due
left join unit_reports as latest
    on latest.target_id = units.target_id and latest.unit_name = units.unit_name and latest.recency = 1
order by units.unit_name, units.target_id
