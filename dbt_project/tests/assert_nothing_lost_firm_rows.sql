-- Every firm-level raw row is loaded (dim_firm, fct_firm_month, fct_tech_project) or quarantined
-- with its reason: a source whose counts differ returns a row and fails the build.
with counts as (
    select 'firm_register' as source,
           (select count(*) from {{ source('firm_raw', 'firm_register') }}) as raw_rows,
           (select count(*) from {{ ref('dim_firm') }}) as loaded_rows
    union all
    select 'firm_months',
           (select count(*) from {{ source('firm_raw', 'firm_months') }}),
           (select count(*) from {{ ref('fct_firm_month') }})
    union all
    select 'tech_projects',
           (select count(*) from {{ source('firm_raw', 'tech_projects') }}),
           (select count(*) from {{ ref('fct_tech_project') }})
)

select counts.source, raw_rows, loaded_rows, coalesce(quarantined.rows_, 0) as quarantined_rows
from counts
left join (select source, count(*) as rows_ from {{ ref('quarantine_firm_rows') }} group by source) as quarantined
    using (source)
where raw_rows <> loaded_rows + coalesce(quarantined.rows_, 0)
