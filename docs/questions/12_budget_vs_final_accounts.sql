-- How did a unit's final accounts (决算) compare with its budget (预算) for the same year?
select budget.unit_key, budget.fiscal_year,
    budget.expenditure_total_wan as budget_wan,
    final.expenditure_total_wan as final_accounts_wan,
    final.expenditure_total_wan - budget.expenditure_total_wan as difference_wan
from mart.department_year_totals as budget
inner join mart.department_year_totals as final
    on budget.unit_key = final.unit_key and budget.fiscal_year = final.fiscal_year
where budget.doc_kind = 'budget' and final.doc_kind = 'final_accounts'
order by budget.unit_key, budget.fiscal_year;
