-- Extracted targets a reviewer rejected (not a target; kept so nothing is lost).
select target_id, doc_id, sentence, span_start, span_end, reviewer, reviewed_on, review_note
from {{ ref('int_targets__reviewed') }}
where review_status = 'rejected'
order by target_id
