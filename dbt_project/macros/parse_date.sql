{#
  A date as the office types it, or null (the row is then quarantined with the date as written):
  2024-05-31, 2024/5/31, 2024.5.31 and 2024年5月31日, with full-width digits read as ASCII.
  A workbook's date cell already arrives as 2024-05-31 (orchestration/ingest/readers.py).
#}
{% macro parse_date(value) -%}
try_strptime(
    translate(trim({{ value }}), '０１２３４５６７８９', '0123456789'),
    ['%Y-%m-%d', '%Y/%m/%d', '%Y.%m.%d', '%Y年%m月%d日']
)::date
{%- endmacro %}
