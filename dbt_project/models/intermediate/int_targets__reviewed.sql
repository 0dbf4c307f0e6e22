-- Extracted targets with the data office's review applied: a correction overrides the
-- extracted field; a rejection keeps the target out of the marts (it is listed in quarantine).
with targets as (
    select * from {{ ref('stg_policies__targets') }}
),

latest_reviews as (
    select *
    from {{ ref('stg_policies__target_reviews') }}
    where decision in ('accept', 'correct', 'reject')
    qualify row_number() over (partition by target_id order by reviewed_on desc nulls last, source_line desc) = 1
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
    case when reviews.decision = 'correct' and reviews.value is not null then reviews.value else targets.value end as value,
    coalesce(reviews.value_low, targets.value_low) as value_low,
    coalesce(reviews.value_high, targets.value_high) as value_high,
    coalesce(reviews.unit, targets.unit) as unit,
    targets.qualifier,
    coalesce(reviews.target_year, targets.target_year) as target_year,
    targets.period,
    targets.redacted and not (reviews.decision = 'correct' and reviews.value is not null) as redacted,
    targets.category,
    targets.responsible_units,
    targets.sentence,
    targets.span_start,
    targets.span_end,
    targets.extraction_reason,
    case reviews.decision
        when 'accept' then 'accepted' when 'correct' then 'corrected' when 'reject' then 'rejected'
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
