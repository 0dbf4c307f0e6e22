-- Department progress reports with the first rule each row breaks (if any).
with reports as (
    select * from {{ ref('stg_inbox__progress_reports') }}
),

-- a report keyed on a target of an earlier version of its document counts for the same clause of
-- the newest version (see int_documents__lineage)
targets as (
    select
        lineage.ancestor_doc_id || substr(targets.target_id, length(targets.doc_id) + 1) as reported_target_id,
        targets.target_id
    from {{ ref('int_targets__reviewed') }} as targets
    join {{ ref('int_documents__lineage') }} as lineage using (doc_id)
    where targets.review_status <> 'rejected'
    qualify row_number() over (partition by reported_target_id order by lineage.depth) = 1
),

mapped as (
    select
        reports.* exclude (target_id),
        coalesce(targets.target_id, reports.target_id) as target_id,
        reports.target_id as reported_target_id,
        targets.target_id is not null as target_known
    from reports
    left join targets on targets.reported_target_id = reports.target_id
),

flagged as (
    select
        *,
        row_number() over (
            partition by superseded_by is null, target_id, as_of, value
            order by source_file, source_line
        ) as copy_number,
        count(distinct value) over (partition by superseded_by is null, target_id, as_of) as values_same_day
    from mapped
)

select
    *,
    case
        when superseded_by is not null then 'superseded'
        when parse_error is not null then 'malformed_row'
        when not target_known then 'unknown_target'
        when as_of is null then 'bad_date'
        when as_of > current_date then 'future_date'
        when value is null then 'value_not_a_number'
        when value < 0 then 'negative_value'
        when values_same_day > 1 then 'conflicting_values'
        when copy_number > 1 then 'duplicate_row'
    end as rule,
    case
        when superseded_by is not null then format('已被更正:{} 是同名文件的新版本,本行作为历史保留', superseded_by)
        when parse_error is not null then parse_error
        when not target_known then format('target_id "{}" is not a target in marts.fct_policy_target', target_id)
        when as_of is null then format('as_of "{}" is not a date (write 2024-05-31, 2024/5/31 or 2024年5月31日)', as_of_as_written)
        when as_of > current_date then format('as_of {} is in the future', as_of)
        when value is null then format('value "{}" is not a number', value_as_written)
        when value < 0 then format('value {} is negative', value)
        when values_same_day > 1 then 'different values reported for the same target and date'
        when copy_number > 1 then 'duplicate row'
    end as reason
from flagged
