{#- 统一社会信用代码 (GB 32100-2015): 18 characters; the alphabet leaves out I, O, S, V and Z.
    The check digit is not verified here (see docs/firm_sources.md). A plain pattern: models
    match it with regex_search (macros/cross_db/regex.sql), which quotes it for the engine. -#}
{% macro credit_code_pattern() -%}
    {{ return('^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$') }}
{%- endmacro %}
