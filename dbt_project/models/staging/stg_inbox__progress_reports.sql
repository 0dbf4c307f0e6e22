select
    source_file,
    cast(line as integer) as source_line,
    nullif(sheet, '') as source_sheet,
    file_sha256,
    origin,
    nullif(parse_error, '') as parse_error,
    nullif(superseded_by, '') as superseded_by,
    trim(target_id) as target_id,
    trim(as_of) as as_of_as_written,
    {{ parse_date('as_of') }} as as_of,
    trim(value) as value_as_written,
    {{ parse_number('value') }} as value,
    nullif(trim(reported_by), '') as reported_by,
    nullif(trim(note), '') as note,
    -- a returned 目标进度填报表 says who reports, for which period, on which terms (else NULL)
    nullif(trim(reporting_unit), '') as reporting_unit,
    nullif(trim(form_period), '') as form_period,
    nullif(trim(form_digest), '') as form_digest,
    nullif(trim(value_unit), '') as value_unit
from {{ source('raw', 'progress_reports') }}
