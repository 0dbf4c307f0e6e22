{#- Contracts on Spark. The YAML declares DuckDB's type names (varchar, varchar[]), which the
    README's data dictionary and the DuckDB contracts read; Spark has no bare varchar, so the
    contract check's empty-schema query casts to Spark's names for the same types. The check
    itself (names, order and types of the model's columns) is dbt's, unchanged. -#}
{% macro spark_type_of(data_type) -%}
    {%- set spark_names = {'varchar': 'string', 'varchar[]': 'array<string>', 'text': 'string'} -%}
    {{ return(spark_names.get(data_type | trim | lower, data_type)) }}
{%- endmacro %}

{% macro spark__get_empty_schema_sql(columns) -%}
    {%- set spark_columns = {} -%}
    {%- for name, column in columns.items() -%}
        {%- set spark_column = {} -%}
        {%- do spark_column.update(column) -%}
        {%- if column.get('data_type') is not none -%}
            {%- do spark_column.update({'data_type': spark_type_of(column['data_type'])}) -%}
        {%- endif -%}
        {%- do spark_columns.update({name: spark_column}) -%}
    {%- endfor -%}
    {{ dbt.default__get_empty_schema_sql(spark_columns) }}
{%- endmacro %}
