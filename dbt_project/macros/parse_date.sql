{#
  A date as the office types it, or null (the row is then quarantined with the date as written):
  2024-05-31, 2024/5/31, 2024.5.31 and 2024年5月31日, with full-width digits read as ASCII.
  A workbook's date cell already arrives as 2024-05-31 (orchestration/ingest/readers.py).
#}
{% macro parse_date(value) -%}
    {{ return(adapter.dispatch('parse_date')(value)) }}
{%- endmacro %}

{% macro default__parse_date(value) -%}
try_strptime(
    translate(trim({{ value }}), '０１２３４５６７８９', '0123456789'),
    ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日']
)::date
{%- endmacro %}

{#- Spark: each accepted layout as a pattern, the parts read into make_date (NULL for a day that
    does not exist). Months and days of one or two digits, as DuckDB's %m and %d accept. -#}
{% macro spark__parse_date(value) -%}
{%- set ascii -%}translate(trim({{ value }}), '０１２３４５６７８９', '0123456789'){%- endset -%}
{%- set layouts = ['(\\d{4})-(\\d{1,2})-(\\d{1,2})', '(\\d{4})/(\\d{1,2})/(\\d{1,2})',
                   '(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})', '(\\d{4})年(\\d{1,2})月(\\d{1,2})日'] -%}
coalesce(
{%- for layout in layouts %}
    case when {{ regex_full_match(ascii, layout) }} then make_date(
        cast({{ regex_extract(ascii, layout, 1) }} as int), cast({{ regex_extract(ascii, layout, 2) }} as int),
        cast({{ regex_extract(ascii, layout, 3) }} as int)) end{{ ',' if not loop.last }}
{%- endfor %}
)
{%- endmacro %}
