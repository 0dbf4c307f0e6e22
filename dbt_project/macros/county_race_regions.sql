{#- The regions that take part in 县区赛马, ranked within their city (dim_region.in_county_race),
    for fct_county_race (figures) and fct_county_target_board (targets). -#}
{% macro county_race_regions() -%}
    select region_code, region_name, level, city_code
    from {{ ref('dim_region') }}
    where in_county_race
{%- endmacro %}
