-- What is a unit's basic expenditure made of: 人员经费 vs 公用经费, by economic class?
select economic_code, economic_name, total_wan, personnel_wan, operating_wan, share_of_total_pct,
    basic_total_wan
from mart.basic_expenditure_composition
where unit_key = $unit_key and fiscal_year = $fiscal_year and doc_kind = 'budget'
order by economic_code;
