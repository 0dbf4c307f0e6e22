select
    trim(unit) as unit,
    trim(dimension) as dimension,
    cast(factor as double) as factor
from {{ source('raw', 'units') }}
