-- Where does a unit's money come from, and how is it spent (basic vs project, by fund)?
select fiscal_year, income_total_wan, income_fiscal_grant_wan, income_business_wan,
    income_other_wan, income_carryover_wan, expenditure_total_wan, expenditure_basic_wan,
    expenditure_project_wan, fund_general_budget_wan, fund_gov_fund_wan
from mart.department_year_totals
where unit_key = $unit_key and doc_kind = 'budget'
order by fiscal_year;
