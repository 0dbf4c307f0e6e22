-- Increment targets (新增规上工业企业150家; 净增26家): the flow figure of the target year when
-- reported (a year-to-date flow is compared with the share of the year elapsed); otherwise,
-- for firm counts, the difference of the year-end stocks, labelled as derived.
with targets as (
    select *, coalesce(target_year, greatest(policy_year, year(evaluation_date) - 1)) as judged_year
    from {{ ref('int_progress__targets') }}
    where method = 'increment'
),

observations as (
    select * from {{ ref('int_progress__observations') }}
),

flow as (
    select targets.target_id, observations.*
    from targets
    join observations
        on observations.region_code = targets.region_code and observations.metric_code = targets.metric_code
        and observations.industry_code = targets.observed_industry_code
        and observations.year = targets.judged_year
    where targets.metric_kind = 'flow'
    qualify row_number() over (
        partition by targets.target_id order by observations.period_end_month desc, observations.period = 'Y' desc
    ) = 1
),

-- the stock whose year-end difference measures the increment: the target's own count metric,
-- or the firm count behind the firm-addition flows
stock_metric as (
    select
        target_id,
        case when metric_kind = 'count' then metric_code else 'above_scale_industrial_firms' end as stock_metric_code
    from targets
    where metric_kind = 'count' or metric_code in ('above_scale_firms_new', 'above_scale_firms_net_increase')
),

stock_difference as (
    select
        targets.target_id,
        closing.observation_id as closing_id,
        opening.observation_id as opening_id,
        closing.value - opening.value as value,
        opening.citation || ' → ' || closing.citation as citation
    from targets
    join stock_metric using (target_id)
    join observations as closing
        on closing.region_code = targets.region_code and closing.metric_code = stock_metric.stock_metric_code
        and closing.industry_code = targets.observed_industry_code
        and closing.year = targets.judged_year and closing.period = 'Y'
    join observations as opening
        on opening.region_code = targets.region_code and opening.metric_code = stock_metric.stock_metric_code
        and opening.industry_code = targets.observed_industry_code
        and opening.year = targets.judged_year - 1 and opening.period = 'Y'
),

judged as (
    select
        targets.*,
        coalesce(flow.observation_id, stock_difference.closing_id) as observation_id,
        stock_difference.opening_id as baseline_id,
        coalesce(flow.citation, stock_difference.citation) as citation,
        coalesce(flow.value, stock_difference.value) as actual_value,
        case when flow.observation_id is not null then flow.period when stock_difference.closing_id is not null then 'Y' end as actual_period,
        case
            when flow.period = 'Y' then 'full_year'
            when flow.period is not null then 'year_to_date'
            when stock_difference.closing_id is not null then 'stock_difference'
        end as basis,
        coalesce(flow.period_end_month, 12) as end_month
    from targets
    left join flow using (target_id)
    left join stock_difference using (target_id)
)

select
    target_id,
    judged_year,
    observation_id,
    baseline_id,
    citation,
    actual_value,
    case when observation_id is not null then judged_year end as actual_year,
    actual_period,
    basis,
    case
        when observation_id is null and evaluation_date < make_date(judged_year, 1, 1) then 'not_due'
        when observation_id is null then 'no_data'
        when actual_value >= threshold then 'achieved'
        when basis <> 'year_to_date' then 'missed'
        when actual_value >= threshold * end_month / 12 then 'on_track'
        when actual_value >= threshold * end_month / 12 * (1 - {{ var('time_progress_tolerance') }}) then 'at_risk'
        else 'off_track'
    end as status,
    case
        when observation_id is null then format('no {} figure (nor year-end stocks) for region {} in {}', metric_code, region_code, judged_year)
        when basis = 'stock_difference' then format('derived: year-end stock change {} in {} vs target {} (gross additions not published)', actual_value, judged_year, threshold)
        when basis = 'year_to_date' then format('{} added by month {} vs {} due by then', actual_value, end_month, round(threshold * end_month / 12, 1))
        else format('{} added in {} vs target {}', actual_value, judged_year, threshold)
    end as status_reason
from judged
