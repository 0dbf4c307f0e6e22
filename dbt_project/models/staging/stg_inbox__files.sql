select
    path as source_file,
    origin,
    location,
    kind,
    sha256 as file_sha256,
    status,
    nullif(reason, '') as reason,
    nullif(note, '') as note,
    cast(rows_read as integer) as rows_read,
    cast(rows_blank as integer) as rows_blank,
    nullif(supersedes, '') as supersedes,
    nullif(superseded_by, '') as superseded_by
from {{ source('raw', 'ingest_files') }}
