-- 总览, targets by status: for each region, its own targets (scope 'self') or its own and those of
-- every region below it (scope 'with_children'), all due years together (due_year NULL) or one
-- due year, counted by status. A status no target has gets no row (read it as 0).
with recursive tree (region_code, member_code) as (
    select region_code, region_code from {{ ref('dim_region') }}
    union all
    select tree.region_code, child.region_code
    from tree
    join {{ ref('dim_region') }} as child on child.parent_code = tree.member_code
),

scoped as (
    select tree.region_code, 'with_children' as scope, targets.target_id, targets.target_year
    from tree
    join {{ ref('fct_policy_target') }} as targets on targets.region_code = tree.member_code
    union all
    select region_code, 'self', target_id, target_year
    from {{ ref('fct_policy_target') }}
),

with_status as (
    select scoped.*, progress.status
    from scoped
    join {{ ref('fct_target_progress') }} as progress using (target_id)
),

counted as (
    select region_code, scope, cast(null as integer) as due_year, status, count(*) as targets
    from with_status
    group by all
    union all
    select region_code, scope, target_year, status, count(*)
    from with_status
    where target_year is not null
    group by all
)

select
    region_code,
    scope,
    due_year,
    status,
    targets,
    cast(sum(targets) over (partition by region_code, scope, due_year) as bigint) as targets_in_scope
from counted
order by region_code, scope, due_year nulls first, status
