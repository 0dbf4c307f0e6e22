-- One row per 技改 project-list row (one project as of one month), typed once; investment in 万元.
-- No row is dropped here; int_firms__projects_checked decides what is quarantined.
with raw as (
    select * from {{ source('firm_raw', 'tech_projects') }}
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
    trim(raw.project_id) as project_id,
    trim(raw.project_name) as project_name,
    upper(trim(raw.credit_code)) as credit_code,
    trim(raw.region) as region_as_written,
    aliases.region_code,
    trim(raw.total_investment) as total_investment_as_written,
    trim(raw.completed_investment) as completed_investment_as_written,
    {{ parse_number('raw.total_investment') }} as total_investment_wan,
    {{ parse_number('raw.completed_investment') }} as completed_investment_wan,
    trim(raw.as_of) as as_of_as_written,
    {{ parse_month('raw.as_of') }} as as_of_month,
    trim(raw.start_date) as start_date_as_written,
    nullif(trim(raw.finish_date), '') as finish_date_as_written,
    {{ parse_date('raw.start_date') }} as start_date,
    {{ parse_date('raw.finish_date') }} as finish_date,
    case when trim(raw.key_project) in ('是', 'Y', 'y', 'yes', 'true', 'TRUE', '1') then true
         when trim(raw.key_project) in ('否', 'N', 'n', 'no', 'false', 'FALSE', '0', '') then false end as is_key_project,
    lower(trim(raw.quality)) as quality,
    nullif(trim(raw.note), '') as note
from raw
left join aliases on aliases.alias = trim(raw.region)
