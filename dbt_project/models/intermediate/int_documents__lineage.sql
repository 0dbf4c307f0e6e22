-- Every document with itself (depth 0) and each earlier version it replaces (depth 1 = the one
-- it directly supersedes). Reviews and unit reports keyed on a target of an earlier version
-- follow it to the same clause of the newest version: target ids are <doc_id>:<clause digest>.
with documents as (
    select doc_id, string_split(coalesce(earlier_doc_ids, ''), '|') as earlier
    from {{ ref('stg_policies__documents') }}
)

select doc_id, doc_id as ancestor_doc_id, 0 as depth
from documents

union all

select documents.doc_id, documents.earlier[steps.depth] as ancestor_doc_id, steps.depth
from documents
cross join lateral generate_series(1, len(documents.earlier)) as steps(depth)
where documents.earlier[steps.depth] <> ''
