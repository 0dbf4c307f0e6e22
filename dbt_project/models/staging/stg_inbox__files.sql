select
    path as source_file,
    origin,
    location,
    kind,
    sha256 as file_sha256,
    status,
    nullif(reason, '') as reason,
    nullif(note, '') as note,
    cast(rows_read as integer) as rows_read
from {{ source('raw', 'ingest_files') }}
