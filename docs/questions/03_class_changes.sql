-- What drove a unit's change in a year: each class's change, largest first, next to the total?
select item_key, item_name, change_kind, amount_wan, prev_amount_wan, change_wan,
    round(100 * change_wan / sum(change_wan) filter (where level = 1) over (), 2)
        as share_of_change_pct
from mart.yoy_by_function_class
where unit_key = $unit_key and fiscal_year = $fiscal_year and doc_kind = 'budget'
    and level <= 1
order by level, abs(change_wan) desc;
