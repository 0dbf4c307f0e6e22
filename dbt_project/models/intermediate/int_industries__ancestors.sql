-- Every industry with itself and each industry above it (bearing -> high_end_equipment ->
-- equipment -> manufacturing -> all): firm aggregates are rolled up along this chain.
-- Fixed self-joins rather than a recursive CTE: the catalog is at most six levels deep, and
-- the SQL stays portable (dbt_project/macros has no recursive dialect to dispatch).
with industries as (
    select industry_code, parent_code from {{ ref('stg_reference__industries') }}
),

chain as (
    select
        i0.industry_code,
        i0.industry_code as a0, i1.industry_code as a1, i2.industry_code as a2,
        i3.industry_code as a3, i4.industry_code as a4, i5.industry_code as a5, i6.industry_code as a6
    from industries as i0
    left join industries as i1 on i1.industry_code = i0.parent_code
    left join industries as i2 on i2.industry_code = i1.parent_code
    left join industries as i3 on i3.industry_code = i2.parent_code
    left join industries as i4 on i4.industry_code = i3.parent_code
    left join industries as i5 on i5.industry_code = i4.parent_code
    left join industries as i6 on i6.industry_code = i5.parent_code
)

select industry_code, a0 as ancestor_code, 0 as depth from chain
union all select industry_code, a1, 1 from chain where a1 is not null
union all select industry_code, a2, 2 from chain where a2 is not null
union all select industry_code, a3, 3 from chain where a3 is not null
union all select industry_code, a4, 4 from chain where a4 is not null
union all select industry_code, a5, 5 from chain where a5 is not null
union all select industry_code, a6, 6 from chain where a6 is not null
