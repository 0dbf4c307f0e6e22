-- Every firm-month row with the first rule it breaks (if any). The rules that need other rows:
-- a firm reported in two regions in one month (every such row is quarantined: which one is
-- right is for the statistics bureau to say), an exact re-send (the later copy), two values for
-- one firm-month, and a cumulative value that falls below the month before it in the same year.
-- Incremental by firm and year (macros/partitions.sql), the widest reach of these rules: a run
-- re-checks only the firm-years with a new, changed or removed row, or whose firm's register
-- spells changed.
{{ config(**partitioned('int_firms__months_checked_changes', 'firm_year_keys')) }}

with rows_ as (
    select * from {{ ref('stg_firms__months') }} as staged
    {% if is_incremental() %} where {{ in_changed_partitions(firm_year_keys, 'staged') }} {% endif %}
),

registered as (
    select distinct credit_code from {{ ref('int_firms__register_checked') }} where rule is null
),

first_rules as (
    select
        rows_.*,
        case
            when superseded_by is not null then 'superseded'
            when parse_error is not null then 'malformed_row'
            when not {{ regex_search('credit_code', credit_code_pattern()) }} then 'bad_credit_code'
            when region_code is null then 'unknown_region'
            when period_month is null then 'bad_period'
            when period_month > current_date then 'future_month'
            when gross_output_ytd_k is null or revenue_ytd_k is null then 'value_not_a_number'
            when gross_output_ytd_k < 0 or revenue_ytd_k < 0 then 'negative_value'
            when quality not in ('official', 'preliminary', 'secondary', 'synthetic') then 'bad_quality'
            when not {{ in_column('credit_code', 'registered', 'credit_code') }} then 'unregistered_firm'
        end as rule
    from rows_
),

-- The rules that need other rows, as two window passes over the same rows, with no join back
-- (at province scale each join back of these wide rows spilled tens of GB): a pass's partition
-- also holds whether a row takes part in its rule, so the rows that do not are counted apart
-- and their results are never read (an earlier rule decided them).
same_month as (
    select
        *,
        {{ count_distinct_over('region_code', 'firm_month') }} as regions_in_month,
        {{ count_distinct_over("gross_output_ytd_k || '|' || revenue_ytd_k", 'firm_month') }} as values_in_month,
        row_number() over firm_month_in_order as copy_number,
        first_value(source_file || ':' || source_line) over firm_month_in_order as first_copy
    from first_rules
    window
        firm_month as (partition by credit_code, period_month, rule is null),
        firm_month_in_order as (
            partition by credit_code, period_month, rule is null
            order by origin = 'seed' desc, source_file, source_sheet nulls last, source_line
        )
),

-- cumulative from January: within a year, each month at least the month before, among the
-- rows that passed every rule so far (one value per firm-month)
sequenced as (
    select
        *,
        lag(gross_output_ytd_k) over firm_year as previous_gross_output,
        lag(revenue_ytd_k) over firm_year as previous_revenue,
        lag(period_month) over firm_year as previous_month
    from same_month
    window firm_year as (
        partition by credit_code, year(period_month),
            rule is null and regions_in_month = 1 and values_in_month = 1 and copy_number = 1
        order by period_month
    )
),

checked as (
    select
        *,
        case
            when rule is not null then rule
            when regions_in_month > 1 then 'two_regions_in_month'
            when values_in_month > 1 then 'conflicting_values'
            when copy_number > 1 then 'duplicate_row'
            when previous_gross_output > gross_output_ytd_k or previous_revenue > revenue_ytd_k then 'cumulative_falls'
        end as checked_rule
    from sequenced
)

select
    {{ star_except(['rule', 'checked_rule', 'regions_in_month', 'values_in_month', 'copy_number', 'first_copy',
                    'previous_gross_output', 'previous_revenue', 'previous_month', 'built_at'], ref('stg_firms__months')) }},
    checked_rule as rule,
    case checked_rule
        when 'superseded' then {{ format_text('已被更正:{} 是同名文件的新版本,本行作为历史保留', ['superseded_by']) }}
        when 'malformed_row' then parse_error
        when 'bad_credit_code' then {{ format_text('统一社会信用代码 "{}" 不是 18 位(GB 32100 字符集,不含 I、O、S、V、Z)', ['credit_code']) }}
        when 'unknown_region' then {{ format_text('地区 "{}" 不在 seeds/reference/regions.csv(名称、别名或代码)', ['region_as_written']) }}
        when 'bad_period' then {{ format_text('月份 "{}" 无法识别(写作 2024-05)', ['period_as_written']) }}
        when 'future_month' then {{ format_text('月份 {} 晚于今天', ['period_month']) }}
        when 'value_not_a_number' then {{ format_text('工业总产值 "{}" 或营业收入 "{}" 不是数字', ['gross_output_as_written', 'revenue_as_written']) }}
        when 'negative_value' then {{ format_text('累计值不能为负(工业总产值 {},营业收入 {})', [double_as_text('gross_output_ytd_k'), double_as_text('revenue_ytd_k')]) }}
        when 'bad_quality' then {{ format_text('quality "{}" 不是 official/preliminary/secondary', ['quality']) }}
        when 'unregistered_firm' then {{ format_text('统一社会信用代码 {} 不在规上企业名录中(或其名录行已被隔离)', ['credit_code']) }}
        when 'two_regions_in_month' then {{ format_text('同一企业 {} 在 {} 报了 {} 个地区', ['credit_code', year_month_text('period_month'), 'regions_in_month']) }}
        when 'conflicting_values' then {{ format_text('同一企业 {} 在 {} 有 {} 组不同的数值', ['credit_code', year_month_text('period_month'), 'values_in_month']) }}
        when 'duplicate_row' then {{ format_text('重复:与 {} 相同', ['first_copy']) }}
        when 'cumulative_falls' then {{ format_text('1-{}月累计值低于 1-{}月(工业总产值 {} < {} 或营业收入 {} < {}):累计值不会下降', ['month(period_month)', 'month(previous_month)', double_as_text('gross_output_ytd_k'), double_as_text('previous_gross_output'), double_as_text('revenue_ytd_k'), double_as_text('previous_revenue')]) }}
    end as reason,
    {{ build_timestamp() }} as built_at
from checked
