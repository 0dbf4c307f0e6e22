select
    metrics.metric_code,
    metrics.name_zh,
    metrics.name_en,
    metrics.unit,
    metrics.kind,
    metrics.family,
    families.name_zh as family_zh,
    families.is_core as is_core_family,
    metrics.kind in ('level', 'growth', 'count', 'flow', 'share', 'ratio') and metrics.family <> 'target_only'
        as has_statistical_series,
    metrics.definition,
    metrics.overview_card
from {{ ref('stg_reference__metrics') }} as metrics
join {{ ref('stg_reference__families') }} as families using (family)
order by metrics.metric_code
