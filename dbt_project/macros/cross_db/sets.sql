{#- Set-shaped SQL: rows from a list, lists from rows, distinct counts over a window. -#}

{#- One row per piece of text split on delimiter (a plain string), as a select-list item:
    `select {{ split_to_rows('aliases', '|') }} as alias, ...`. Spark's explode cannot sit inside
    another function, so trim or filter the pieces in an outer query. -#}
{% macro split_to_rows(text, delimiter) -%}
    {{ return(adapter.dispatch('split_to_rows')(text, delimiter)) }}
{%- endmacro %}

{% macro default__split_to_rows(text, delimiter) -%}
    unnest(string_split({{ text }}, {{ sql_string_literal(delimiter) }}))
{%- endmacro %}

{% macro spark__split_to_rows(text, delimiter) -%}
    {#- split takes a regex: quote the delimiter; limit -1 keeps empty pieces as string_split does -#}
    explode(split({{ text }}, {{ sql_string_literal('\\Q' ~ delimiter ~ '\\E') }}, -1))
{%- endmacro %}


{#- One row per integer from start to stop - 1 (bigint, as DuckDB's range gives), as a
    select-list item: `select {{ integer_rows(2000, 2036) }} as year`. -#}
{% macro integer_rows(start, stop) -%}
    {{ return(adapter.dispatch('integer_rows')(start, stop)) }}
{%- endmacro %}

{% macro default__integer_rows(start, stop) -%}
    unnest(range({{ start }}, {{ stop }}))
{%- endmacro %}

{% macro spark__integer_rows(start, stop) -%}
    explode(sequence(cast({{ start }} as bigint), cast({{ stop }} as bigint) - 1))
{%- endmacro %}


{#- The non-null values of a group joined by delimiter (a plain string), in ascending order.
    dbt.listagg cannot order on Spark. -#}
{% macro sorted_string_agg(value, delimiter) -%}
    {{ return(adapter.dispatch('sorted_string_agg')(value, delimiter)) }}
{%- endmacro %}

{% macro default__sorted_string_agg(value, delimiter) -%}
    string_agg({{ value }}, {{ sql_string_literal(delimiter) }} order by {{ value }})
{%- endmacro %}

{% macro spark__sorted_string_agg(value, delimiter) -%}
    array_join(array_sort(collect_list({{ value }})), {{ sql_string_literal(delimiter) }})
{%- endmacro %}


{#- The number of distinct non-null values of value over a window (`window` is a window name
    or a parenthesised spec). Spark has no DISTINCT in window functions: it counts the set. -#}
{% macro count_distinct_over(value, window) -%}
    {{ return(adapter.dispatch('count_distinct_over')(value, window)) }}
{%- endmacro %}

{% macro default__count_distinct_over(value, window) -%}
    count(distinct {{ value }}) over {{ window }}
{%- endmacro %}

{% macro spark__count_distinct_over(value, window) -%}
    size(collect_set({{ value }}) over {{ window }})
{%- endmacro %}


{#- value is one of the values of column in relation (NULL when value is NULL), inside a select
    list. Spark allows an IN subquery only in a filter or join, so it searches the collected
    column of an uncorrelated scalar subquery instead (the column must hold no NULLs). -#}
{% macro in_column(value, relation, column) -%}
    {{ return(adapter.dispatch('in_column')(value, relation, column)) }}
{%- endmacro %}

{% macro default__in_column(value, relation, column) -%}
    ({{ value }} in (select {{ column }} from {{ relation }}))
{%- endmacro %}

{% macro spark__in_column(value, relation, column) -%}
    array_contains((select collect_list({{ column }}) from {{ relation }}), {{ value }})
{%- endmacro %}
