-- One row per firm-register row (one 规上 spell of one firm), typed once. No row is dropped here;
-- int_firms__register_checked decides what is quarantined.
with raw as (
    select * from {{ source('firm_raw', 'firm_register') }}
),

aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
),

gbt as (
    select * from {{ ref('stg_reference__industry_gbt4754') }}
),

typed as (
    select
        source_file,
        cast(line as integer) as source_line,
        nullif(sheet, '') as source_sheet,
        file_sha256,
        origin,
        nullif(parse_error, '') as parse_error,
        nullif(superseded_by, '') as superseded_by,
        upper(trim(credit_code)) as credit_code,
        trim(firm_name) as firm_name,
        trim(region) as region_as_written,
        trim(industry_code) as gbt_industry_code,
        trim(entered) as entered_as_written,
        nullif(trim(exited), '') as exited_as_written,
        {{ parse_month('entered') }} as entered_month,
        {{ parse_month('exited') }} as exited_month,
        lower(trim(quality)) as quality,
        nullif(trim(note), '') as note
    from raw
),

-- the longest GB/T 4754 code that prefixes the firm's class decides its industry
mapped as (
    select
        typed.source_file, typed.source_sheet, typed.source_line, gbt.industry_code,
        row_number() over (
            partition by typed.source_file, typed.source_sheet, typed.source_line order by length(gbt.gbt_code) desc
        ) as match_rank
    from typed
    join gbt on {{ starts_with('typed.gbt_industry_code', 'gbt.gbt_code') }}
)

select
    typed.*,
    aliases.region_code,
    mapped.industry_code as mapped_industry_code
from typed
left join aliases on aliases.alias = typed.region_as_written
left join mapped
    on mapped.source_file = typed.source_file and mapped.source_line = typed.source_line
    and mapped.source_sheet is not distinct from typed.source_sheet and mapped.match_rank = 1
