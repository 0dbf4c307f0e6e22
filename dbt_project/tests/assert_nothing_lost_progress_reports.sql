-- Nothing lost (department progress reports): for every input file, the rows the loader read
-- (raw.ingest_files.rows_read) = the rows in raw.progress_reports = rows loaded into
-- marts.fct_progress_report + rows kept in quarantine.progress_report_rows.
-- Returns every file where the counts disagree.
{{ config(meta={'dagster': {'ref': {'name': 'fct_progress_report'}}}) }}

with counts as (
    select source_file, count(*) as raw_rows, 0 as loaded_rows, 0 as quarantined_rows, null::bigint as rows_read
    from {{ source('raw', 'progress_reports') }}
    group by source_file

    union all
    select source_file, 0, count(*), 0, null
    from {{ ref('fct_progress_report') }}
    group by source_file

    union all
    select source_file, 0, 0, count(*), null
    from {{ ref('progress_report_rows') }}
    group by source_file

    union all
    -- blank rows are read and counted, not loaded: rows_read = rows landed + quarantined + blank
    select path, 0, 0, 0, cast(rows_read as bigint) - cast(rows_blank as bigint)
    from {{ source('raw', 'ingest_files') }}
    where status in ('accepted', 'superseded') and kind = 'progress'
)

select
    source_file,
    max(rows_read) as rows_read,
    sum(raw_rows) as raw_rows,
    sum(loaded_rows) as loaded_rows,
    sum(quarantined_rows) as quarantined_rows
from counts
group by source_file
having sum(raw_rows) <> sum(loaded_rows) + sum(quarantined_rows)
    or coalesce(max(rows_read), -1) <> sum(raw_rows)
