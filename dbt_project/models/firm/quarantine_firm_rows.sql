-- Firm-level rows that were not loaded, each with its one reason (office-only: they carry names
-- and credit codes). Nothing is lost: every raw row is either in dim_firm / fct_firm_month /
-- fct_tech_project or here (dbt_project/tests/assert_nothing_lost_firm_rows.sql).
select 'firm_register' as source, source_file, source_sheet, source_line, credit_code,
       firm_name as name, rule, reason
from {{ ref('int_firms__register_checked') }} where rule is not null
union all
select 'firm_months', source_file, source_sheet, source_line, credit_code, period_as_written, rule, reason
from {{ ref('int_firms__months_checked') }} where rule is not null
union all
select 'tech_projects', source_file, source_sheet, source_line, credit_code, project_name, rule, reason
from {{ ref('int_firms__projects_checked') }} where rule is not null
