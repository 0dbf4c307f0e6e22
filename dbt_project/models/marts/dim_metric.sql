select
    metric_code,
    name_zh,
    name_en,
    unit,
    kind,
    family,
    case family
        when 'output_value' then '产值与增加值'
        when 'above_scale_firms' then '规上工业企业'
        when 'tech_renovation' then '技改投资'
        when 'rd_intensity' then '研发投入'
        when 'investment' then '投资'
        when 'enterprise' then '企业培育'
        when 'context' then '宏观背景'
        else '其他目标'
    end as family_zh,
    family in ('output_value', 'above_scale_firms', 'tech_renovation', 'rd_intensity') as is_core_family,
    kind in ('level', 'growth', 'count', 'flow', 'share', 'ratio') and family <> 'target_only' as has_statistical_series,
    definition,
    overview_card
from {{ ref('stg_reference__metrics') }}
order by metric_code
