{#- Fails on every combination of `columns` that occurs on more than one row of the model
    (a composite primary key). NULL counts as a value, so two rows that share a NULL are
    duplicates too. Written here because dbt_utils is not reachable offline. -#}
{% test unique_combination(model, columns) %}
    {%- set key = columns | join(', ') -%}
    select {{ key }}, count(*) as row_count
    from {{ model }}
    group by {{ key }}
    having count(*) > 1
{% endtest %}
