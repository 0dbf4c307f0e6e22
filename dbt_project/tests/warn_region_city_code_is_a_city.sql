-- dim_region.city_code names a prefecture-level city (a row of level city), or is NULL.
-- Warn only: city_code is a convenience for roll-ups; a wrong one mislabels a group/park row but
-- no figure or target. (Fails today for province-wide groups 340088/340089, whose code gives
-- 340000; see the model note.)
{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'dim_region'}}}) }}

select regions.region_code, regions.level, regions.city_code
from {{ ref('dim_region') }} as regions
left join {{ ref('dim_region') }} as cities
    on cities.region_code = regions.city_code and cities.level = 'city'
where regions.city_code is not null and cities.region_code is null
