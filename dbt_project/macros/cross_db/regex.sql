{#- Regular expressions. `pattern` is a plain string (no SQL quotes); both engines read the same
    syntax for what these models use (classes, \d, \s, alternation, anchors). -#}

{#- value contains a match of pattern (DuckDB regexp_matches, Spark rlike). -#}
{% macro regex_search(value, pattern) -%}
    {{ return(adapter.dispatch('regex_search')(value, pattern)) }}
{%- endmacro %}

{% macro default__regex_search(value, pattern) -%}
    regexp_matches({{ value }}, {{ sql_string_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_search(value, pattern) -%}
    ({{ value }} rlike {{ sql_string_literal(pattern) }})
{%- endmacro %}


{#- the whole of value matches pattern (DuckDB regexp_full_match; Spark anchors rlike, with \z
    because Java's $ also matches before a final newline). -#}
{% macro regex_full_match(value, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match')(value, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(value, pattern) -%}
    regexp_full_match({{ value }}, {{ sql_string_literal(pattern) }})
{%- endmacro %}

{% macro spark__regex_full_match(value, pattern) -%}
    ({{ value }} rlike {{ sql_string_literal('^(?:' ~ pattern ~ ')\\z') }})
{%- endmacro %}


{#- group `group` of the first match of pattern in value, '' without a match (both engines). -#}
{% macro regex_extract(value, pattern, group) -%}
    {{ return(adapter.dispatch('regex_extract')(value, pattern, group)) }}
{%- endmacro %}

{% macro default__regex_extract(value, pattern, group) -%}
    regexp_extract({{ value }}, {{ sql_string_literal(pattern) }}, {{ group }})
{%- endmacro %}
