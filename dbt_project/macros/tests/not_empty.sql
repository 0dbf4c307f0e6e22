{#- Fails when the model has no row at all: a mart the app and the progress rules depend on must
    never be published empty. -#}
{% test not_empty(model) %}
    select 1 as empty_model
    where not exists (select 1 from {{ model }})
{% endtest %}
