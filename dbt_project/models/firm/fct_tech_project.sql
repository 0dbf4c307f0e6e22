-- 技改 projects (项目库) as listed each month: one row per project and list month, investment in
-- 万元 (completed: cumulative since the project started), and the investment completed in the
-- year so far: the change since the project's last listing of an earlier year (the whole
-- completed amount when it has none).
with listed as (
    select * from {{ ref('int_firms__projects_checked') }} where rule is null
),

year_end as (  -- each project's last listing in each year
    select project_id, year(as_of_month) as year, completed_investment_wan,
           row_number() over (partition by project_id, year(as_of_month) order by as_of_month desc) as recency
    from listed
),

carried as (  -- what was completed before the year began
    select project_id, year,
           lag(completed_investment_wan) over (partition by project_id order by year) as completed_before_year_wan
    from year_end
    where recency = 1
)

select
    listed.project_id,
    listed.project_name,
    nullif(listed.credit_code, '') as credit_code,
    listed.region_code,
    listed.as_of_month,
    year(listed.as_of_month) as year,
    month(listed.as_of_month) as month,
    listed.is_key_project,
    listed.total_investment_wan,
    listed.completed_investment_wan,
    listed.completed_investment_wan - coalesce(carried.completed_before_year_wan, 0) as completed_in_year_wan,
    listed.start_date,
    listed.finish_date,
    listed.quality,
    listed.source_file,
    listed.source_line
from listed
left join carried on carried.project_id = listed.project_id and carried.year = year(listed.as_of_month)
