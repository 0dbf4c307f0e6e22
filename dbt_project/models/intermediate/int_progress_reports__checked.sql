-- Department progress reports with the first rule each row breaks (if any).
with reports as (
    select * from {{ ref('stg_inbox__progress_reports') }}
),

targets as (
    select target_id from {{ ref('int_targets__reviewed') }} where review_status <> 'rejected'
),

flagged as (
    select
        reports.*,
        targets.target_id is not null as target_known,
        row_number() over (
            partition by reports.target_id, reports.as_of, reports.value
            order by reports.source_file, reports.source_line
        ) as copy_number,
        count(distinct reports.value) over (partition by reports.target_id, reports.as_of) as values_same_day
    from reports
    left join targets using (target_id)
)

select
    *,
    case
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
        when parse_error is not null then parse_error
        when not target_known then format('target_id "{}" is not a target in marts.fct_policy_target', target_id)
        when as_of is null then format('as_of "{}" is not a date (YYYY-MM-DD)', as_of_as_written)
        when as_of > current_date then format('as_of {} is in the future', as_of)
        when value is null then format('value "{}" is not a number', value_as_written)
        when value < 0 then format('value {} is negative', value)
        when values_same_day > 1 then 'different values reported for the same target and date'
        when copy_number > 1 then 'duplicate row'
    end as reason
from flagged
