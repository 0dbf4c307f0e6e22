-- Review rows that cannot be applied: unknown decision, or no extracted target with that id
-- (e.g. the extractor now finds a different span).
with reviews as (
    select * from {{ ref('stg_policies__target_reviews') }}
),

targets as (
    select target_id from {{ ref('stg_policies__targets') }}
)

select
    reviews.source_file, reviews.source_line,
    case when reviews.decision not in ('accept', 'correct', 'reject') then 'bad_decision' else 'unknown_target' end as rule,
    case
        when reviews.decision not in ('accept', 'correct', 'reject')
            then format('decision "{}" is not accept, correct or reject', reviews.decision)
        else format('no extracted target has id "{}"', reviews.target_id)
    end as reason,
    reviews.target_id, reviews.decision, reviews.reviewer, reviews.note
from reviews
left join targets using (target_id)
where reviews.decision not in ('accept', 'correct', 'reject') or targets.target_id is null
order by reviews.source_line
