-- The office's review decisions, typed. The columns of an added target (doc_id, clause_text,
-- value_text) and reviewed_at came later: a reviews file written before them still loads.
{%- set present = [] -%}
{%- if execute -%}
    {%- for column in adapter.get_columns_in_relation(source('raw', 'target_reviews')) -%}
        {%- do present.append(column.name | lower) -%}
    {%- endfor -%}
{%- endif %}
select
    source_file,
    cast(line as integer) as source_line,
    trim(target_id) as target_id,
    lower(trim(decision)) as decision,
    nullif(trim(metric), '') as metric_code,
    nullif(trim(comparator), '') as comparator,
    try_cast(nullif(trim(value), '') as double) as value,
    try_cast(nullif(trim(value_low), '') as double) as value_low,
    try_cast(nullif(trim(value_high), '') as double) as value_high,
    nullif(trim(unit), '') as unit,
    try_cast(nullif(trim(target_year), '') as integer) as target_year,
    nullif(trim(subject_region), '') as subject_region,
    nullif(trim(industry), '') as industry,
    nullif(trim(reviewer), '') as reviewer,
    try_strptime(nullif(trim(reviewed_on), ''), '%Y-%m-%d')::date as reviewed_on,
    nullif(trim(note), '') as note,
    {% if 'doc_id' in present %}nullif(trim(doc_id), ''){% else %}cast(null as varchar){% endif %} as doc_id,
    -- the exact span of the document text (not trimmed: it is searched for in the text)
    {% if 'clause_text' in present %}nullif(clause_text, ''){% else %}cast(null as varchar){% endif %} as clause_text,
    {% if 'value_text' in present %}nullif(trim(value_text), ''){% else %}cast(null as varchar){% endif %} as value_text,
    -- ISO 8601 with the offset, as orchestration/reviews.py writes it
    {% if 'reviewed_at' in present %}nullif(trim(reviewed_at), ''){% else %}cast(null as varchar){% endif %} as reviewed_at
from {{ source('raw', 'target_reviews') }}
