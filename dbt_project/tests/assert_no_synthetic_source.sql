-- The publish gate for generated data: a build that holds a single `synthetic` row (the
-- province generator's, benchmarks/generate_province.py) fails, so it is never published. The
-- inbox already rejects such files (orchestration/ingest/inbox.py); this catches any other way in.
select 'firm_register' as source, count(*) as synthetic_rows
from {{ ref('stg_firms__register') }} where quality = 'synthetic'
having count(*) > 0
union all
select 'firm_months', count(*) from {{ ref('stg_firms__months') }} where quality = 'synthetic' having count(*) > 0
union all
select 'tech_projects', count(*) from {{ ref('stg_firms__projects') }} where quality = 'synthetic' having count(*) > 0
union all
select 'figures', count(*) from {{ ref('stg_bulletins__figures') }} where quality_base = 'synthetic' having count(*) > 0
