-- Input files that could not be read as a whole, with the reason (also in <inbox>/rejected/).
select source_file, origin, kind, file_sha256, reason
from {{ ref('stg_inbox__files') }}
where status = 'rejected'
order by source_file
