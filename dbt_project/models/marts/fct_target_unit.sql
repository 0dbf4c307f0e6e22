-- Who answers for each target (责任单位), the lead first: the rows the 月调度 forms are made of.
select
    units.target_id,
    units.unit_name,
    units.unit_as_written,
    units.unit_order,
    units.is_lead,
    units.terms_digest
from {{ ref('int_targets__units') }} as units
join {{ ref('fct_policy_target') }} using (target_id)
order by units.unit_name, units.target_id
