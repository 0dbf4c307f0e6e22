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
    nullif(trim(note), '') as note
from {{ source('raw', 'progress_reports') }}
