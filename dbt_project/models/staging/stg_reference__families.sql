select
    trim(family) as family,
    trim(name_zh) as name_zh,
    cast(is_core as boolean) as is_core
from {{ source('raw', 'families') }}
