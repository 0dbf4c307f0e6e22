with documents as (
    select * from {{ source('raw', 'policy_documents') }}
),

aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
)

select
    documents.doc_id,
    documents.file as source_file,
    documents.origin,
    documents.sha256 as file_sha256,
    nullif(documents.encoding_note, '') as encoding_note,
    documents.title,
    nullif(documents.issuer, '') as issuer,
    nullif(documents.issuing_region, '') as issuing_region,
    coalesce(nullif(documents.region_code, ''), aliases.region_code) as region_code,
    nullif(documents.published, '') as published_as_written,
    coalesce(
        try_strptime(documents.published, '%Y-%m-%d')::date,
        try_strptime(documents.published || '-12-31', '%Y-%m-%d')::date
    ) as published_on,
    try_cast(left(documents.published, 4) as integer) as published_year,
    nullif(documents.doc_number, '') as doc_number,
    nullif(documents.status, '') as status,
    nullif(documents.note, '') as note,
    coalesce(nullif(documents.channel, ''), 'policy') as channel,
    -- the versions this document replaces (a same-named file dropped again), the nearest first
    nullif(string_split(coalesce(documents.earlier_doc_ids, ''), '|')[1], '') as supersedes_doc_id,
    nullif(documents.earlier_doc_ids, '') as earlier_doc_ids,
    documents.text,
    length(documents.text) as char_count
from documents
left join aliases on aliases.alias = documents.issuing_region
