-- Active targets with what progress needs: metric kind, the threshold to meet, the window the
-- target runs over, and which method judges it.
with reviewed as (
    select * from {{ ref('int_targets__reviewed') }} where review_status <> 'rejected'
),

documents as (
    select doc_id, published_year, published_on from {{ ref('stg_policies__documents') }}
),

-- a horizon without an end year ("3-5年") is due at its far end, counted from the policy year
targets as (
    select
        reviewed.* exclude (target_year),
        reviewed.target_year as stated_target_year,
        coalesce(
            reviewed.target_year,
            documents.published_year
                + try_cast(regexp_extract(reviewed.period, 'multi_year:(?:\d+-)?(\d+)年', 1) as integer)
        ) as target_year
    from reviewed
    left join documents using (doc_id)
),

metrics as (
    select * from {{ ref('stg_reference__metrics') }}
),

judged as (
select
    targets.target_id,
    targets.doc_id,
    targets.region_code,
    targets.industry_code,
    -- the industry of the series that judges it: economy-wide and manufacturing-wide targets
    -- read the economy-wide figures (as bulletins give them), others their industry's own
    case when coalesce(targets.industry_code, 'all') in ('all', 'manufacturing') then 'all'
         else targets.industry_code end as observed_industry_code,
    targets.metric_code,
    metrics.kind as metric_kind,
    metrics.family as metric_family,
    targets.comparator,
    case when targets.comparator = 'range' then targets.value_low else targets.value end as threshold,
    targets.unit,
    targets.target_year,
    targets.stated_target_year is null and targets.target_year is not null as is_due_year_derived,
    targets.period,
    targets.redacted,
    coalesce(documents.published_year, targets.target_year) as policy_year,
    {{ evaluation_date() }} as evaluation_date,
    -- an annual target runs over its own year; a by-year target from the policy's year on
    make_date(coalesce(case when targets.period = 'annual' then targets.target_year end,
                       documents.published_year, targets.target_year), 1, 1) as window_start,
    case when targets.target_year is not null then make_date(targets.target_year, 12, 31) end as window_end,
    case
        when targets.redacted then 'withheld'
        when metrics.family = 'target_only' or metrics.kind is null then 'report'
        when metrics.kind = 'growth' then 'growth'
        when targets.comparator = 'increase_by' or metrics.kind = 'flow' then 'increment'
        when targets.comparator = 'growth_at_least' then 'report'
        else 'level'
    end as method
from targets
left join metrics using (metric_code)
left join documents using (doc_id)
)

select
    *,
    -- no bulletin publishes this series, so its responsible unit reports it (月调度) until a
    -- firm-level source judges it: a target judged by reports, an industry's own output (the firm
    -- panel) or a count of 技改 projects (the project list)
    method = 'report'
    or (method = 'level' and observed_industry_code <> 'all' and metric_code = 'industrial_output_value')
    or metric_code in ('tech_renovation_projects', 'tech_renovation_key_projects') as is_reported_by_units
from judged
