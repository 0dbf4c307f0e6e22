-- Department progress reports (月调度) that passed the checks: a target's current value as
-- reported by its responsible unit.
select
    md5(concat_ws('|', target_id, as_of, value)) as report_id,
    target_id,
    as_of,
    value,
    reported_by,
    note,
    origin,
    source_file,
    source_line
from {{ ref('int_progress_reports__checked') }}
where rule is null
order by target_id, as_of
