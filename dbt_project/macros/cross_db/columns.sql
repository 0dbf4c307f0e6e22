{#- The columns of a built relation, listed (`alias.` before each when given), in its order: what
    a model writes instead of DuckDB's `* exclude (...)`, which Spark lacks, when the columns it
    keeps are exactly an upstream model's. Read from the warehouse when the model runs; while
    dbt parses, nothing is run and `*` stands in. -#}
{% macro relation_columns(relation, alias=none) -%}
    {%- if not execute -%}{{ return('*') }}{%- endif -%}
    {%- set names = [] -%}
    {%- for column in adapter.get_columns_in_relation(relation) -%}
        {%- do names.append((alias ~ '.' if alias else '') ~ column.name) -%}
    {%- endfor -%}
    {%- if not names -%}
        {{ exceptions.raise_compiler_error("relation_columns: no columns found for " ~ relation) }}
    {%- endif -%}
    {{ return(names | join(', ')) }}
{%- endmacro %}
