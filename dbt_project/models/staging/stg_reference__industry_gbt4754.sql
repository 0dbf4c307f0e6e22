-- GB/T 4754-2017 industry codes (division, group or class) -> the project's industries. A firm's
-- 4-digit class takes the longest code that prefixes it (int_firms__register_checked).
select
    trim(gbt_code) as gbt_code,
    trim(industry_code) as industry_code,
    trim(gbt_name) as gbt_name,
    nullif(trim(note), '') as note
from {{ source('raw', 'industry_gbt4754') }}
