-- One row per input figure row: typed and harmonised once (region alias -> code, unit ->
-- the catalog unit, quality split into base + unverified flag). No row is dropped here;
-- the rules that decide quarantine live in int_figures__checked.
-- Figures come from tables (seeds, inbox CSV/xlsx), from the text of documents (every actual
-- the reader found for a catalog series, with quality `extracted` and its span), and from the
-- firm-level aggregates (quality `aggregated`: the firm panel and the 技改 project list).
-- `source_kind` says which (seeds/reference/source_kinds.csv); bulletins and documents give
-- economy-wide figures (industry `all`), the firm panel also gives them per industry.
with raw as (
    select
        region, 'all' as industry_code, year, period, metric, value, unit, quality, source_title, source_url, note,
        source_file, line, sheet, file_sha256, origin, parse_error, superseded_by, span_start, span_end, sentence,
        'bulletin' as source_kind
    from {{ source('raw', 'bulletin_figures') }}

    union all

    select
        coalesce(actuals.region_code, actuals.region_as_written, ''), 'all',
        cast(actuals.year as {{ dbt.type_string() }}), actuals.period, actuals.metric_code, {{ double_as_text('actuals.value') }}, actuals.unit,
        'extracted',
        left(documents.title, 200),
        '',
        {{ format_text('extracted from text ({}; {}); review before relying on it', ['actuals.basis', 'actuals.reason']) }},
        actuals.source_file, cast(actuals.source_line as {{ dbt.type_string() }}), '', actuals.file_sha256, actuals.origin, '', '',
        cast(actuals.span_start as {{ dbt.type_string() }}), cast(actuals.span_end as {{ dbt.type_string() }}), actuals.sentence,
        'document'
    from {{ ref('stg_documents__actuals') }} as actuals
    join {{ source('raw', 'policy_documents') }} as documents using (doc_id)
    where actuals.is_observation

    union all

    select
        region, industry_code, year, period, metric, value, unit, quality, source_title, '', note,
        source_kind, line, '', '', 'firm_level', '', '', null, null, null,
        source_kind
    from {{ ref('int_figures__firm_aggregates') }}
),

aliases as (
    select * from {{ ref('stg_reference__region_aliases') }}
),

metrics as (
    select * from {{ ref('stg_reference__metrics') }}
),

units as (
    select * from {{ ref('stg_reference__units') }}
),

typed as (
    select
        source_file,
        cast(line as integer) as source_line,
        nullif(sheet, '') as source_sheet,
        file_sha256,
        origin,
        nullif(parse_error, '') as parse_error,
        nullif(superseded_by, '') as superseded_by,
        trim(region) as region_as_written,
        industry_code,
        source_kind,
        trim(year) as year_as_written,
        upper(replace(trim(period), ' ', '')) as period,
        trim(metric) as metric_code,
        trim(value) as value_as_written,
        trim(unit) as unit_as_written,
        lower(replace(trim(quality), ' ', '')) as quality,
        nullif(trim(source_title), '') as source_title,
        nullif(trim(source_url), '') as source_url,
        nullif(trim(note), '') as note,
        try_cast(span_start as integer) as span_start,
        try_cast(span_end as integer) as span_end,
        nullif(sentence, '') as sentence,
        try_cast(trim(year) as integer) as year,
        {{ parse_number('value', 'unit') }} as value_in_written_unit
    from raw
)

select
    typed.*,
    aliases.region_code,
    metrics.unit as unit,
    metrics.kind as metric_kind,
    metrics.family as metric_family,
    written_unit.dimension as written_unit_dimension,
    catalog_unit.dimension as catalog_unit_dimension,
    case
        when written_unit.dimension = catalog_unit.dimension
            then round(typed.value_in_written_unit * written_unit.factor / catalog_unit.factor, 6)
    end as value,
    split_part(typed.quality, ';', 1) as quality_base,
    typed.quality like '%;unverified' as is_unverified,
    {{ iso_date_or_null(regex_extract("coalesce(typed.source_title, '') || ' ' || coalesce(typed.note, '')",
                                      '(\\d{4}-\\d{2}-\\d{2})', 1)) }} as published_on,
    case
        when typed.period = 'Y' then 12
        when {{ regex_search('typed.period', '^M01-M(0[1-9]|1[0-2])$') }}
            then cast(right(typed.period, 2) as integer)
    end as period_end_month
from typed
left join aliases on aliases.alias = typed.region_as_written
left join metrics on metrics.metric_code = typed.metric_code
left join units as written_unit on written_unit.unit = typed.unit_as_written
left join units as catalog_unit on catalog_unit.unit = metrics.unit
