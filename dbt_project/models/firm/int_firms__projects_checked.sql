-- Every 技改 project-list row with the first rule it breaks (if any). A project appears once per
-- list month (as_of); a second row for the same project and month is a duplicate or a conflict.
with rows_ as (
    select * from {{ ref('stg_firms__projects') }}
),

first_rules as (
    select
        *,
        case
            when superseded_by is not null then 'superseded'
            when parse_error is not null then 'malformed_row'
            when project_id = '' then 'missing_project_id'
            when credit_code <> '' and not {{ regex_search('credit_code', credit_code_pattern()) }} then 'bad_credit_code'
            when credit_code <> '' and substr(credit_code, 18, 1) <> {{ credit_code_check_character('credit_code') }}
                then 'bad_check_character'
            when region_code is null then 'unknown_region'
            when as_of_month is null then 'bad_period'
            when total_investment_wan is null or completed_investment_wan is null then 'value_not_a_number'
            when total_investment_wan < 0 or completed_investment_wan < 0 then 'negative_value'
            when start_date is null or (finish_date_as_written is not null and finish_date is null) then 'bad_date'
            when finish_date < start_date then 'finished_before_start'
            when is_key_project is null then 'bad_key_flag'
            when quality not in ('official', 'preliminary', 'secondary', 'synthetic') then 'bad_quality'
        end as rule
    from rows_
),

same_month as (
    select
        source_file, source_sheet, source_line,
        {{ count_distinct_over("total_investment_wan || '|' || completed_investment_wan || '|' || start_date || '|'
                       || coalesce(cast(finish_date as " ~ dbt.type_string() ~ "), '')", 'project_month') }} as values_in_month,
        row_number() over (
            partition by project_id, as_of_month order by origin = 'seed' desc, source_file, source_sheet nulls last, source_line
        ) as copy_number,
        first_value(source_file || ':' || source_line) over (
            partition by project_id, as_of_month order by origin = 'seed' desc, source_file, source_sheet nulls last, source_line
        ) as first_copy
    from first_rules
    where rule is null
    window project_month as (partition by project_id, as_of_month)
),

checked as (
    select
        first_rules.*, same_month.values_in_month, same_month.first_copy,
        case
            when first_rules.rule is not null then first_rules.rule
            when same_month.values_in_month > 1 then 'conflicting_values'
            when same_month.copy_number > 1 then 'duplicate_row'
        end as checked_rule
    from first_rules
    left join same_month
        on same_month.source_file = first_rules.source_file and same_month.source_line = first_rules.source_line
        and same_month.source_sheet is not distinct from first_rules.source_sheet
)

select
    {{ star_except(['rule', 'checked_rule', 'values_in_month', 'first_copy'], ref('stg_firms__projects')) }},
    checked_rule as rule,
    case checked_rule
        when 'superseded' then {{ format_text('已被更正:{} 是同名文件的新版本,本行作为历史保留', ['superseded_by']) }}
        when 'malformed_row' then parse_error
        when 'missing_project_id' then '项目编号为空'
        when 'bad_credit_code' then {{ format_text('统一社会信用代码 "{}" 不是 18 位(GB 32100 字符集,不含 I、O、S、V、Z)', ['credit_code']) }}
        when 'bad_check_character' then {{ format_text('统一社会信用代码 "{}" 的校验位不对(按 GB 32100 应为 {}):多半抄错了一位', ['credit_code', credit_code_check_character('credit_code')]) }}
        when 'unknown_region' then {{ format_text('地区 "{}" 不在 seeds/reference/regions.csv(名称、别名或代码)', ['region_as_written']) }}
        when 'bad_period' then {{ format_text('统计月份 "{}" 无法识别(写作 2024-05)', ['as_of_as_written']) }}
        when 'value_not_a_number' then {{ format_text('总投资 "{}" 或累计完成投资 "{}" 不是数字', ['total_investment_as_written', 'completed_investment_as_written']) }}
        when 'negative_value' then {{ format_text('投资额不能为负(总投资 {},累计完成 {})', [double_as_text('total_investment_wan'), double_as_text('completed_investment_wan')]) }}
        when 'bad_date' then {{ format_text('开工/竣工日期 "{}"/"{}" 无法识别(写作 2024-05-31)', ['start_date_as_written', "coalesce(finish_date_as_written, '')"]) }}
        when 'finished_before_start' then {{ format_text('竣工日期 {} 早于开工日期 {}', ['finish_date', 'start_date']) }}
        when 'bad_key_flag' then '是否重点项目应填 是 或 否'
        when 'bad_quality' then {{ format_text('quality "{}" 不是 official/preliminary/secondary', ['quality']) }}
        when 'conflicting_values' then {{ format_text('项目 {} 在 {} 有 {} 组不同的数值', ['project_id', year_month_text('as_of_month'), 'values_in_month']) }}
        when 'duplicate_row' then {{ format_text('重复:与 {} 相同', ['first_copy']) }}
    end as reason
from checked
