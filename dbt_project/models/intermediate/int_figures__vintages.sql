-- Accepted figures; each (region, metric, industry, year, period) keeps every vintage and marks
-- exactly one preferred: official > preliminary > aggregated (firm panel, project list) >
-- secondary > extracted, verified before ;unverified,
-- then the later publication, then source title (so the choice is deterministic).
with accepted as (
    select
        checked.*,
        qualities.preference_rank as quality_rank   -- seeds/reference/qualities.csv
    from {{ ref('int_figures__checked') }} as checked
    join {{ ref('stg_reference__qualities') }} as qualities using (quality_base)
    where checked.rule is null
),

ranked as (
    select
        *,
        row_number() over figure_key as vintage_rank,
        count(*) over (partition by region_code, metric_code, industry_code, year, period) as vintage_count
    from accepted
    window figure_key as (
        partition by region_code, metric_code, industry_code, year, period
        order by quality_rank, is_unverified, published_on desc nulls last, source_title, source_file, source_line
    )
),

with_runner_up as (
    select
        ranked.*,
        best.quality as best_quality,
        best.source_title as best_source_title,
        second.quality_rank as second_quality_rank,
        second.quality as second_quality,
        second.is_unverified as second_is_unverified,
        second.published_on as second_published_on
    from ranked
    left join ranked as best
        on best.region_code = ranked.region_code and best.metric_code = ranked.metric_code
        and best.industry_code = ranked.industry_code
        and best.year = ranked.year and best.period = ranked.period and best.vintage_rank = 1
    left join ranked as second
        on second.region_code = ranked.region_code and second.metric_code = ranked.metric_code
        and second.industry_code = ranked.industry_code
        and second.year = ranked.year and second.period = ranked.period and second.vintage_rank = 2
)

select
    -- the identity of a vintage: the figure, its source and quality, and its value
    -- (an economy-wide figure leaves the industry out: concat_ws skips nulls, so its id is unchanged)
    md5(concat_ws('|', region_code, metric_code, year, period, source_title, quality, value,
                  nullif(industry_code, 'all'))) as observation_id,
    * exclude (best_quality, best_source_title, second_quality_rank, second_quality,
               second_is_unverified, second_published_on),
    vintage_rank = 1 as is_preferred,
    case
        when vintage_rank > 1 then format('superseded by "{}" ({})', best_source_title, best_quality)
        when vintage_count = 1 then 'only vintage'
        when second_quality_rank > quality_rank then format('higher quality than the next vintage ({} > {})', quality, second_quality)
        when second_is_unverified and not is_unverified then 'verified year and region beat an ;unverified vintage'
        when second_published_on is null and published_on is not null then format('publication date known ({})', published_on)
        when second_published_on < published_on then format('published later ({} vs {})', published_on, second_published_on)
        else 'same quality and date as another vintage; chosen by source title'
    end as preference_reason
from with_runner_up
