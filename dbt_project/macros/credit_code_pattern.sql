{#- 统一社会信用代码 (GB 32100-2015): 18 characters; the alphabet leaves out I, O, S, V and Z.
    The check digit is not verified here (see docs/firm_sources.md). -#}
{% macro credit_code_pattern() -%}
'^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'
{%- endmacro %}
