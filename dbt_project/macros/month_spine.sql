{#- Every first-of-month date from `start_month` to `end_month` (both dates or scalar subqueries),
    as a relation with one column, month_start. Dispatched: each engine has its own series. -#}
{% macro month_spine(start_month, end_month) -%}
    {{ return(adapter.dispatch('month_spine')(start_month, end_month)) }}
{%- endmacro %}

{% macro default__month_spine(start_month, end_month) -%}
(select cast(unnest(generate_series(cast({{ start_month }} as timestamp), cast({{ end_month }} as timestamp),
                                    interval 1 month)) as date) as month_start)
{%- endmacro %}

{#- Spark: sequence() steps dates by an interval; explode makes the rows. -#}
{% macro spark__month_spine(start_month, end_month) -%}
(select explode(sequence(cast({{ start_month }} as date), cast({{ end_month }} as date), interval 1 month)) as month_start)
{%- endmacro %}
