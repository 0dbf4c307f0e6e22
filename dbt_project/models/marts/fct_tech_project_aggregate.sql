-- 技改 projects (项目库) by region × month as listed: how many, how many key projects, started
-- and finished so far in the year, total planned investment and the investment completed in the
-- year so far (亿元). Every region also takes the projects of the regions below it. No project or
-- firm is named here.
with projects as (
    select * from {{ ref('fct_tech_project') }}
),

rolled as (
    select
        regions.ancestor_code as region_code,
        projects.as_of_month,
        count(*) as projects,
        count(case when projects.is_key_project then 1 end) as key_projects,
        count(case when year(projects.start_date) = projects.year and projects.start_date <= last_day(projects.as_of_month)
                   then 1 end) as projects_started_ytd,
        count(case when year(projects.finish_date) = projects.year and projects.finish_date <= last_day(projects.as_of_month)
                   then 1 end) as projects_finished_ytd,
        sum(projects.total_investment_wan) as total_investment_wan,
        sum(projects.completed_in_year_wan) as completed_in_year_wan
    from projects
    join {{ ref('int_regions__ancestors') }} as regions on regions.region_code = projects.region_code
    group by regions.ancestor_code, projects.as_of_month
)

select
    region_code,
    cast(year(as_of_month) as integer) as year,
    cast(month(as_of_month) as integer) as month,
    'M01-M' || lpad(cast(month(as_of_month) as {{ dbt.type_string() }}), 2, '0') as period,
    cast(projects as integer) as projects,
    cast(key_projects as integer) as key_projects,
    cast(projects_started_ytd as integer) as projects_started_ytd,
    cast(projects_finished_ytd as integer) as projects_finished_ytd,
    round(total_investment_wan / 10000.0, 4) as total_investment,
    round(completed_in_year_wan / 10000.0, 4) as completed_investment_ytd
from rolled
order by region_code, year, month
