{#- Fails on every row where the boolean SQL `expression` is false or NULL (a row rule that
    spans several columns). -#}
{% test expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not coalesce(({{ expression }}), false)
{% endtest %}
