-- One row per firm-month row (联网直报), typed once: values stay in 千元, cumulative from January
-- as published. No row is dropped here; int_firms__months_checked decides what is quarantined.
-- Incremental by file version (macros/partitions.sql): a run types only the files that arrived
-- or changed since the last build; a file taken out of the inbox leaves with its rows.
{{ config(**partitioned('stg_firms__months_changes', 'file_version_keys')) }}

with raw as (
    select * from {{ source('firm_raw', 'firm_months') }} as received
    {% if is_incremental() %} where {{ in_changed_partitions(file_version_keys, 'received') }} {% endif %}
),

aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
)

select
    raw.source_file,
    cast(raw.line as integer) as source_line,
    nullif(raw.sheet, '') as source_sheet,
    raw.file_sha256,
    raw.origin,
    nullif(raw.parse_error, '') as parse_error,
    nullif(raw.superseded_by, '') as superseded_by,
    upper(trim(raw.credit_code)) as credit_code,
    trim(raw.region) as region_as_written,
    aliases.region_code,
    trim(raw.period) as period_as_written,
    {{ parse_month('raw.period') }} as period_month,
    trim(raw.gross_output) as gross_output_as_written,
    trim(raw.revenue) as revenue_as_written,
    {{ parse_number('raw.gross_output') }} as gross_output_ytd_k,
    {{ parse_number('raw.revenue') }} as revenue_ytd_k,
    lower(trim(raw.quality)) as quality,
    nullif(trim(raw.note), '') as note,
    {{ build_timestamp() }} as built_at
from raw
left join aliases on aliases.alias = trim(raw.region)
