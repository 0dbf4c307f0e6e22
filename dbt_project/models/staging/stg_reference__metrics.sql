select
    trim(metric_code) as metric_code,
    trim(name_zh) as name_zh,
    trim(name_en) as name_en,
    trim(unit) as unit,
    trim(kind) as kind,
    trim(family) as family,
    nullif(trim(definition), '') as definition,
    cast(nullif(trim(overview_card), '') as integer) as overview_card
from {{ source('raw', 'metrics') }}
