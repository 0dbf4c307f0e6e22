-- Nothing lost (figures): for every input file, the figure rows it gave (table rows as the loader
-- read them, raw.ingest_files.rows_read; or the catalog actuals the reader found in a document's
-- text, raw.document_actuals; or the firm-level aggregates) = rows loaded into marts.fct_indicator_observation + rows kept in
-- quarantine.figure_rows. Returns every file where the counts disagree.
{{ config(meta={'dagster': {'ref': {'name': 'fct_indicator_observation'}}}) }}

with counts as (
    select source_file, count(*) as raw_rows, 0 as loaded_rows, 0 as quarantined_rows, cast(null as bigint) as rows_read
    from {{ source('raw', 'bulletin_figures') }}
    group by source_file

    union all
    select source_file, count(*), 0, 0, null
    from {{ ref('stg_documents__actuals') }}
    where is_observation
    group by source_file

    union all
    select source_kind, count(*), 0, 0, null  -- the firm-level aggregates (source_file = source_kind)
    from {{ ref('int_figures__firm_aggregates') }}
    group by source_kind

    union all
    select source_file, 0, count(*), 0, null
    from {{ ref('fct_indicator_observation') }}
    group by source_file

    union all
    select source_file, 0, 0, count(*), null
    from {{ ref('figure_rows') }}
    group by source_file

    union all
    -- blank rows are read and counted, not loaded: rows_read = rows landed + quarantined + blank
    select path, 0, 0, 0, cast(rows_read as bigint) - cast(rows_blank as bigint)
    from {{ source('raw', 'ingest_files') }}
    where status in ('accepted', 'superseded') and kind = 'figures'
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
    or (max(rows_read) is not null and max(rows_read) <> sum(raw_rows))
