with documents as (
    select * from {{ ref('stg_policies__documents') }}
),

target_counts as (
    select doc_id, count(*) as target_count
    from {{ ref('int_targets__reviewed') }}
    where review_status <> 'rejected'
    group by doc_id
)

select
    documents.doc_id,
    documents.title,
    documents.issuer,
    documents.issuing_region,
    documents.region_code,
    documents.published_as_written,
    documents.published_on,
    documents.published_year,
    documents.doc_number,
    documents.status,
    documents.note,
    documents.channel,
    documents.supersedes_doc_id,
    documents.source_file,
    documents.origin,
    documents.file_sha256,
    documents.char_count,
    coalesce(target_counts.target_count, 0) as target_count,
    documents.text
from documents
left join target_counts using (doc_id)
order by documents.doc_id
