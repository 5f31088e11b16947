-- How did a unit's total budget change year over year?
select fiscal_year, doc_kind, amount_wan, prev_amount_wan, change_wan, change_pct, prev_source
from mart.yoy_by_function_class
where unit_key = $unit_key and item_key = 'TOTAL'
order by doc_kind, fiscal_year;
