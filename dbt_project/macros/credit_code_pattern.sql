{#- 统一社会信用代码 (GB 32100-2015): 18 characters; the alphabet leaves out I, O, S, V and Z.
    A plain pattern: models match it with regex_search (macros/cross_db/regex.sql), which quotes
    it for the engine. -#}
{% macro credit_code_pattern() -%}
    {{ return('^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$') }}
{%- endmacro %}

{#- The check character (the 18th) that GB 32100 gives the first 17 characters of `column`: each
    character is worth its place in the alphabet, weighted by 3^(i-1) mod 31, and the check
    character is the one worth 31 minus the sum mod 31 (0 for 31). A code copied with one wrong
    character fails it, which the pattern alone cannot see: in the register it would count a new
    firm (新增) that does not exist. Plain instr and substr, the same on DuckDB and Spark; only for
    a code that matches credit_code_pattern(). -#}
{% macro credit_code_check_character(column) -%}
    {%- set alphabet = "'0123456789ABCDEFGHJKLMNPQRTUWXY'" -%}
    substr({{ alphabet }}, 1 + (31 - (
        {%- for weight in [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] -%}
            {{ ' + ' if not loop.first }}(instr({{ alphabet }}, substr({{ column }}, {{ loop.index }}, 1)) - 1) * {{ weight }}
        {%- endfor -%}
    ) % 31) % 31, 1)
{%- endmacro %}
