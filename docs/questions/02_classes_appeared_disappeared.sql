-- Which functional classes (类) appeared or disappeared from one year to the next?
select unit_key, dept_name, doc_kind, fiscal_year, item_code, item_name, change_kind,
    amount_wan, prev_amount_wan, change_wan
from mart.yoy_by_function_class
where level = 1 and change_kind in ('appeared', 'disappeared')
order by unit_key, doc_kind, fiscal_year, item_code;
