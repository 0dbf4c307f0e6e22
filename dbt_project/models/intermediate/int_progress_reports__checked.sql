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

terms as (
    select target_id, unit, any_value(terms_digest) as terms_digest, list(unit_name) as unit_names
    from {{ ref('int_targets__reviewed') }}
    left join {{ ref('int_targets__units') }} using (target_id)
    group by target_id, unit
),

flagged as (
    select
        mapped.*,
        terms.unit as target_unit,
        terms.terms_digest,
        coalesce(list_contains(terms.unit_names, mapped.reporting_unit), false) as unit_owns_target,
        -- a unit's copies and conflicts: two units may report different values on one day (the lead
        -- wins). Of identical copies the first by file name lands; the others are duplicates.
        row_number() over (
            partition by superseded_by is null, mapped.target_id, as_of, value, coalesce(reporting_unit, '')
            order by source_file, source_line
        ) as copy_number,
        count(distinct value) over (
            partition by superseded_by is null, mapped.target_id, as_of, coalesce(reporting_unit, '')
        ) as values_same_day
    from mapped
    left join terms using (target_id)
)

select
    *,
    -- the one definition of a report's id (fct_progress_report, fct_target_progress.report_id)
    md5(concat_ws('|', target_id, as_of, value, reporting_unit)) as report_id,
    case
        when superseded_by is not null then 'superseded'
        when parse_error is not null then 'malformed_row'
        when not target_known then 'unknown_target'
        when form_digest is not null and form_digest <> terms_digest then 'target_changed'
        when reporting_unit is not null and not unit_owns_target then 'not_responsible_unit'
        when value_unit is not null and value_unit is distinct from target_unit then 'unit_mismatch'
        when as_of is null then 'bad_date'
        when as_of > current_date then 'future_date'
        when form_period is not null and strftime(as_of, '%Y-%m') <> form_period then 'outside_period'
        when value is null then 'value_not_a_number'
        when value < 0 and coalesce(target_unit, '') <> '%' then 'negative_value'
        when values_same_day > 1 then 'conflicting_values'
        when copy_number > 1 then 'duplicate_row'
    end as rule,
    case
        when superseded_by is not null then format('已被更正:{} 是同名文件的新版本,本行作为历史保留', superseded_by)
        when parse_error is not null then parse_error
        when not target_known then format('目标编号“{}”不是现有目标(可能被改动,或目标已被驳回);请按最新发表的填报表填写', target_id)
        when form_digest is not null and form_digest <> terms_digest
            then '该目标在填报表发表后已调整(目标值、单位或年份有变);请按最新发表的填报表重新填报'
        when reporting_unit is not null and not unit_owns_target
            then format('填报单位“{}”不是该目标的责任单位;请由责任单位填报,或先在目标审核中更正责任单位', reporting_unit)
        when value_unit is not null and value_unit is distinct from target_unit
            then format('计量单位“{}”与目标的单位“{}”不一致;请按目标的单位填写数值', value_unit, coalesce(target_unit, '无'))
        when as_of is null then format('截至日期“{}”不是日期(请写作 2024-05-31、2024/5/31 或 2024年5月31日)', as_of_as_written)
        when as_of > current_date then format('截至日期 {} 晚于今天', as_of)
        when form_period is not null and strftime(as_of, '%Y-%m') <> form_period
            then format('截至日期 {} 不在填报期 {} 之内', as_of, form_period)
        when value is null then format('本期完成值“{}”不是数字(只填数字,不带单位)', value_as_written)
        when value < 0 and coalesce(target_unit, '') <> '%' then format('本期完成值 {} 是负数(数量、金额类目标不能为负)', value)
        when values_same_day > 1 then '同一单位对同一目标、同一截至日期报送了不同的数值;请确认后只保留一个'
        when copy_number > 1 then '重复报送:同一单位已报送过相同的目标、日期和数值'
    end as reason
from flagged
