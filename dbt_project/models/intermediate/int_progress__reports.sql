-- Targets judged by department progress reports (专精特新企业, 技术中心, 产业产值 ...): the latest
-- report at the evaluation date, share of the target done vs share of the window elapsed (时序进度).
with targets as (
    select * from {{ ref('int_progress__targets') }}
),

reports as (
    select * from {{ ref('int_progress_reports__checked') }} where rule is null
),

latest as (
    select targets.target_id, reports.*
    from targets
    join reports
        on reports.target_id = targets.target_id and reports.as_of <= targets.evaluation_date
    qualify row_number() over (partition by targets.target_id order by reports.as_of desc, reports.source_line desc) = 1
),

measured as (
    select
        targets.*,
        md5(concat_ws('|', latest.target_id, latest.as_of, latest.value)) as report_id,
        latest.as_of,
        latest.value as reported_value,
        format('{}: {} ({}; {})', latest.as_of, latest.value, coalesce(latest.reported_by, 'unit not given'), latest.source_file) as citation,
        least(greatest(date_diff('day', targets.window_start, latest.as_of)
              / nullif(date_diff('day', targets.window_start, targets.window_end), 0), 0), 1) as time_share,
        latest.value / nullif(targets.threshold, 0) as done_share,
        case when targets.comparator = '<=' then latest.value <= targets.threshold
             else latest.value >= targets.threshold end as meets
    from targets
    join latest using (target_id)
)

select
    target_id,
    report_id,
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
        when done_share >= time_share then 'on_track'
        when done_share >= time_share - {{ var('time_progress_tolerance') }} then 'at_risk'
        else 'off_track'
    end as status,
    case
        when meets then format('reported {} on {} meets the target {}', reported_value, as_of, threshold)
        when window_end is not null and (as_of > window_end or evaluation_date > window_end)
            then format('the target window closed {}; last report {} on {} vs target {}', window_end, reported_value, as_of, threshold)
        when window_end is null then format('reported {} on {}; the target has no due year', reported_value, as_of)
        else format('reported {} on {}: {}% of the target done, {}% of the time elapsed',
                    reported_value, as_of, round(done_share * 100, 1), round(time_share * 100, 1))
    end as status_reason
from measured
