-- Each money figure stated in the 情况说明 next to the table cell it should equal, with the
-- difference and a match flag (|difference| <= 0.005 万元, the printing precision).
-- Cells are chosen by the rules in figure_specs (row and column labels as regular
-- expressions over labels without printed numbering); a printed 合计 row wins over adding up
-- rows. A blank cell of a printed row counts as 0, and so does a table printed empty for
-- the figures where that means "none" (三公, 政府采购). The narrative's total lists 上年结转
-- among its parts, so total_income/total_expenditure are 收入总计/支出总计 (as in
-- expectations/narrative.json); figures worded 本年收入/本年支出 are current_year_*.
-- yoy_change is checked against this year's 收入总计 minus the previous year's current
-- document of the same kind (as in expectations/year_over_year.json).
-- table_cell names the cells read, as '<row label> × <column> (p. N)' joined by ' + ' when
-- rows are added up, or says why the figure is 0 (row printed blank, table printed empty).
create or replace view mart.narrative_vs_tables as
with figure_specs (fact_key, table_code, row_pattern, column_pattern, zero_when_empty) as (
    values
    ('total_income', 'income_expenditure_summary', '收入总计', '预算数|决算数', false),
    ('current_year_income', 'income_expenditure_summary', '本年收入合计', '预算数|决算数', false),
    ('total_expenditure', 'income_expenditure_summary', '支出总计', '预算数|决算数', false),
    ('current_year_expenditure', 'income_expenditure_summary', '本年支出合计',
        '预算数|决算数', false),
    ('general_budget_income', 'income_expenditure_summary', '一般公共预算拨款收入',
        '预算数|决算数', false),
    ('gov_fund_income', 'income_expenditure_summary', '政府性基金预算拨款收入',
        '预算数|决算数', false),
    ('basic_expenditure', 'expenditure_summary', '合计', '基本支出', false),
    ('project_expenditure', 'expenditure_summary', '合计', '项目支出', false),
    ('three_public_total', 'three_public_expenditure', '合计', '合计', true),
    ('procurement_total', 'gov_procurement', '.*', '合计', true),
    ('fixed_assets_total', 'fixed_assets', '资产总额', '.*(价值|金额).*', false),
    ('operating_cost', 'general_budget_basic_expenditure', '合计', '公用经费', false)
),

documents as (
    select
        document_id,
        file_name,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind
    from core.current_documents
),

narrative as (
    select
        document_id,
        fact_key,
        amount_wan as narrative_wan,
        source_sentence
    from core.current_narrative_facts
    where amount_wan is not null
),

facts as (
    select
        document_id,
        table_code,
        item_code,
        column_name,
        amount_wan,
        page,
        core.label_key(item_name) as item_label
    from core.current_fact_line_items
),

candidate_cells as (
    select
        narrative.document_id,
        narrative.fact_key,
        figure_specs.table_code,
        figure_specs.row_pattern,
        figure_specs.column_pattern,
        figure_specs.zero_when_empty,
        facts.amount_wan,
        facts.item_label,
        facts.column_name,
        facts.page,
        regexp_full_match(facts.item_label, figure_specs.row_pattern) as in_row,
        regexp_full_match(facts.column_name, figure_specs.column_pattern) as in_column
    from narrative
    inner join figure_specs on narrative.fact_key = figure_specs.fact_key
    left join facts
        on narrative.document_id = facts.document_id
        and figure_specs.table_code = facts.table_code
),

table_figures as (
    select
        document_id,
        fact_key,
        table_code,
        case
            when bool_or(in_row and in_column and item_label = '合计')
                then string_agg(distinct cell, ' + ' order by cell)
                    filter (where in_row and in_column and item_label = '合计')
            when bool_or(in_row and in_column)
                then string_agg(distinct cell, ' + ' order by cell)
                    filter (where in_row and in_column)
            when bool_or(in_row) then 'row printed blank: ' || any_value(row_pattern)
            when count(amount_wan) = 0 and bool_and(zero_when_empty) then 'table printed empty'
        end as table_cell,
        case
            when bool_or(in_row and in_column)
                then coalesce(
                    sum(amount_wan) filter (where in_row and in_column and item_label = '合计'),
                    sum(amount_wan) filter (where in_row and in_column)
                )
            when bool_or(in_row) then 0
            when count(amount_wan) = 0 and bool_and(zero_when_empty) then 0
        end as table_wan
    from (
        select
            *,
            item_label || ' × ' || column_name || ' (p. ' || page || ')' as cell
        from candidate_cells
    )
    group by document_id, fact_key, table_code
),

grand_totals as (
    select
        document_id,
        dept_code,
        unit_key,
        fiscal_year,
        doc_kind,
        sum(amount_wan) as total_wan
    from core.current_fact_line_items
    where table_code = 'income_expenditure_summary'
        and side = 'income'
        and core.label_key(item_name) = '收入总计'
        and column_name in ('预算数', '决算数')
    group by document_id, dept_code, unit_key, fiscal_year, doc_kind
),

yoy_figures as (
    select
        cur.document_id,
        'yoy_change' as fact_key,
        'income_expenditure_summary' as table_code,
        '收入总计 × 预算数/决算数, this year − previous year' as table_cell,
        cur.total_wan - prev.total_wan as table_wan
    from grand_totals as cur
    inner join grand_totals as prev
        on cur.unit_key = prev.unit_key
        and cur.doc_kind = prev.doc_kind
        and cur.fiscal_year - 1 = prev.fiscal_year
),

compared as (
    select
        narrative.document_id,
        narrative.fact_key,
        narrative.narrative_wan,
        figures.table_code,
        figures.table_cell,
        figures.table_wan,
        narrative.source_sentence
    from narrative
    inner join (
        select * from table_figures
        union all
        select * from yoy_figures
    ) as figures
        on narrative.document_id = figures.document_id
        and narrative.fact_key = figures.fact_key
)

select
    documents.dept_code,
    documents.unit_key,
    documents.dept_name,
    documents.fiscal_year,
    documents.doc_kind,
    documents.file_name,
    compared.fact_key,
    compared.narrative_wan,
    compared.table_code,
    compared.table_cell,
    compared.table_wan,
    compared.narrative_wan - compared.table_wan as difference_wan,
    abs(compared.narrative_wan - compared.table_wan) <= 0.005 as matches,
    compared.source_sentence,
    compared.document_id
from compared
inner join documents on compared.document_id = documents.document_id;
