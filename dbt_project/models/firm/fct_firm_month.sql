-- One row per accepted firm-month report (联网直报), cumulative from January in 千元 as published,
-- with the month's own value derived from the month before (null where that month is missing),
-- the firm's industry, and whether it was above scale (in a register spell) that month.
-- Incremental by firm and year (macros/partitions.sql): a run rebuilds only the firm-years
-- int_firms__months_checked re-checked since, so a new month does not rebuild history.
{{ config(**partitioned('fct_firm_month_changes', 'firm_year_keys')) }}

with months as (
    select * from {{ ref('int_firms__months_checked') }} as checked
    where rule is null
    {% if is_incremental() %} and {{ in_changed_partitions(firm_year_keys, 'checked') }} {% endif %}
),

spells as (
    select * from {{ ref('dim_firm') }}
),

-- the spell covering the month, else the firm's latest spell (a report just after 退库)
placed as (
    select
        months.*,
        spells.industry_code,
        spells.above_scale_from <= months.period_month
            and (spells.above_scale_to is null or spells.above_scale_to >= months.period_month) as is_above_scale,
        row_number() over (
            partition by months.credit_code, months.period_month
            order by spells.above_scale_from <= months.period_month
                     and (spells.above_scale_to is null or spells.above_scale_to >= months.period_month) desc,
                     spells.above_scale_from desc
        ) as spell_rank
    from months
    join spells on spells.credit_code = months.credit_code
)

select
    credit_code,
    period_month,
    year(period_month) as year,
    month(period_month) as month,
    region_code,
    industry_code,
    is_above_scale,
    gross_output_ytd_k,
    revenue_ytd_k,
    -- the month's own value: January is its cumulative; a later month needs the month before
    case
        when month(period_month) = 1 then gross_output_ytd_k
        when lag(period_month) over firm_year = period_month - interval 1 month
            then gross_output_ytd_k - lag(gross_output_ytd_k) over firm_year
    end as gross_output_month_k,
    quality,
    source_file,
    source_sheet,
    source_line,
    file_sha256,
    {{ build_timestamp() }} as built_at
from placed
where spell_rank = 1
window firm_year as (partition by credit_code, year(period_month) order by period_month)
