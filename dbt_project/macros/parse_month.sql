{#
  A month as the firm-level sources write it (2024-05, 2024/5, 2024年5月, or a date in it), as
  the first day of that month, or null (the row is then quarantined with the month as written).
#}
{% macro parse_month(value) -%}
try_strptime(
    regexp_replace(translate(trim({{ value }}), '０１２３４５６７８９', '0123456789'),
                   '^(\d{4})[-/.年](\d{1,2})(月|[-/.]\d{1,2}日?)?$', '\1-\2-01'),
    '%Y-%m-%d'
)::date
{%- endmacro %}
