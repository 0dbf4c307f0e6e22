{#- SQL literal of a plain string: single quotes doubled; on Spark backslashes doubled too, since
    Spark's string literals treat backslash as an escape and DuckDB's do not. -#}
{% macro sql_string_literal(text) -%}
    {{ return(adapter.dispatch('sql_string_literal')(text)) }}
{%- endmacro %}

{% macro default__sql_string_literal(text) -%}
    {{ return("'" ~ (text | replace("'", "''")) ~ "'") }}
{%- endmacro %}

{% macro spark__sql_string_literal(text) -%}
    {{ return("'" ~ (text | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'") }}
{%- endmacro %}


{#- A double as text, written as DuckDB writes it (the shortest round-trip digits, plain from
    1e-4 up to 1e16, else 1e+20 / 1.5e-05; '15.0' for a whole number). Ids hash it and reasons
    quote it, so both engines must spell it alike; Spark's own cast prints Java's 1.5E-4 / 1.2E7.
    Not matched: NaN and infinities (DuckDB nan/inf, Java NaN/Infinity), and -0.0. -#}
{% macro double_as_text(value) -%}
    {{ return(adapter.dispatch('double_as_text')(value)) }}
{%- endmacro %}

{% macro default__double_as_text(value) -%}
    cast({{ value }} as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__double_as_text(value) -%}
    {#- Java's Double.toString gives the same shortest digits; only the notation differs. From it:
        the sign, the digits without the point (d0 d1 ...), and the decimal exponent. -#}
    {%- set java -%} cast(abs({{ value }}) as string) {%- endset -%}
    {%- set mantissa -%} regexp_extract({{ java }}, '^([0-9])\\.([0-9]+)E(-?[0-9]+)$', 0) {%- endset -%}
    {%- set digits -%} regexp_replace(concat(regexp_extract({{ java }}, '^([0-9])\\.([0-9]+)E', 1), regexp_extract({{ java }}, '^([0-9])\\.([0-9]+)E', 2)), '0+$', '') {%- endset -%}
    {%- set exponent -%} cast(regexp_extract({{ java }}, 'E(-?[0-9]+)$', 1) as int) {%- endset -%}
    case
        when {{ value }} is null then null
        else concat(
            case when {{ value }} < 0 then '-' else '' end,
            case
                -- Java writes plain notation from 1e-3 to 1e7: the same text as DuckDB
                when {{ mantissa }} = '' then {{ java }}
                -- 1.5E-4 -> 0.00015
                when {{ exponent }} = -4 then concat('0.000', {{ digits }})
                -- 1.23456785E7 -> 12345678.5 ; 1.0E7 -> 10000000.0
                when {{ exponent }} between 7 and 15 then
                    case when length({{ digits }}) <= {{ exponent }} + 1
                         then concat(rpad({{ digits }}, {{ exponent }} + 1, '0'), '.0')
                         else concat(substr({{ digits }}, 1, {{ exponent }} + 1), '.', substr({{ digits }}, {{ exponent }} + 2))
                    end
                -- 1.0E20 -> 1e+20 ; 1.5E-5 -> 1.5e-05
                else concat(
                    substr({{ digits }}, 1, 1),
                    case when length({{ digits }}) > 1 then concat('.', substr({{ digits }}, 2)) else '' end,
                    'e', case when {{ exponent }} < 0 then '-' else '+' end,
                    lpad(cast(abs({{ exponent }}) as string), 2, '0'))
            end)
    end
{%- endmacro %}


{#- DuckDB's format('… {} …', a, b): NULL when any argument is NULL. `template` is a plain string
    with `{}` (an argument as text) and `{:02d}` (an integer, two digits); `args` are SQL
    expressions, doubles wrapped in double_as_text. Spark's format_string would print "null". -#}
{% macro format_text(template, args) -%}
    {{ return(adapter.dispatch('format_text')(template, args)) }}
{%- endmacro %}

{% macro default__format_text(template, args) -%}
    format({{ sql_string_literal(template) }}{% for arg in args %}, {{ arg }}{% endfor %})
{%- endmacro %}

{% macro spark__format_text(template, args) -%}
    {%- set pieces = template.replace('{:02d}', '\x00{:02d}').replace('{}', '\x00{}').split('\x00') -%}
    {%- set parts = [] -%}
    {%- set state = {'arg': 0} -%}
    {%- for piece in pieces -%}
        {%- set literal = piece -%}
        {%- if not loop.first -%}
            {%- set arg = args[state.arg] -%}
            {%- do state.update({'arg': state.arg + 1}) -%}
            {%- if piece.startswith('{:02d}') -%}
                {%- do parts.append("case when " ~ arg ~ " is not null then format_string('%02d', " ~ arg ~ ") end") -%}
                {%- set literal = piece[6:] -%}
            {%- else -%}
                {%- do parts.append("cast(" ~ arg ~ " as string)") -%}
                {%- set literal = piece[2:] -%}
            {%- endif -%}
        {%- endif -%}
        {%- if literal -%}{%- do parts.append(sql_string_literal(literal)) -%}{%- endif -%}
    {%- endfor -%}
    {%- if state.arg != args | length -%}
        {{ exceptions.raise_compiler_error("format_text: " ~ args | length ~ " arguments for " ~ state.arg ~ " placeholders in " ~ template) }}
    {%- endif -%}
    ({{ parts | join(' || ') }})
{%- endmacro %}


{#- text ends with suffix (DuckDB suffix(), Spark endswith()). -#}
{% macro ends_with(text, suffix) -%}
    {{ return(adapter.dispatch('ends_with')(text, suffix)) }}
{%- endmacro %}

{% macro default__ends_with(text, suffix) -%}
    suffix({{ text }}, {{ suffix }})
{%- endmacro %}

{% macro spark__ends_with(text, suffix) -%}
    endswith({{ text }}, {{ suffix }})
{%- endmacro %}


{#- text starts with prefix (DuckDB starts_with(), Spark startswith()). -#}
{% macro starts_with(text, prefix) -%}
    {{ return(adapter.dispatch('starts_with')(text, prefix)) }}
{%- endmacro %}

{% macro default__starts_with(text, prefix) -%}
    starts_with({{ text }}, {{ prefix }})
{%- endmacro %}

{% macro spark__starts_with(text, prefix) -%}
    startswith({{ text }}, {{ prefix }})
{%- endmacro %}
