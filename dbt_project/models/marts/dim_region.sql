with regions as (
    select * from {{ ref('stg_reference__regions') }}
),

aliases as (
    select region_code, {{ sorted_string_agg('alias', '|') }} as aliases
    from {{ ref('stg_reference__region_aliases') }}
    where alias_kind = 'alias'
    group by region_code
)

select
    regions.region_code,
    regions.region_name,
    regions.level,
    regions.parent_code,
    parent.region_name as parent_name,
    case
        when regions.level = 'province' then regions.region_code
        else left(regions.region_code, 2) || '0000'
    end as province_code,
    case
        when regions.level = 'city' then regions.region_code
        when regions.level in ('county', 'park', 'group') and substr(regions.region_code, 3, 2) <> '00'
            then left(regions.region_code, 4) || '00'
    end as city_code,
    coalesce(aliases.aliases, '') as aliases,
    -- 县区赛马: counties and parks race within their city (the one definition; fct_county_race,
    -- fct_county_target_board and the race page read it)
    regions.level in ('county', 'park') as in_county_race,
    regions.code_source,
    regions.note
from regions
left join regions as parent on parent.region_code = regions.parent_code
left join aliases on aliases.region_code = regions.region_code
order by regions.region_code
