-- Targets judged by what is reported on them (专精特新企业, 技术中心, 产业产值 ...): the latest report
-- at the evaluation date. Amounts and counts are cumulative (done since the window opened, as the
-- form asks): the share of the target done is set against the share of the window elapsed (时序进度).
-- Shares and ratios (%) are point-in-time states, for which elapsed time says nothing: the latest
-- value, or the trend from the report before it projected to the window's end, is set against the
-- target with the level rule's gap (progress_at_risk_gap).
-- Two sources report: a unit's progress report (月调度), and a count read from a progress document
-- that the reader linked to the target (orchestration.extract.links). The newest report counts; in a
-- month the lead unit (牵头) reported, its co-units' reports of that month are history; on the same
-- date a unit's report wins over a document's count.
with targets as (
    select * from {{ ref('int_progress__targets') }}
),

-- on one date: the lead unit's report (牵头), then a co-unit's or a CSV report, then a progress
-- document's count
reports as (
    select
        checked.target_id, checked.as_of, checked.value, checked.source_file, checked.source_line,
        'department_report' as source,
        case when coalesce(units.is_lead, false) then 1 else 2 end as source_rank,
        checked.report_id,
        null::varchar as document_actual_id,
        concat_ws(', ', checked.reporting_unit, coalesce(checked.reported_by, 'unit not given')) as reported_by
    from {{ ref('int_progress_reports__checked') }} as checked
    left join {{ ref('int_targets__units') }} as units
        on units.target_id = checked.target_id and units.unit_name = checked.reporting_unit
    where checked.rule is null

    union all

    select
        target_id, last_day(make_date(year, period_end_month, 1)), value, source_file, source_line,
        'document', 3,
        null, document_actual_id,
        'read from the document'
    from {{ ref('stg_documents__actuals') }}
    where target_id is not null and not is_observation and year is not null and period_end_month is not null
        and value is not null
),

latest as (
    select targets.target_id, reports.* exclude (target_id)
    from targets
    join reports
        on reports.target_id = targets.target_id and reports.as_of <= targets.evaluation_date
    -- a co-unit's report does not count in a month the lead unit reported
    where not (reports.source_rank = 2 and exists (
        select 1 from reports as lead
        where lead.target_id = reports.target_id and lead.source_rank = 1
            and date_trunc('month', lead.as_of) = date_trunc('month', reports.as_of)
    ))
    qualify row_number() over (
        partition by targets.target_id order by reports.as_of desc, reports.source_rank, reports.source_line desc
    ) = 1
),

previous as (
    select latest.target_id, reports.as_of, reports.value
    from latest
    join reports on reports.target_id = latest.target_id and reports.as_of < latest.as_of
    qualify row_number() over (partition by latest.target_id order by reports.as_of desc, reports.source_rank) = 1
),

measured as (
    select
        targets.*,
        targets.comparator <> 'increase_by' and (targets.unit = '%' or targets.metric_kind in ('share', 'ratio'))
            as is_point_in_time,
        case
            when previous.as_of is not null and targets.window_end > latest.as_of
                then latest.value + (latest.value - previous.value) / date_diff('day', previous.as_of, latest.as_of)
                     * date_diff('day', latest.as_of, targets.window_end)
            else latest.value
        end as expected_value,
        previous.as_of as previous_as_of,
        latest.report_id,
        latest.document_actual_id,
        latest.source as report_source,
        latest.as_of,
        latest.value as reported_value,
        format('{}: {} ({}; {})', latest.as_of, latest.value, latest.reported_by, latest.source_file) as citation,
        least(greatest(date_diff('day', targets.window_start, latest.as_of)
              / nullif(date_diff('day', targets.window_start, targets.window_end), 0), 0), 1) as time_share,
        latest.value / nullif(targets.threshold, 0) as done_share,
        case when targets.comparator = '<=' then latest.value <= targets.threshold
             else latest.value >= targets.threshold end as meets
    from targets
    join latest using (target_id)
    left join previous using (target_id)
)

select
    target_id,
    report_id,
    document_actual_id,
    report_source,
    citation,
    reported_value as actual_value,
    year(as_of) as actual_year,
    as_of,
    round(done_share * 100, 1) as progress_pct,
    round(time_share * 100, 1) as time_elapsed_pct,
    case
        when meets then 'achieved'
        when window_end is not null and (as_of > window_end or evaluation_date > window_end) then 'missed'
        when window_end is null then 'no_data'
        when is_point_in_time then {{ gap_status('expected_value', 'threshold', 'comparator') }}
        when done_share >= time_share then 'on_track'
        when done_share >= time_share - {{ var('time_progress_tolerance') }} then 'at_risk'
        else 'off_track'
    end as status,
    case
        when meets then format('reported {} on {} meets the target {}', reported_value, as_of, threshold)
        when window_end is not null and (as_of > window_end or evaluation_date > window_end)
            then format('the target window closed {}; last report {} on {} vs target {}', window_end, reported_value, as_of, threshold)
        when window_end is null then format('reported {} on {}; the target has no due year', reported_value, as_of)
        when is_point_in_time and previous_as_of is not null
            then format('point-in-time value {} on {} (trend since {}) projects {} at {} vs target {}',
                        reported_value, as_of, previous_as_of, round(expected_value, 2), window_end, threshold)
        when is_point_in_time then format('point-in-time value {} on {} vs target {} (one report: no trend yet)',
                                          reported_value, as_of, threshold)
        else format('reported {} on {}: {}% of the target done, {}% of the time elapsed',
                    reported_value, as_of, round(done_share * 100, 1), round(time_share * 100, 1))
    end as status_reason
from measured
