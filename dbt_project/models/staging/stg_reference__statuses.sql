select
    trim(status) as status,
    trim(name_zh) as name_zh,
    cast(judged as boolean) as is_judged,
    cast(display_order as integer) as display_order,
    trim(help_zh) as help_zh
from {{ source('raw', 'statuses') }}
