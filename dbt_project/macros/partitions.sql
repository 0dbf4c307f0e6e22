{#-
  Incremental by partition, for the firm panel (millions of firm-month rows): a run recomputes
  only the partitions whose inputs changed and leaves the rest of history where it is.

  Such a model is configured `{{ config(**partitioned('<its changes macro>', '<its keys macro>')) }}`
  and on an incremental run its body selects only `where {{ in_changed_partitions(keys, alias) }}`.
  The changes macro (firm_panel_changes.sql) is a select of the keys of every partition whose
  inputs changed since the model was last built; it reads `{{ this }}` as it was. The pre-hooks
  write that list to a work table and delete those partitions; the body recomputes them whole.
  So a partition that is now empty goes too, which dbt's delete+insert (keyed on the new rows)
  would leave behind. All of it runs in the model's transaction: a failed run leaves the table
  as it was.

  A keys macro takes a row alias and returns [(column of the list, expression over the row)].
  Every row carries `built_at` (the invocation's start), so a model knows which rows of the
  model before it changed after its own last build, even if that build failed.

  Spark builds these models whole (`table`): a pooled build starts from nothing.
-#}

{% macro partitioned_materialization() -%}
    {{ return('incremental' if target.type == 'duckdb' else 'table') }}
{%- endmacro %}


{#- the config of a model incremental by partition: materialization, strategy and hooks -#}
{% macro partitioned(changes, keys) -%}
    {{ return({
        'materialized': partitioned_materialization(),
        'incremental_strategy': 'append',
        'pre_hook': ["{{ list_changed_partitions(" ~ changes ~ "()) }}", "{{ delete_changed_partitions(" ~ keys ~ ") }}"],
        'post_hook': "{{ drop_changed_partitions() }}",
    }) }}
{%- endmacro %}


{#- The dbt invocation's start: the same for every model of one run. -#}
{% macro build_timestamp() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as timestamp)
{%- endmacro %}


{#- When the model was last built: its inputs' rows built after this are new to it. -#}
{% macro last_built_at() -%}
    (select coalesce(max(built_at), cast('1900-01-01' as timestamp)) from {{ this }})
{%- endmacro %}


{% macro changed_partitions_table() -%}
    {{ return(this.incorporate(path={'identifier': this.identifier ~ '__changed_partitions'})) }}
{%- endmacro %}


{% macro list_changed_partitions(changes) -%}
    {%- if is_incremental() -%}
        create or replace table {{ changed_partitions_table() }} as {{ changes }}
    {%- endif -%}
{%- endmacro %}


{% macro in_changed_partitions(keys, row) -%}
    exists (select 1 from {{ changed_partitions_table() }} as changed
            where {% for column, expression in keys(row) -%}
                {{ expression }} = changed.{{ column }}{{ ' and ' if not loop.last }}
            {%- endfor %})
{%- endmacro %}


{% macro delete_changed_partitions(keys) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} as built where {{ in_changed_partitions(keys, 'built') }}
    {%- endif -%}
{%- endmacro %}


{% macro drop_changed_partitions() -%}
    {%- if is_incremental() -%} drop table if exists {{ changed_partitions_table() }} {%- endif -%}
{%- endmacro %}
