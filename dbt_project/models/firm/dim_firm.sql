-- Above-scale firms (规上工业企业) as history: one row per spell in the register, from the month
-- the firm entered (入库) to the month after which it left (退库; null while it is still in).
-- Office-only: names and credit codes never leave the firm-level database.
select
    credit_code || '@' || {{ year_month_text('entered_month') }} as firm_spell_id,
    credit_code,
    firm_name,
    region_code,
    gbt_industry_code,
    industry_code,
    entered_month as above_scale_from,
    exited_month as above_scale_to,
    exited_month is null as is_current,
    quality,
    source_file,
    source_line
from {{ ref('int_firms__register_checked') }}
where rule is null
