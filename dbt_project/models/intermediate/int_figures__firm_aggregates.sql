-- The firm-level aggregates as figures, in the shape of a figure table row, so they pass the same
-- checks and the same vintage rule as bulletin figures (stg_bulletins__figures). Quality
-- `aggregated` ranks after official and preliminary figures: where a bulletin and an aggregate
-- disagree both stay, and the bulletin is preferred (seeds/reference/qualities.csv; README
-- "Which figure is preferred"). A full year is the January-December cumulative (period Y).
with firms as (
    select * from {{ ref('fct_firm_aggregate') }}
),

projects as (
    select * from {{ ref('fct_tech_project_aggregate') }}
),

project_figures as (
    select region_code, year, month, 'tech_renovation_investment' as metric,
           completed_investment_ytd as value, '亿元' as unit, projects, key_projects
    from projects
    union all
    select region_code, year, month, 'tech_renovation_projects', cast(projects as double), '个', projects, key_projects
    from projects
    union all
    select region_code, year, month, 'tech_renovation_key_projects', cast(key_projects as double), '个', projects, key_projects
    from projects
),

firm_figures as (
    select region_code, industry_code, year, month, 'above_scale_industrial_firms' as metric,
           cast(above_scale_firms as double) as value, '户' as unit, firms_reporting
    from firms where industry_code = 'all'
    union all
    select region_code, industry_code, year, month, 'above_scale_firms_new', firms_entered_ytd, '户', firms_reporting
    from firms where industry_code = 'all'
    union all
    select region_code, industry_code, year, month, 'above_scale_industrial_output', gross_output_ytd, '亿元', firms_reporting
    from firms where industry_code = 'all' and firms_reporting > 0
    union all
    select region_code, industry_code, year, month, 'above_scale_industrial_revenue', revenue_ytd, '亿元', firms_reporting
    from firms where industry_code = 'all' and firms_reporting > 0
    union all
    select region_code, industry_code, year, month, 'industrial_output_value', gross_output_ytd, '亿元', firms_reporting
    from firms where industry_code <> 'all' and firms_reporting > 0
),

figures as (
    select
        region_code as region,
        industry_code,
        cast(year as {{ dbt.type_string() }}) as year,
        case when month = 12 then 'Y' else 'M01-M' || lpad(cast(month as {{ dbt.type_string() }}), 2, '0') end as period,
        metric,
        {{ double_as_text('value') }} as value,
        unit,
        'aggregated' as quality,
        {{ format_text('规上企业联网直报汇总({} 户报送)', ['firms_reporting']) }} as source_title,
        'firm_panel' as source_kind,
        'aggregate of fct_firm_month and dim_firm (firm-level database)' as note
    from firm_figures

    union all

    select
        region_code, 'all', cast(year as {{ dbt.type_string() }}),
        case when month = 12 then 'Y' else 'M01-M' || lpad(cast(month as {{ dbt.type_string() }}), 2, '0') end,
        metric,
        {{ double_as_text('value') }},
        unit,
        'aggregated',
        {{ format_text('技改项目库汇总({} 个项目,其中重点 {} 个)', ['projects', 'key_projects']) }},
        'project_list',
        'aggregate of fct_tech_project (firm-level database)'
    from project_figures
)

-- a line number per figure, so each one is cited like a table row (source_file = source_kind)
select *, cast(row_number() over (order by source_kind, region, metric, industry_code, year, period) as {{ dbt.type_string() }}) as line
from figures
