-- Stored as the table mart.department_year_totals (pipelines/warehouse/marts.py): this select builds it, and
-- with $unit_keys (a list; NULL = every unit) recomputes only those units' rows.
-- One row per current document (dept, year, kind): income by source (收入总表 合计 row),
-- expenditure by basic/project (支出总表 合计 row) and appropriations by fund
-- (财政拨款收支总表 本年支出合计 row). A blank cell of a printed total row counts as 0; a table
-- that was not extracted at all leaves its columns null.
with documents as (
    select
        document_id,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind,
        scope
    from core.current_documents
    where mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
        and content <> 'narrative'  -- one row per disclosure: its tables file
),

facts as (
    select
        document_id,
        table_code,
        item_code,
        side,
        column_name,
        amount_wan,
        core.label_key(item_name) as item_label
    from core.current_fact_line_items
    where mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
),

income as (
    select
        document_id,
        coalesce(sum(amount_wan) filter (where column_name = '合计'), 0) as income_total_wan,
        coalesce(sum(amount_wan) filter (where column_name = '小计'), 0)
            as income_current_year_wan,
        coalesce(sum(amount_wan) filter (where column_name = '财政拨款收入'), 0)
            as income_fiscal_grant_wan,
        coalesce(sum(amount_wan) filter (where column_name = '财政专户收入'), 0)
            as income_special_account_wan,
        coalesce(sum(amount_wan) filter (where column_name = '事业收入'), 0)
            as income_business_wan,
        coalesce(sum(amount_wan) filter (where column_name like '%经营收入'), 0)
            as income_operating_wan,
        coalesce(sum(amount_wan) filter (where column_name = '上级补助收入'), 0)
            as income_superior_subsidy_wan,
        coalesce(sum(amount_wan) filter (where column_name = '附属单位上缴收入'), 0)
            as income_affiliated_wan,
        coalesce(sum(amount_wan) filter (where column_name = '其他收入'), 0) as income_other_wan,
        coalesce(sum(amount_wan) filter (where column_name like '上年结转%'), 0)
            as income_carryover_wan
    from facts
    where table_code = 'income_summary' and item_code is null and item_label = '合计'
    group by document_id
),

expenditure as (
    select
        document_id,
        coalesce(sum(amount_wan) filter (where column_name = '合计'), 0)
            as expenditure_total_wan,
        coalesce(sum(amount_wan) filter (where column_name = '基本支出'), 0)
            as expenditure_basic_wan,
        coalesce(sum(amount_wan) filter (where column_name = '项目支出'), 0)
            as expenditure_project_wan
    from facts
    where table_code = 'expenditure_summary' and item_code is null and item_label = '合计'
    group by document_id
),

funds as (
    select
        document_id,
        coalesce(sum(amount_wan) filter (where column_name = '合计'), 0) as fund_total_wan,
        coalesce(sum(amount_wan) filter (where column_name like '一般公共预算%'), 0)
            as fund_general_budget_wan,
        coalesce(sum(amount_wan) filter (where column_name like '政府性基金%'), 0)
            as fund_gov_fund_wan,
        coalesce(sum(amount_wan) filter (where column_name like '国有资本经营%'), 0)
            as fund_state_capital_wan
    from facts
    where table_code = 'fiscal_grant_summary'
        and side = 'expenditure'
        and item_label = '本年支出合计'
    group by document_id
)

select
    documents.dept_code,
    documents.unit_key,
    documents.dept_name,
    documents.fiscal_year,
    documents.doc_kind,
    documents.scope,
    documents.document_id,
    income.income_total_wan,
    income.income_current_year_wan,
    income.income_fiscal_grant_wan,
    income.income_special_account_wan,
    income.income_business_wan,
    income.income_operating_wan,
    income.income_superior_subsidy_wan,
    income.income_affiliated_wan,
    income.income_other_wan,
    income.income_carryover_wan,
    expenditure.expenditure_total_wan,
    expenditure.expenditure_basic_wan,
    expenditure.expenditure_project_wan,
    funds.fund_total_wan,
    funds.fund_general_budget_wan,
    funds.fund_gov_fund_wan,
    funds.fund_state_capital_wan
from documents
left join income on documents.document_id = income.document_id
left join expenditure on documents.document_id = expenditure.document_id
left join funds on documents.document_id = funds.document_id
