select
    trim(outcome_id) as outcome_id,
    trim(target_id) as target_id,
    nullif(trim(note), '') as note
from {{ source('raw', 'public_outcome_links') }}
