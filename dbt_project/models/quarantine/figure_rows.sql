-- Figure rows that broke a rule: kept here with the file, line, rule and reason.
select
    source_file, source_line, source_sheet, origin, rule, reason,
    region_as_written as region, year_as_written as year, period, metric_code as metric,
    value_as_written as value, unit_as_written as unit, quality, source_title, source_url, note
from {{ ref('int_figures__checked') }}
where rule is not null
order by source_file, source_line
