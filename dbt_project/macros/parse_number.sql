{#
  A number as a person typed it, or null. One rule for every table the office supplies:
  full-width digits read as ASCII; thousands separators only in the 1,234,567.8 form (a lone
  "8,5" stays unreadable rather than becoming 85); a trailing unit that repeats the row's unit
  ("150亿元" with unit 亿元, "8.5%" with unit %) is dropped. Only a plain decimal is a number:
  the engines' casts also read "nan", "inf", "1e5" and "1_000", which no office means as a
  figure. Anything else is not a number, and the row is quarantined with the value as written.
  Portable: its dialect-specific parts are the cross_db macros ends_with and regex_full_match.
#}
{% macro parse_number(value, unit="''") -%}
{%- set ascii -%}translate(trim({{ value }}), '０１２３４５６７８９．－＋，', '0123456789.-+,'){%- endset -%}
{%- set written_unit -%}trim(coalesce({{ unit }}, '')){%- endset -%}
{%- set bare -%}
case when {{ written_unit }} <> '' and {{ ends_with(ascii, written_unit) }}
     then trim(left({{ ascii }}, length({{ ascii }}) - length({{ written_unit }}))) else {{ ascii }} end
{%- endset -%}
case when {{ regex_full_match(bare, '[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?') }}
     then cast(replace({{ bare }}, ',', '') as double) end
{%- endmacro %}
