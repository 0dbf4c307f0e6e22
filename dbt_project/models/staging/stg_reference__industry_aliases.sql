-- Every wording of an industry (name and aliases) -> its code.
with industries as (
    select * from {{ ref('stg_reference__industries') }}
),

names as (
    select industry_name as alias, industry_code from industries
    union all
    select trim(alias), industry_code
    from (
        select {{ split_to_rows('aliases', '|') }} as alias, industry_code
        from industries
        where aliases <> ''
    ) as pieces
)

select distinct alias, industry_code
from names
where alias <> ''
