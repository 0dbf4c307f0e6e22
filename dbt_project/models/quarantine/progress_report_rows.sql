select
    source_file, source_line, source_sheet, origin, rule, reason,
    target_id, as_of_as_written as as_of, value_as_written as value, reported_by, note, reporting_unit, form_period
from {{ ref('int_progress_reports__checked') }}
where rule is not null
order by source_file, source_line
