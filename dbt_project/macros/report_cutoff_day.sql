{#- The day of the month by which units report on the month before (月调度 cut-off): env
    KPI_REPORT_CUTOFF_DAY (orchestration.settings), else var report_cutoff_day. -#}
{% macro report_cutoff_day() -%}
    {%- set chosen = env_var('KPI_REPORT_CUTOFF_DAY', '') or var('report_cutoff_day') -%}
    {{ chosen | int }}
{%- endmacro %}
