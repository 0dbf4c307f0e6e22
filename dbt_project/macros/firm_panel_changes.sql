{#-
  What changed since each firm-panel model was last built (see partitions.sql): each macro is a
  select of the partition keys to recompute, run in the model's pre-hook, reading `{{ this }}`
  as it was.
-#}

{#- stg_firms__months: one partition per received file version -#}
{% macro file_version_keys(row) -%}
    {{ return([('source_file', row ~ '.source_file'), ('file_sha256', "coalesce(" ~ row ~ ".file_sha256, '')")]) }}
{%- endmacro %}

{#- int_firms__months_checked and fct_firm_month: one partition per firm and year, the widest
    reach of their rules (a firm-month; cumulative from January within a year) -#}
{% macro firm_year_keys(row) -%}
    {{ return([('firm_key', "coalesce(" ~ row ~ ".credit_code, '')"),
               ('period_year', "coalesce(year(" ~ row ~ ".period_month), 0)")]) }}
{%- endmacro %}

{% macro firm_year_of(rows) -%}
    select distinct coalesce(credit_code, '') as firm_key, coalesce(year(period_month), 0) as period_year
    from ({{ rows }}) as changed_rows
{%- endmacro %}


{#- file versions that arrived, changed (a newer version supersedes the older one) or went -#}
{% macro stg_firms__months_changes() -%}
    with received as (
        select distinct source_file, coalesce(file_sha256, '') as file_sha256, nullif(superseded_by, '') as superseded_by
        from {{ source('firm_raw', 'firm_months') }}
    ),
    built as (
        select distinct source_file, coalesce(file_sha256, '') as file_sha256, superseded_by from {{ this }}
    )
    select distinct source_file, file_sha256 from (
        select * from (select * from received except select * from built) as arrived
        union all
        select * from (select * from built except select * from received) as gone
    ) as changed
{%- endmacro %}


{#- rows of `built` from a file version `now` no longer holds (a file taken out of the inbox):
    the distinct versions are few, so this is two small aggregates and a semi-join -#}
{% macro rows_of_gone_files(built, now) -%}
    select built.credit_code, built.period_month from {{ built }} as built
    where exists (
        select 1 from (
            select distinct source_file, coalesce(file_sha256, '') as file_sha256 from {{ built }}
            except select distinct source_file, coalesce(file_sha256, '') from {{ now }}
        ) as gone
        where gone.source_file = built.source_file and gone.file_sha256 = coalesce(built.file_sha256, ''))
{%- endmacro %}


{#- firm-years with a row staged since the last build, or a row whose file is gone; firm-years
    with a future month (it may have become the past); every year of a firm whose register
    spells changed (its unregistered_firm rule) -#}
{% macro int_firms__months_checked_changes() -%}
    {%- set staged = ref('stg_firms__months') -%}
    {{ firm_year_of("
        select credit_code, period_month from " ~ staged ~ " where built_at > " ~ last_built_at() ~ "
        union all " ~ rows_of_gone_files(this, staged) ~ "
        union all
        select credit_code, period_month from " ~ this ~ " where rule = 'future_month'
        union all
        select credit_code, period_month from " ~ staged ~ " where credit_code in (
            select credit_code from " ~ ref('int_firms__register_versions') ~ " where logged_at > " ~ last_built_at() ~ ")
    ") }}
{%- endmacro %}


{#- firm-years int_firms__months_checked rebuilt since the last build (it recomputes every year
    of a firm whose spells changed, so 规上 status and industry follow), or whose file is gone -#}
{% macro fct_firm_month_changes() -%}
    {%- set checked = ref('int_firms__months_checked') -%}
    {{ firm_year_of("
        select credit_code, period_month from " ~ checked ~ " where built_at > " ~ last_built_at() ~ "
        union all " ~ rows_of_gone_files(this, checked) ~ "
    ") }}
{%- endmacro %}
