-- Every judged status (anything but no_data, value_withheld, not_due) names its evidence: a
-- citation in evidence_used, and the id of the observation (statistics), the department report or
-- the document actual or the public outcome it rests on. A leader must always be able to drill down from a status to the number behind it.
{{ config(meta={'dagster': {'ref': {'name': 'fct_target_progress'}}}) }}

select target_id, status, evidence, observation_id, report_id, document_actual_id, public_outcome_id, evidence_used
from {{ ref('fct_target_progress') }}
where status not in ('no_data', 'value_withheld', 'not_due')
  and (
      evidence_used is null
      or evidence not in ('statistics', 'department_report', 'document', 'public_outcome')
      or (evidence = 'statistics' and observation_id is null)
      or (evidence = 'department_report' and report_id is null)
      or (evidence = 'document' and document_actual_id is null)
      or (evidence = 'public_outcome' and public_outcome_id is null)
  )
