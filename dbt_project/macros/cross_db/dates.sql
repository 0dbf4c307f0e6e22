{#- Dates and integer arithmetic. -#}

{#- text as a date when it is exactly YYYY-MM-DD and a real day, else NULL. Spark's to_date
    would depend on spark.sql.legacy.timeParserPolicy; make_date is NULL for 2024-02-30. -#}
{% macro iso_date_or_null(text) -%}
    {{ return(adapter.dispatch('iso_date_or_null')(text)) }}
{%- endmacro %}

{% macro default__iso_date_or_null(text) -%}
    try_strptime({{ text }}, '%Y-%m-%d')::date
{%- endmacro %}

{% macro spark__iso_date_or_null(text) -%}
    case when {{ regex_full_match(text, '\\d{4}-\\d{2}-\\d{2}') }}
         then make_date(cast(substr({{ text }}, 1, 4) as int), cast(substr({{ text }}, 6, 2) as int),
                        cast(substr({{ text }}, 9, 2) as int))
    end
{%- endmacro %}


{#- a // b: integer division, truncating (DuckDB //, Spark div). -#}
{% macro integer_divide(a, b) -%}
    {{ return(adapter.dispatch('integer_divide')(a, b)) }}
{%- endmacro %}

{% macro default__integer_divide(a, b) -%}
    {{ a }} // {{ b }}
{%- endmacro %}

{% macro spark__integer_divide(a, b) -%}
    ({{ a }} div {{ b }})
{%- endmacro %}


{#- A date's month as text, 2024-05 (DuckDB strftime '%Y-%m', Spark date_format 'yyyy-MM'). -#}
{% macro year_month_text(value) -%}
    {{ return(adapter.dispatch('year_month_text')(value)) }}
{%- endmacro %}

{% macro default__year_month_text(value) -%}
    strftime({{ value }}, '%Y-%m')
{%- endmacro %}

{% macro spark__year_month_text(value) -%}
    date_format({{ value }}, 'yyyy-MM')
{%- endmacro %}
