-- Every region with itself and each region above it (灵璧经开区 -> 灵璧县 -> 宿州市 -> 安徽省):
-- firm aggregates are rolled up along this chain. Groups (各县区) are nobody's ancestor.
with regions as (
    select region_code, parent_code from {{ ref('stg_reference__regions') }} where level <> 'group'
),

chain as (
    select r0.region_code, r0.region_code as a0, r1.region_code as a1, r2.region_code as a2, r3.region_code as a3
    from regions as r0
    left join regions as r1 on r1.region_code = r0.parent_code
    left join regions as r2 on r2.region_code = r1.parent_code
    left join regions as r3 on r3.region_code = r2.parent_code
)

select region_code, a0 as ancestor_code, 0 as depth from chain
union all select region_code, a1, 1 from chain where a1 is not null
union all select region_code, a2, 2 from chain where a2 is not null
union all select region_code, a3, 3 from chain where a3 is not null
