-- Department progress reports (月调度) that passed the checks: a target's current value as
-- reported by its responsible unit (a CSV report, or a returned 目标进度填报表 with its unit).
select
    report_id,
    target_id,
    as_of,
    value,
    reported_by,
    note,
    origin,
    source_file,
    source_line,
    reporting_unit,
    form_period,
    reporting_unit is not null and exists (
        select 1 from {{ ref('int_targets__units') }} as units
        where units.target_id = checked.target_id and units.unit_name = checked.reporting_unit and units.is_lead
    ) as is_lead_unit
from {{ ref('int_progress_reports__checked') }} as checked
where rule is null
order by target_id, as_of
