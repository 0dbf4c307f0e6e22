{#- How a value expected at the due date (a projection, or a point-in-time value) stands against a
    target: on_track when it meets it, at_risk within progress_at_risk_gap of it, else off_track.
    The one definition, shared by the level, public-outcome and point-in-time report rules. -#}
{% macro gap_status(value, threshold, comparator) -%}
    case
        when (case when {{ comparator }} = '<=' then {{ value }} <= {{ threshold }} else {{ value }} >= {{ threshold }} end)
            then 'on_track'
        when {{ comparator }} <> '<=' and {{ value }} >= {{ threshold }} * (1 - {{ var('progress_at_risk_gap') }}) then 'at_risk'
        when {{ comparator }} = '<=' and {{ value }} <= {{ threshold }} * (1 + {{ var('progress_at_risk_gap') }}) then 'at_risk'
        else 'off_track'
    end
{%- endmacro %}
