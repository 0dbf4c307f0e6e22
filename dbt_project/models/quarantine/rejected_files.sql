-- Input files that could not be read as a whole, with the reason (also in <inbox>/rejected/),
-- and inbox documents the reader failed on (they move to rejected/ when the build publishes).
select source_file, origin, kind, file_sha256, reason
from {{ ref('stg_inbox__files') }}
where status = 'rejected'

union all

select failures.source_file, files.origin, files.kind, files.file_sha256, failures.reason
from {{ source('raw', 'document_read_failures') }} as failures
join {{ ref('stg_inbox__files') }} as files using (source_file)

order by source_file
