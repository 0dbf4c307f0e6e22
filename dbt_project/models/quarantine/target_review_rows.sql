-- Review rows that cannot be applied: unknown decision, no target with that id (e.g. the
-- extractor now finds a different span), or an added target whose document or clause is not found.
with reviews as (
    select * from {{ ref('stg_policies__target_reviews') }}
),

targets as (
    select target_id from {{ ref('int_targets__reviewed') }}
),

documents as (
    select doc_id, text from {{ ref('stg_policies__documents') }}
),

checked as (
    select
        reviews.*,
        case
            when reviews.decision not in ('accept', 'correct', 'reject', 'add') then 'bad_decision'
            when reviews.decision = 'add' and (reviews.doc_id is null or reviews.clause_text is null) then 'bad_add'
            when reviews.decision = 'add' and documents.doc_id is null then 'unknown_document'
            when reviews.decision = 'add' and strpos(documents.text, reviews.clause_text) = 0 then 'clause_not_found'
            when targets.target_id is null then 'unknown_target'
        end as rule
    from reviews
    left join targets using (target_id)
    left join documents on documents.doc_id = reviews.doc_id
)

select
    source_file, source_line, rule,
    case rule
        when 'bad_decision' then format('decision "{}" is not accept, correct, reject or add', decision)
        when 'bad_add' then 'an added target needs doc_id and clause_text'
        when 'unknown_document' then format('no policy document has id "{}"', doc_id)
        when 'clause_not_found' then format('the clause of the added target is not in the text of document "{}"', doc_id)
        else format('no extracted target has id "{}"', target_id)
    end as reason,
    target_id, decision, reviewer, note
from checked
where rule is not null
order by source_line
