select
    trim(quality_base) as quality_base,
    trim(name_zh) as name_zh,
    cast(preference_rank as integer) as preference_rank,
    trim(meaning) as meaning
from {{ source('raw', 'qualities') }}
