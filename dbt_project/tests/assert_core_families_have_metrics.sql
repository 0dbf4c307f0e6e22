-- The catalog covers every core family the product reports on (seeds/reference/families.csv).
{{ config(meta={'dagster': {'ref': {'name': 'dim_metric'}}}) }}

select families.family
from {{ ref('stg_reference__families') }} as families
where families.is_core
  and not exists (select 1 from {{ ref('dim_metric') }} as metrics where metrics.family = families.family)
