-- Every register row with the first rule it breaks (if any), in a fixed order so a row gets one
-- clear reason. A firm may leave the register and come back (two spells); two spells of one
-- credit code that overlap are a duplicate credit code, and the later row is quarantined.
with rows_ as (
    select * from {{ ref('stg_firms__register') }}
),

first_rules as (
    select
        *,
        case
            when superseded_by is not null then 'superseded'
            when parse_error is not null then 'malformed_row'
            when not {{ regex_search('credit_code', credit_code_pattern()) }} then 'bad_credit_code'
            when substr(credit_code, 18, 1) <> {{ credit_code_check_character('credit_code') }} then 'bad_check_character'
            when firm_name = '' then 'missing_name'
            when region_code is null then 'unknown_region'
            when not {{ regex_search('gbt_industry_code', '^[0-9]{4}$') }} then 'bad_industry_code'
            when entered_month is null then 'bad_month'
            when exited_as_written is not null and exited_month is null then 'bad_month'
            when entered_month > current_date then 'future_month'
            when exited_month < entered_month then 'exit_before_entry'
            when quality not in ('official', 'preliminary', 'secondary', 'synthetic') then 'bad_quality'
        end as rule
    from rows_
),

-- spells of one firm in order; a spell that starts before the previous one ended overlaps it
spells as (
    select
        *,
        lag(exited_month) over firm_spells as previous_exited,
        lag(entered_month) over firm_spells as previous_entered,
        lag(source_file || ':' || source_line) over firm_spells as previous_row,
        row_number() over firm_spells as spell_number
    from first_rules
    where rule is null
    window firm_spells as (
        partition by credit_code
        order by entered_month, origin = 'seed' desc, source_file, source_sheet nulls last, source_line
    )
),

checked as (
    select first_rules.*, spells.previous_row, spells.spell_number,
        case
            when first_rules.rule is not null then first_rules.rule
            when spells.spell_number > 1
                and (spells.previous_exited is null or spells.previous_exited >= first_rules.entered_month)
                then 'duplicate_credit_code'
        end as checked_rule
    from first_rules
    left join spells
        on spells.source_file = first_rules.source_file and spells.source_line = first_rules.source_line
        and spells.source_sheet is not distinct from first_rules.source_sheet
)

select
    {{ star_except(['rule', 'checked_rule', 'previous_row', 'spell_number'], ref('stg_firms__register')) }},
    coalesce(mapped_industry_code, 'all') as industry_code,
    checked_rule as rule,
    case checked_rule
        when 'superseded' then {{ format_text('已被更正:{} 是同名文件的新版本,本行作为历史保留', ['superseded_by']) }}
        when 'malformed_row' then parse_error
        when 'bad_credit_code' then {{ format_text('统一社会信用代码 "{}" 不是 18 位(GB 32100 字符集,不含 I、O、S、V、Z)', ['credit_code']) }}
        when 'bad_check_character' then {{ format_text('统一社会信用代码 "{}" 的校验位不对(按 GB 32100 应为 {}):多半抄错了一位', ['credit_code', credit_code_check_character('credit_code')]) }}
        when 'missing_name' then '企业名称为空'
        when 'unknown_region' then {{ format_text('地区 "{}" 不在 seeds/reference/regions.csv(名称、别名或代码)', ['region_as_written']) }}
        when 'bad_industry_code' then {{ format_text('行业代码 "{}" 不是 GB/T 4754 的 4 位小类代码', ['gbt_industry_code']) }}
        when 'bad_month' then {{ format_text('入库/退库月份 "{}"/"{}" 无法识别(写作 2024-05)', ['entered_as_written', "coalesce(exited_as_written, '')"]) }}
        when 'future_month' then {{ format_text('入库月份 {} 晚于今天', ['entered_month']) }}
        when 'exit_before_entry' then {{ format_text('退库月份 {} 早于入库月份 {}', ['exited_month', 'entered_month']) }}
        when 'bad_quality' then {{ format_text('quality "{}" 不是 official/preliminary/secondary', ['quality']) }}
        when 'duplicate_credit_code' then {{ format_text('统一社会信用代码 {} 重复:与 {} 的在库期间重叠', ['credit_code', 'previous_row']) }}
    end as reason
from checked
