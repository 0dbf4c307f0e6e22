-- 总览 KPI cards: for each region, each card metric of the catalog (dim_metric.overview_card) and
-- each year the region has figures or targets for, plus the latest (card_year NULL), the one
-- figure the card shows, the figure a year before it, and the target it is set against.
-- The rules, in one place:
-- - figure: the preferred figure of the year with the latest period, a full-year figure before a
--   year-to-date one of the same month; for the latest card, of the latest year;
-- - previous: the preferred figure of the same period a year before (levels, counts and flows);
-- - target: the region's targets on the metric for the whole industry (or manufacturing), the one
--   due earliest that is not yet past the card's year (the figure's year for the latest card).
with cards as (
    select metric_code, overview_card, family, kind
    from {{ ref('dim_metric') }}
    where overview_card is not null
),

preferred as (
    select observation_id, region_code, metric_code, year, period, period_end_month, is_full_year,
           value, unit, quality, source_title, source_url
    from {{ ref('fct_indicator_observation') }}
    where is_preferred and industry_code = 'all' and metric_code in (select metric_code from cards)
),

targets as (
    select target_id, doc_id, span_start, region_code, metric_code, target_year
    from {{ ref('fct_policy_target') }}
    where metric_code in (select metric_code from cards)
      and coalesce(industry_code, 'all') in ('all', 'manufacturing')
),

region_years as (
    select region_code, year from {{ ref('fct_indicator_observation') }} where is_preferred
    union
    select region_code, target_year from {{ ref('fct_policy_target') }} where target_year is not null
),

slots as (
    select regions.region_code, cards.metric_code, cards.overview_card, cards.family, cards.kind,
           cast(null as integer) as card_year
    from {{ ref('dim_region') }} as regions
    cross join cards
    where regions.level <> 'group'
    union all
    select region_years.region_code, cards.metric_code, cards.overview_card, cards.family, cards.kind,
           region_years.year
    from region_years
    join {{ ref('dim_region') }} as regions on regions.region_code = region_years.region_code and regions.level <> 'group'
    cross join cards
),

figure as (
    select slots.region_code, slots.metric_code, slots.card_year, preferred.observation_id, preferred.year,
           preferred.period, preferred.value, preferred.unit, preferred.quality, preferred.source_title,
           preferred.source_url,
           row_number() over (
               partition by slots.region_code, slots.metric_code, slots.card_year
               order by preferred.year desc, preferred.period_end_month desc, preferred.is_full_year desc,
                        preferred.observation_id
           ) as pick
    from slots
    join preferred
      on preferred.region_code = slots.region_code
     and preferred.metric_code = slots.metric_code
     and (slots.card_year is null or preferred.year = slots.card_year)
),

shown as (
    select
        slots.region_code, slots.metric_code, slots.overview_card, slots.family, slots.kind, slots.card_year,
        figure.observation_id, figure.year, figure.period, figure.value, figure.unit, figure.quality,
        figure.source_title, figure.source_url
    from slots
    left join figure
      on figure.region_code = slots.region_code
     and figure.metric_code = slots.metric_code
     and figure.card_year is not distinct from slots.card_year
     and figure.pick = 1
),

previous as (
    select shown.region_code, shown.metric_code, shown.card_year,
           preferred.observation_id as previous_observation_id, preferred.value as previous_value,
           row_number() over (
               partition by shown.region_code, shown.metric_code, shown.card_year order by preferred.observation_id
           ) as pick
    from shown
    join preferred
      on preferred.region_code = shown.region_code
     and preferred.metric_code = shown.metric_code
     and preferred.year = shown.year - 1
     and preferred.period = shown.period
    where shown.kind in ('level', 'count', 'flow')
),

matched as (
    select shown.region_code, shown.metric_code, shown.card_year, targets.target_id,
           count(*) over card as targets_matching,
           row_number() over (
               card order by coalesce(targets.target_year, 9999) < coalesce(shown.card_year, shown.year, 0),
                             coalesce(targets.target_year, 9999), targets.doc_id, targets.span_start, targets.target_id
           ) as pick
    from shown
    join targets
      on targets.region_code = shown.region_code
     and targets.metric_code = shown.metric_code
    window card as (partition by shown.region_code, shown.metric_code, shown.card_year)
)

select
    shown.region_code || '|' || shown.metric_code || '|' || coalesce(cast(shown.card_year as varchar), 'latest') as card_id,
    shown.region_code,
    shown.metric_code,
    shown.overview_card,
    shown.family,
    shown.card_year,
    shown.observation_id,
    shown.year,
    shown.period,
    shown.value,
    shown.unit,
    shown.quality,
    shown.source_title,
    shown.source_url,
    previous.previous_observation_id,
    previous.previous_value,
    shown.value - previous.previous_value as change_from_previous,
    matched.target_id,
    coalesce(matched.targets_matching, 0) as targets_matching
from shown
left join previous
  on previous.region_code = shown.region_code and previous.metric_code = shown.metric_code
 and previous.card_year is not distinct from shown.card_year and previous.pick = 1
left join matched
  on matched.region_code = shown.region_code and matched.metric_code = shown.metric_code
 and matched.card_year is not distinct from shown.card_year and matched.pick = 1
order by shown.region_code, shown.card_year nulls first, shown.overview_card
