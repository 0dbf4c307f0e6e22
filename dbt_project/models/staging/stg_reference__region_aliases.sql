-- Every way a region is written (code, official name, aliases) -> its code.
with regions as (
    select * from {{ ref('stg_reference__regions') }}
),

names as (
    select region_code as alias, region_code, 'code' as alias_kind from regions
    union all
    select region_name, region_code, 'name' from regions
    union all
    select trim(unnest(string_split(aliases, '|'))), region_code, 'alias'
    from regions
    where aliases <> ''
)

select alias, region_code, min(alias_kind) as alias_kind
from names
where alias <> ''
group by alias, region_code
