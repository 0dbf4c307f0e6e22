-- One row per policy target with where it stands (fct_target_progress) and whom and what it
-- is about (fct_policy_target), plus a date for MetricFlow: the end of the target year.
-- A target without a stated year keeps a NULL date (it is counted, under no year).
select
    progress.target_id,
    targets.doc_id,
    targets.region_code,
    targets.metric_code,
    targets.kind,
    targets.comparator,
    targets.category,
    targets.target_year,
    case when targets.target_year is not null then make_date(targets.target_year, 12, 31) end as target_year_end,
    progress.evaluation_date,
    progress.status,
    progress.method,
    progress.evidence,
    targets.redacted,
    targets.is_reviewed
from {{ ref('fct_target_progress') }} as progress
left join {{ ref('fct_policy_target') }} as targets using (target_id)
order by progress.target_id
