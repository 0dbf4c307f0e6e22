-- Extracted targets with the data office's review applied: a correction overrides the
-- extracted field; a rejection keeps the target out of the marts (it is listed in quarantine).
-- Targets the extractor missed come from `add` rows: the reviewer's clause, found in the document
-- text (its offsets), and fields; their id is the one extraction gives that clause (orchestration/reviews.py).
with extracted as (
    select *, false as is_added from {{ ref('stg_policies__targets') }}
),

review_rows as (
    select * from {{ ref('stg_policies__target_reviews') }}
    where decision in ('accept', 'correct', 'reject', 'add')
),

latest_reviews as (
    select *
    from review_rows
    qualify row_number() over (partition by target_id order by reviewed_on desc nulls last, source_line desc) = 1
),

-- the latest row of each target carrying a clause: a target a reviewer added (still `add`, or
-- `reject` when withdrawn); a clause the extractor reads too stays the extracted target
added as (
    select
        rows.target_id,
        rows.doc_id,
        coalesce(rows.subject_region, documents.issuing_region) as subject_region,
        coalesce(added_region.region_code, documents.region_code) as region_code,
        cast(null as varchar) as subject_level,
        coalesce(rows.industry, 'all') as industry,
        case when coalesce(rows.industry, 'all') = 'all' then 'all' else added_industry.industry_code end as industry_code,
        rows.metric_code,
        cast(null as varchar) as metric_text,
        cast(null as varchar) as kind,
        rows.comparator,
        rows.value,
        rows.value_low,
        rows.value_high,
        rows.unit,
        cast(null as varchar) as qualifier,
        rows.target_year,
        cast(null as varchar) as period,
        false as redacted,
        cast(null as varchar) as category,
        cast(null as varchar) as responsible_units,
        rows.clause_text as sentence,
        cast(strpos(documents.text, rows.clause_text) - 1 as integer) as span_start,
        cast(strpos(documents.text, rows.clause_text) - 1 + length(rows.clause_text) as integer) as span_end,
        'added by reviewer: ' || coalesce(rows.reviewer, '') as extraction_reason,
        true as is_added
    from review_rows as rows
    join {{ ref('stg_policies__documents') }} as documents using (doc_id)
    left join {{ ref('stg_reference__region_aliases') }} as added_region on added_region.alias = rows.subject_region
    left join {{ ref('stg_reference__industry_aliases') }} as added_industry on added_industry.alias = rows.industry
    where rows.decision in ('add', 'reject') and rows.clause_text is not null
        and strpos(documents.text, rows.clause_text) > 0
        and rows.target_id not in (select target_id from extracted)
    qualify row_number() over (partition by rows.target_id order by rows.reviewed_on desc nulls last, rows.source_line desc) = 1
),

targets as (
    select * from extracted
    union all by name
    select * from added
),

-- a new version of a document keeps the reviews of its earlier versions: the same clause has the
-- same digest; the review of the nearest version wins
reviews as (
    select targets.target_id, latest_reviews.* exclude (target_id), latest_reviews.target_id as reviewed_target_id
    from targets
    join {{ ref('int_documents__lineage') }} as lineage using (doc_id)
    join latest_reviews
        on latest_reviews.target_id = lineage.ancestor_doc_id || substr(targets.target_id, length(targets.doc_id) + 1)
    qualify row_number() over (partition by targets.target_id order by lineage.depth) = 1
),

region_aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
),

industry_aliases as (
    select * from {{ ref('stg_reference__industry_aliases') }}
)

select
    targets.target_id,
    targets.doc_id,
    coalesce(reviews.subject_region, targets.subject_region) as subject_region,
    coalesce(corrected_region.region_code, targets.region_code) as region_code,
    targets.subject_level,
    coalesce(reviews.industry, targets.industry) as industry,
    case
        when reviews.industry is null then targets.industry_code
        when reviews.industry = 'all' then 'all'
        else corrected_industry.industry_code
    end as industry_code,
    coalesce(reviews.metric_code, targets.metric_code) as metric_code,
    targets.metric_text,
    targets.kind,
    coalesce(reviews.comparator, targets.comparator) as comparator,
    case when reviews.decision in ('correct', 'add') and reviews.value is not null then reviews.value else targets.value end as value,
    coalesce(reviews.value_low, targets.value_low) as value_low,
    coalesce(reviews.value_high, targets.value_high) as value_high,
    coalesce(reviews.unit, targets.unit) as unit,
    targets.qualifier,
    coalesce(reviews.target_year, targets.target_year) as target_year,
    targets.period,
    targets.redacted and not (reviews.decision in ('correct', 'add') and reviews.value is not null) as redacted,
    targets.category,
    targets.responsible_units,
    targets.sentence,
    targets.span_start,
    targets.span_end,
    targets.extraction_reason,
    case reviews.decision
        when 'accept' then 'accepted' when 'correct' then 'corrected' when 'reject' then 'rejected'
        -- an `add` of a clause the extractor reads too corrects the extracted target
        when 'add' then case when targets.is_added then 'added' else 'corrected' end
        else 'unreviewed'
    end as review_status,
    reviews.reviewer,
    reviews.reviewed_on,
    reviews.reviewed_target_id,
    reviews.note as review_note
from targets
left join reviews using (target_id)
left join region_aliases as corrected_region on corrected_region.alias = reviews.subject_region
left join industry_aliases as corrected_industry on corrected_industry.alias = reviews.industry
