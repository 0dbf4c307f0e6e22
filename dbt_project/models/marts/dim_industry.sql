select
    industries.industry_code,
    industries.industry_name,
    industries.parent_code,
    parent.industry_name as parent_name,
    industries.level,
    industries.aliases,
    industries.note
from {{ ref('stg_reference__industries') }} as industries
left join {{ ref('stg_reference__industries') }} as parent
    on parent.industry_code = industries.parent_code
order by industries.industry_code
