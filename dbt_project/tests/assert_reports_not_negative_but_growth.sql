-- A loaded report is never negative, except on a target in % (a growth rate may fall below zero).
{{ config(meta={'dagster': {'ref': {'name': 'fct_progress_report'}}}) }}

select reports.report_id, reports.target_id, reports.value, targets.unit
from {{ ref('fct_progress_report') }} as reports
join {{ ref('fct_policy_target') }} as targets using (target_id)
where reports.value < 0 and coalesce(targets.unit, '') <> '%'
