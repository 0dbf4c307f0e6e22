select
    trim(industry_code) as industry_code,
    trim(industry_name) as industry_name,
    nullif(trim(parent_code), '') as parent_code,
    trim(level) as level,
    coalesce(trim(aliases), '') as aliases,
    nullif(trim(note), '') as note
from {{ source('raw', 'industries') }}
