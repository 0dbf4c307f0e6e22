-- Where every target stands at the evaluation date, and the evidence used.
-- Statuses: achieved, on_track, at_risk, off_track, missed, no_data, value_withheld, not_due.
-- A statistical series judges a target when it has a figure; otherwise the latest department
-- progress report does, unless a public outcome linked to the target (seeds/outcomes) is newer or
-- there is no report; otherwise the status is no_data / not_due with the reason.
with targets as (
    select * from {{ ref('int_progress__targets') }}
),

statistical as (
    select target_id, observation_id, baseline_id, citation, actual_value, actual_year, actual_period,
           basis, status, status_reason,
           null::double as baseline_value, null::integer as baseline_year,
           null::double as required_annual_growth_pct, null::double as actual_annual_growth_pct,
           null::double as projected_value
    from {{ ref('int_progress__growth') }}
    union all
    select target_id, observation_id, baseline_id, citation, actual_value, actual_year, actual_period,
           basis, status, status_reason,
           baseline_value, baseline_year, required_annual_growth_pct, actual_annual_growth_pct, projected_value
    from {{ ref('int_progress__level') }}
    union all
    select target_id, observation_id, baseline_id, citation, actual_value, actual_year, actual_period,
           basis, status, status_reason,
           null, null, null, null, null
    from {{ ref('int_progress__increment') }}
),

reports as (
    select * from {{ ref('int_progress__reports') }}
),

public as (
    select * from {{ ref('int_progress__public') }}
),

combined as (
    select
        targets.target_id,
        targets.evaluation_date,
        targets.method,
        targets.threshold,
        case
            when targets.method = 'withheld' then 'none'
            when statistical.status not in ('no_data', 'not_due') then 'statistics'
            when reports.target_id is not null
                and (public.target_id is null or public.status = 'no_data' or reports.as_of > make_date(public.actual_year, 12, 31))
                then reports.report_source
            when public.target_id is not null then 'public_outcome'
            when targets.is_reported_by_units then 'department_report'
            else 'statistics'
        end as evidence,
        statistical.*  exclude (target_id),
        reports.report_id,
        reports.document_actual_id,
        reports.citation as report_citation,
        reports.actual_value as reported_value,
        reports.as_of as report_as_of,
        reports.progress_pct as report_progress_pct,
        reports.time_elapsed_pct,
        reports.status as report_status,
        reports.status_reason as report_status_reason,
        public.outcome_id as public_outcome_id,
        public.citation as public_citation,
        public.actual_value as public_value,
        public.actual_year as public_year,
        public.baseline_value as public_baseline_value,
        public.baseline_year as public_baseline_year,
        public.projected_value as public_projected_value,
        public.basis as public_basis,
        public.status as public_status,
        public.status_reason as public_status_reason,
        targets.window_start,
        targets.window_end
    from targets
    left join statistical using (target_id)
    left join reports using (target_id)
    left join public using (target_id)
)

select
    target_id,
    evaluation_date,
    case
        when method = 'withheld' then 'value_withheld'
        when evidence = 'statistics' then status
        when evidence = 'public_outcome' then public_status
        when report_status is not null then report_status
        when evaluation_date < window_start then 'not_due'
        else 'no_data'
    end as status,
    case
        when method = 'withheld' then 'the document publishes this target as * (value withheld)'
        when evidence = 'statistics' and status = 'no_data' then status_reason || '; no department progress report either'
        when evidence = 'statistics' then status_reason
        when evidence = 'public_outcome' then public_status_reason
        when report_status is not null then report_status_reason
        when evaluation_date < window_start then format('the target window starts {}', window_start)
        else 'no statistical series for this target and no department progress report yet'
    end as status_reason,
    method,
    evidence,
    case
        when evidence in ('department_report', 'document') then case when report_status is not null then evidence end
        when evidence = 'public_outcome' then public_basis
        else basis
    end as basis,
    threshold as target_value,
    case when evidence in ('department_report', 'document') then reported_value
         when evidence = 'public_outcome' then public_value else actual_value end as actual_value,
    case when evidence in ('department_report', 'document') then year(report_as_of)
         when evidence = 'public_outcome' then public_year else actual_year end as actual_year,
    case when evidence in ('department_report', 'document') then null else actual_period end as actual_period,
    report_as_of,
    evidence = 'statistics' and coalesce(basis in ('stock_difference', 'derived_from_levels'), false) as is_derived,
    case when evidence = 'public_outcome' then public_baseline_value else baseline_value end as baseline_value,
    case when evidence = 'public_outcome' then public_baseline_year else baseline_year end as baseline_year,
    required_annual_growth_pct,
    actual_annual_growth_pct,
    case when evidence = 'public_outcome' then public_projected_value else projected_value end as projected_value,
    case
        when evidence in ('department_report', 'document') then report_progress_pct
        when evidence = 'public_outcome' and threshold > 0 then round(public_value / threshold * 100, 1)
        when threshold > 0 and actual_value is not null then round(actual_value / threshold * 100, 1)
    end as progress_pct,
    case when evidence in ('department_report', 'document') then time_elapsed_pct end as time_elapsed_pct,
    case when evidence = 'statistics' then observation_id end as observation_id,
    case when evidence = 'statistics' then baseline_id end as baseline_observation_id,
    case when evidence = 'department_report' then report_id end as report_id,
    case when evidence = 'document' then document_actual_id end as document_actual_id,
    case when evidence = 'public_outcome' then public_outcome_id end as public_outcome_id,
    case
        when evidence in ('department_report', 'document') then report_citation
        when evidence = 'statistics' then citation
        when evidence = 'public_outcome' and public_status <> 'no_data' then public_citation
    end as evidence_used
from combined
order by target_id
