select
    source_file,
    cast(line as integer) as source_line,
    trim(target_id) as target_id,
    lower(trim(decision)) as decision,
    nullif(trim(metric), '') as metric_code,
    nullif(trim(comparator), '') as comparator,
    try_cast(nullif(trim(value), '') as double) as value,
    try_cast(nullif(trim(value_low), '') as double) as value_low,
    try_cast(nullif(trim(value_high), '') as double) as value_high,
    nullif(trim(unit), '') as unit,
    try_cast(nullif(trim(target_year), '') as integer) as target_year,
    nullif(trim(subject_region), '') as subject_region,
    nullif(trim(industry), '') as industry,
    nullif(trim(reviewer), '') as reviewer,
    try_strptime(nullif(trim(reviewed_on), ''), '%Y-%m-%d')::date as reviewed_on,
    nullif(trim(note), '') as note
from {{ source('raw', 'target_reviews') }}
