-- Publicly reported outcomes that are not a catalog series of a plain region (seeds/outcomes), as
-- published, with the targets the data office linked them to. The others load as figures
-- (seeds/bulletins/public_outcomes.csv).
select
    outcomes.outcome_id,
    outcomes.region_as_written,
    outcomes.region_code,
    outcomes.scope,
    outcomes.year,
    outcomes.period,
    outcomes.metric_text,
    outcomes.value,
    outcomes.unit,
    outcomes.quality,
    outcomes.source_title,
    outcomes.source_url,
    outcomes.quote,
    outcomes.note,
    outcomes.target_reported_on,
    coalesce(list(links.target_id order by links.target_id) filter (where links.target_id is not null), []) as linked_target_ids
from {{ ref('stg_outcomes__public') }} as outcomes
left join {{ ref('stg_outcomes__links') }} as links using (outcome_id)
group by all
order by outcomes.outcome_id
