{#- DuckDB's `* exclude (excluded)`. Spark has no such star, so there the columns are listed from
    `columns_of`, a built upstream relation whose columns, less the excluded ones, are exactly
    what the star keeps (the model says which one; Spark reads them from its catalog when the
    model runs, and `*` stands in while dbt only parses). DuckDB keeps its own star: nothing is
    introspected there. -#}
{% macro star_except(excluded, columns_of) -%}
    {{ return(adapter.dispatch('star_except')(excluded, columns_of)) }}
{%- endmacro %}

{% macro default__star_except(excluded, columns_of) -%}
    * exclude ({{ excluded | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(excluded, columns_of) -%}
    {%- if not execute -%}{{ return('*') }}{%- endif -%}
    {%- set names = adapter.get_columns_in_relation(columns_of) | map(attribute='name') | list -%}
    {%- if not names -%}
        {{ exceptions.raise_compiler_error("star_except: no columns found for " ~ columns_of) }}
    {%- endif -%}
    {{ return(names | reject('in', excluded) | join(', ')) }}
{%- endmacro %}
