-- Accepted figures; each (region, metric, industry, year, period) keeps every vintage and marks
-- exactly one preferred: official > preliminary > aggregated (firm panel, project list) >
-- secondary > extracted, verified before ;unverified,
-- then the later publication, then source title (so the choice is deterministic).
with accepted as (
    select
        checked.*,
        qualities.preference_rank as quality_rank   -- seeds/reference/qualities.csv
    from {{ ref('int_figures__checked') }} as checked
    -- on, not using: Spark would move quality_base to the front of checked.*
    join {{ ref('stg_reference__qualities') }} as qualities on qualities.quality_base = checked.quality_base
    where checked.rule is null
),

ranked as (
    select
        *,
        cast(row_number() over figure_key as bigint) as vintage_rank,  -- bigint on Spark too (int there)
        count(*) over (partition by region_code, metric_code, industry_code, year, period) as vintage_count
    from accepted
    -- nulls last spelled out: DuckDB's default, and Spark puts NULLs first in ascending order
    window figure_key as (
        partition by region_code, metric_code, industry_code, year, period
        order by quality_rank, is_unverified, published_on desc nulls last, source_title nulls last, source_file, source_line
    )
)

-- the preferred vintage (best) and the runner-up (second) of each figure, for the reason
select
    -- the identity of a vintage: the figure, its source and quality, and its value
    -- (an economy-wide figure leaves the industry out: concat_ws skips nulls, so its id is unchanged)
    md5(concat_ws('|', ranked.region_code, ranked.metric_code, ranked.year, ranked.period, ranked.source_title,
                  ranked.quality, {{ double_as_text('ranked.value') }}, nullif(ranked.industry_code, 'all'))) as observation_id,
    ranked.*,
    ranked.vintage_rank = 1 as is_preferred,
    case
        when ranked.vintage_rank > 1 then {{ format_text('superseded by "{}" ({})', ['best.source_title', 'best.quality']) }}
        when ranked.vintage_count = 1 then 'only vintage'
        when second.quality_rank > ranked.quality_rank then {{ format_text('higher quality than the next vintage ({} > {})', ['ranked.quality', 'second.quality']) }}
        when second.is_unverified and not ranked.is_unverified then 'verified year and region beat an ;unverified vintage'
        when second.published_on is null and ranked.published_on is not null then {{ format_text('publication date known ({})', ['ranked.published_on']) }}
        when second.published_on < ranked.published_on then {{ format_text('published later ({} vs {})', ['ranked.published_on', 'second.published_on']) }}
        else 'same quality and date as another vintage; chosen by source title'
    end as preference_reason
from ranked
left join ranked as best
    on best.region_code = ranked.region_code and best.metric_code = ranked.metric_code
    and best.industry_code = ranked.industry_code
    and best.year = ranked.year and best.period = ranked.period and best.vintage_rank = 1
left join ranked as second
    on second.region_code = ranked.region_code and second.metric_code = ranked.metric_code
    and second.industry_code = ranked.industry_code
    and second.year = ranked.year and second.period = ranked.period and second.vintage_rank = 2
