{#- A trend from (earlier_year, earlier) to (latest_year, latest) carried on to target_year:
    linear for shares and ratios (is_linear), compound for money and counts; NULL without an
    earlier year, once the target year is reached, or from a non-positive base. The one
    definition, shared by the level and public-outcome rules. -#}
{% macro trend_projection(latest, latest_year, earlier, earlier_year, target_year, is_linear) -%}
    case
        when {{ earlier_year }} < {{ latest_year }} and {{ latest_year }} < {{ target_year }} and {{ is_linear }}
            then {{ latest }} + ({{ latest }} - {{ earlier }}) / ({{ latest_year }} - {{ earlier_year }}) * ({{ target_year }} - {{ latest_year }})
        when {{ earlier_year }} < {{ latest_year }} and {{ latest_year }} < {{ target_year }} and {{ earlier }} > 0
            then {{ latest }} * pow({{ latest }} / {{ earlier }}, ({{ target_year }} - {{ latest_year }}) / ({{ latest_year }} - {{ earlier_year }}))
    end
{%- endmacro %}
