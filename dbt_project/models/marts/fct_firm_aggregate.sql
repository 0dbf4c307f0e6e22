-- Above-scale firms (规上工业企业) by region × industry × month, cumulative from January, from the
-- firm register and the firm-month panel (联网直报); every region and industry also takes the
-- firms of the regions and industries below it. Aggregates only: no firm is named here.
--   above_scale_firms   stock: firms in the register at the end of the month
--   firms_entered_ytd   flow: spells that began (入库) from January to the month
--   firms_exited_ytd    flow: spells that ended (退库) from January to the month
--   firms_reporting     above-scale firms with a panel report for the month
--   gross_output_ytd    工业总产值 (当年价) of the reporting above-scale firms, 亿元, 1-n月累计
--   revenue_ytd         营业收入 of the same firms, 亿元, 1-n月累计
with spells as (
    select * from {{ ref('dim_firm') }}
),

panel as (
    select * from {{ ref('fct_firm_month') }} where is_above_scale
),

-- the months firm-level data is known for: from the first month any register or panel row names
-- to the latest (a later month's stock is not known yet)
known_through as (
    select max(m) as last_month from (
        select max(period_month) as m from panel
        union all select max(above_scale_from) from spells
        union all select max(above_scale_to) from spells
    ) as latest
),

first_month as (
    select min(m) as first_month from (
        select min(period_month) as m from panel
        union all select min(above_scale_from) from spells
    ) as earliest
),

months as (
    select month_start as period_month
    from {{ month_spine('(select first_month from first_month)', '(select last_month from known_through)') }}
),

stock as (
    select spells.region_code, spells.industry_code, months.period_month,
           count(*) as above_scale_firms,
           count(case when spells.above_scale_from = months.period_month then 1 end) as firms_entered,
           count(case when spells.above_scale_to = months.period_month then 1 end) as firms_exited
    from spells
    join months
        on spells.above_scale_from <= months.period_month
        and (spells.above_scale_to is null or spells.above_scale_to >= months.period_month)
    group by spells.region_code, spells.industry_code, months.period_month
),

output as (
    select region_code, industry_code, period_month,
           count(*) as firms_reporting,
           sum(gross_output_ytd_k) as gross_output_ytd_k,
           sum(revenue_ytd_k) as revenue_ytd_k
    from panel
    group by region_code, industry_code, period_month
),

leaf as (
    select
        stock.region_code, stock.industry_code, stock.period_month,
        stock.above_scale_firms,
        sum(stock.firms_entered) over leaf_year as firms_entered_ytd,
        sum(stock.firms_exited) over leaf_year as firms_exited_ytd,
        coalesce(output.firms_reporting, 0) as firms_reporting,
        output.gross_output_ytd_k,
        output.revenue_ytd_k
    from stock
    left join output using (region_code, industry_code, period_month)
    window leaf_year as (
        partition by stock.region_code, stock.industry_code, year(stock.period_month)
        order by stock.period_month rows between unbounded preceding and current row
    )
),

rolled as (
    select
        regions.ancestor_code as region_code,
        industries.ancestor_code as industry_code,
        leaf.period_month,
        sum(leaf.above_scale_firms) as above_scale_firms,
        sum(leaf.firms_entered_ytd) as firms_entered_ytd,
        sum(leaf.firms_exited_ytd) as firms_exited_ytd,
        sum(leaf.firms_reporting) as firms_reporting,
        sum(leaf.gross_output_ytd_k) as gross_output_ytd_k,
        sum(leaf.revenue_ytd_k) as revenue_ytd_k
    from leaf
    join {{ ref('int_regions__ancestors') }} as regions on regions.region_code = leaf.region_code
    join {{ ref('int_industries__ancestors') }} as industries on industries.industry_code = leaf.industry_code
    group by regions.ancestor_code, industries.ancestor_code, leaf.period_month
)

select
    region_code,
    industry_code,
    cast(year(period_month) as integer) as year,
    cast(month(period_month) as integer) as month,
    'M01-M' || lpad(cast(month(period_month) as {{ dbt.type_string() }}), 2, '0') as period,
    cast(above_scale_firms as integer) as above_scale_firms,
    cast(firms_entered_ytd as integer) as firms_entered_ytd,
    cast(firms_exited_ytd as integer) as firms_exited_ytd,
    cast(firms_reporting as integer) as firms_reporting,
    round(gross_output_ytd_k / 100000.0, 4) as gross_output_ytd,
    round(revenue_ytd_k / 100000.0, 4) as revenue_ytd
from rolled
order by region_code, industry_code, year, month
