select
    trim(region_code) as region_code,
    trim(region_name) as region_name,
    trim(level) as level,
    nullif(trim(parent_code), '') as parent_code,
    coalesce(trim(aliases), '') as aliases,
    trim(code_source) as code_source,
    nullif(trim(note), '') as note
from {{ source('raw', 'regions') }}
