-- fct_target_progress has one row for every target of fct_policy_target (the relationships test
-- checks the other direction): no target silently disappears from the progress view.
{{ config(meta={'dagster': {'ref': {'name': 'fct_target_progress'}}}) }}

select targets.target_id
from {{ ref('fct_policy_target') }} as targets
left join {{ ref('fct_target_progress') }} as progress using (target_id)
where progress.target_id is null
