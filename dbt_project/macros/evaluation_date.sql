{#- The date target progress is judged at: env KPI_EVALUATION_DATE or var evaluation_date
    (YYYY-MM-DD), else the build day. -#}
{% macro evaluation_date() -%}
    {%- set chosen = env_var('KPI_EVALUATION_DATE', '') or var('evaluation_date') -%}
    {%- if chosen -%} date '{{ chosen }}' {%- else -%} current_date {%- endif -%}
{%- endmacro %}
