-- Who answers for each target: the 责任单位 of its clause, split, the first listed leading (牵头).
-- A unit is named as its document names it, completed with the issuing region where the name
-- opens on the region's level (市经济和信息化局 in a 宿州市 document is 宿州市经济和信息化局), so two
-- cities' 市经信局 are two units. terms_digest fingerprints what a unit is asked to report on: a
-- form carries it, and a report on a target whose terms have changed since is quarantined.
with targets as (
    select
        targets.*,
        documents.issuing_region,
        md5(concat_ws('|', coalesce(targets.metric_code, ''), coalesce(targets.comparator, ''),
                      coalesce(targets.value::varchar, ''), coalesce(targets.value_low::varchar, ''),
                      coalesce(targets.value_high::varchar, ''), coalesce(targets.unit, ''),
                      coalesce(targets.target_year::varchar, ''), coalesce(targets.region_code, ''))) as terms_digest
    from {{ ref('int_targets__reviewed') }} as targets
    join {{ ref('stg_policies__documents') }} as documents using (doc_id)
    where targets.review_status <> 'rejected'
),

listed as (
    select
        target_id, issuing_region, terms_digest,
        trim(string_split(responsible_units, ';')[position]) as unit_as_written,
        position as unit_order
    from targets, range(1, len(string_split(coalesce(responsible_units, ''), ';')) + 1) as positions(position)
),

named as (
    select
        *,
        case
            when left(unit_as_written, 1) in ('省', '市', '县', '区') and issuing_region like '%' || left(unit_as_written, 1)
                then issuing_region || substr(unit_as_written, 2)
            else unit_as_written
        end as unit_name
    from listed
    where unit_as_written <> ''
)

select
    target_id,
    unit_name,
    unit_as_written,
    unit_order,
    unit_order = min(unit_order) over (partition by target_id) as is_lead,
    terms_digest
from named
qualify row_number() over (partition by target_id, unit_name order by unit_order) = 1
