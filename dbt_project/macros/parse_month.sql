{#
  A month as the firm-level sources write it (2024-05, 2024/5, 2024年5月, or a date in it), as
  the first day of that month, or null (the row is then quarantined with the month as written).
#}
{% macro parse_month(value) -%}
    {{ return(adapter.dispatch('parse_month')(value)) }}
{%- endmacro %}

{% macro default__parse_month(value) -%}
try_strptime(
    regexp_replace(translate(trim({{ value }}), '０１２３４５６７８９', '0123456789'),
                   '^(\d{4})[-/.年](\d{1,2})(月|[-/.]\d{1,2}日?)?$', '\1-\2-01'),
    '%Y-%m-%d'
)::date
{%- endmacro %}

{#- Spark: the same pattern, its year and month read into make_date (NULL for month 13). -#}
{% macro spark__parse_month(value) -%}
{%- set ascii -%}translate(trim({{ value }}), '０１２３４５６７８９', '0123456789'){%- endset -%}
{%- set layout = '^(\\d{4})[-/.年](\\d{1,2})(月|[-/.]\\d{1,2}日?)?$' -%}
case when {{ regex_search(ascii, layout) }}
     then make_date(cast({{ regex_extract(ascii, layout, 1) }} as int), cast({{ regex_extract(ascii, layout, 2) }} as int), 1)
end
{%- endmacro %}
