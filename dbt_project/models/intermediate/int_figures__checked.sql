-- Every figure row with the first rule it breaks (if any). Rules run in a fixed order so a row
-- gets one clear reason; rows with no rule broken are loaded, the others are quarantined.
with figures as (
    select * from {{ ref('stg_bulletins__figures') }}
),

regions as (
    select region_code as region_key, level from {{ ref('stg_reference__regions') }}
),

grouped as (
    select
        figures.*,
        regions.level as region_level,
        {{ count_distinct_over('value', 'same_source') }} as values_from_same_source,
        row_number() over (
            partition by superseded_by is null, region_code, metric_code, industry_code, year, period, source_title, quality, value
            order by origin = 'seed' desc, source_file, source_line
        ) as copy_number,
        first_value(source_file || ':' || source_line) over (
            partition by superseded_by is null, region_code, metric_code, industry_code, year, period, source_title, quality, value
            order by origin = 'seed' desc, source_file, source_line
        ) as first_copy
    from figures
    -- on, not using: Spark would move region_code to the front of figures.*
    left join regions on regions.region_key = figures.region_code
    -- rows of a superseded file are history: they never conflict with the correction that replaced them
    window same_source as (
        partition by superseded_by is null, region_code, metric_code, industry_code, year, period, source_title, quality
    )
),

checked as (
    select
        *,
        case
            when superseded_by is not null then 'superseded'
            when parse_error is not null then 'malformed_row'
            when region_code is null then 'unknown_region'
            when unit is null then 'unknown_metric'
            when year is null then 'bad_year'
            when year < {{ var('first_plausible_year') }}
                or year > extract(year from current_date) then 'implausible_year'
            when period_end_month is null then 'bad_period'
            when value_in_written_unit is null then 'value_not_a_number'
            when written_unit_dimension is null then 'unknown_unit'
            when written_unit_dimension is distinct from catalog_unit_dimension then 'unit_mismatch'
            when not {{ in_column('quality_base', ref('stg_reference__qualities'), 'quality_base') }}
                or quality not in (quality_base, quality_base || ';unverified') then 'bad_quality'
            when metric_kind in ('count', 'flow') and value < 0 then 'negative_count'
            when metric_kind in ('count', 'flow') and value <> round(value) then 'fractional_count'
            when metric_kind = 'growth' and value not between -100 and 500 then 'growth_out_of_range'
            when metric_kind in ('share', 'ratio') and metric_code = 'rd_intensity_pct'
                and value not between 0 and 10 then 'share_out_of_range'
            when metric_kind in ('share', 'ratio') and value not between 0 and 100 then 'share_out_of_range'
            when metric_kind = 'level' and unit = '亿元' and (
                value < 0
                or value > case region_level when 'province' then 200000 when 'city' then 50000 else 5000 end
            ) then 'level_out_of_range'
            when period = 'Y' and {{ regex_search(
                "coalesce(source_title, '') || ' ' || coalesce(note, '')",
                '(1|一)\\s*[-—–~至到]\\s*([2-9]|1[01]|[二三四五六七八九十]|十[一])\\s*月|[一二三]季度|上半年|前三季度'
            ) }} then 'part_year_as_full_year'
            when values_from_same_source > 1 then 'conflicting_values'
            when copy_number > 1 then 'duplicate_row'
        end as rule
    from grouped
)

select
    *,
    case rule
        when 'superseded' then {{ format_text('已被更正:{} 是同名文件的新版本,本行作为历史保留', ['superseded_by']) }}
        when 'malformed_row' then parse_error
        when 'unknown_region' then {{ format_text('unknown region "{}": not a name, alias or code in seeds/reference/regions.csv', ['region_as_written']) }}
        when 'unknown_metric' then {{ format_text('unknown metric "{}": not a code in seeds/reference/metrics.csv', ['metric_code']) }}
        when 'bad_year' then {{ format_text('year "{}" is not a four-digit year', ['year_as_written']) }}
        when 'implausible_year' then {{ format_text('year {} is outside {}..{}', ['year', var('first_plausible_year'), 'extract(year from current_date)']) }}
        when 'bad_period' then {{ format_text('period "{}" is neither Y nor M01-Mnn (January to month nn)', ['period']) }}
        when 'value_not_a_number' then {{ format_text('value "{}" is not a number (write the figure only, e.g. 15 not 约15)', ['value_as_written']) }}
        when 'unknown_unit' then {{ format_text('unit "{}" is not in seeds/reference/units.csv', ['unit_as_written']) }}
        when 'unit_mismatch' then {{ format_text('unit "{}" cannot express {} (catalog unit {})', ['unit_as_written', 'metric_code', 'unit']) }}
        when 'bad_quality' then {{ format_text('quality "{}" is not official/preliminary/secondary/extracted (optionally ;unverified)', ['quality']) }}
        when 'negative_count' then {{ format_text('{} cannot be negative ({})', ['metric_code', double_as_text('value')]) }}
        when 'fractional_count' then {{ format_text('{} is a count but the value is {}', ['metric_code', double_as_text('value')]) }}
        when 'growth_out_of_range' then {{ format_text('growth {}% is outside -100..500%', [double_as_text('value')]) }}
        when 'share_out_of_range' then {{ format_text('share/ratio {}% is outside its plausible range', [double_as_text('value')]) }}
        when 'level_out_of_range' then {{ format_text('{} {} 亿元 is implausible for a {}', ['metric_code', double_as_text('value'), 'region_level']) }}
        when 'part_year_as_full_year' then 'period is Y (full year) but the source describes part of a year; use M01-Mnn'
        when 'conflicting_values' then {{ format_text('{} different values for the same figure from the same source and quality; '
                                                   ~ 'if one is a correction, drop the corrected file again under the original '
                                                   ~ 'file name (the old version is kept as history)', ['values_from_same_source']) }}
        when 'duplicate_row' then {{ format_text('duplicate of {}', ['first_copy']) }}
    end as reason
from checked
