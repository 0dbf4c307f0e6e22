-- Each firm's accepted register spells as a fingerprint, one row each time they change (the
-- first build logs every firm; a firm whose spells are all gone logs a null fingerprint). The
-- firm panel's incremental models recompute every year of a firm logged since their last
-- build: its months' unregistered_firm rule and their 规上 status and industry depend on it.
{{ config(materialized=partitioned_materialization(), incremental_strategy='append') }}

with spells_now as (
    select
        credit_code,
        count(*) as spells,
        sum(hash(above_scale_from, above_scale_to, region_code, industry_code)) as fingerprint
    from {{ ref('dim_firm') }}
    group by credit_code
)

{% if is_incremental() %}
, logged as (
    select credit_code, spells, fingerprint
    from {{ this }}
    qualify row_number() over (partition by credit_code order by logged_at desc) = 1
)

select
    coalesce(spells_now.credit_code, logged.credit_code) as credit_code,
    spells_now.spells,
    spells_now.fingerprint,
    {{ build_timestamp() }} as logged_at
from spells_now
full join logged on logged.credit_code = spells_now.credit_code
where spells_now.fingerprint is distinct from logged.fingerprint
    or spells_now.spells is distinct from logged.spells
{% else %}
select credit_code, spells, fingerprint, {{ build_timestamp() }} as logged_at from spells_now
{% endif %}
