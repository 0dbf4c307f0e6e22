-- Every way a region is written (code, official name, aliases) -> its code.
with regions as (
    select * from {{ ref('stg_reference__regions') }}
),

names as (
    select region_code as alias, region_code, 'code' as alias_kind from regions
    union all
    select region_name, region_code, 'name' from regions
    union all
    select trim(alias), region_code, 'alias'
    from (
        select {{ split_to_rows('aliases', '|') }} as alias, region_code
        from regions
        where aliases <> ''
    ) as pieces
)

select alias, region_code, min(alias_kind) as alias_kind
from names
where alias <> ''
group by alias, region_code
