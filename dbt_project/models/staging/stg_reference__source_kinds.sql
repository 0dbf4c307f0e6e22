select
    trim(source_kind) as source_kind,
    trim(name_zh) as name_zh,
    trim(meaning) as meaning
from {{ source('raw', 'source_kinds') }}
