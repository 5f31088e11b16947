-- Stored as the table mart.narrative_vs_tables (pipelines/warehouse/marts.py): this select builds it, and
-- with $unit_keys (a list; NULL = every unit) recomputes only those units' rows.
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
        doc_kind,
        scope
    from core.current_documents
    where mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
),

narrative as (
    select
        document_id,
        fact_key,
        amount_wan as narrative_wan,
        source_sentence
    from core.current_narrative_facts
    where amount_wan is not null
        and mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
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
    where mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
),

-- The row patterns are matched once per distinct printed label, not once per cell: at ~30k
-- documents matching every cell of every table took minutes.
row_labels as (
    select distinct
        figure_specs.fact_key,
        labels.table_code,
        labels.item_label
    from (
        select distinct
            table_code,
            item_label
        from facts
        where table_code in (select table_code from figure_specs)
    ) as labels
    inner join figure_specs on labels.table_code = figure_specs.table_code
    where regexp_full_match(labels.item_label, figure_specs.row_pattern)
),

-- How many times the narrative states each figure (the 情况说明 reader keeps the first, so
-- once): a figure stated twice counts its cells twice, as it always has.
statements as (
    select
        document_id,
        fact_key,
        count(*) as times_stated
    from narrative
    group by document_id, fact_key
),

-- The cells in a figure's row(s), with whether they are in its column.
row_cells as (
    select
        statements.document_id,
        statements.fact_key,
        statements.times_stated,
        facts.amount_wan,
        facts.item_label,
        regexp_full_match(facts.column_name, figure_specs.column_pattern) as in_column,
        facts.item_label || ' × ' || facts.column_name || ' (p. ' || facts.page || ')' as cell
    from statements
    inner join figure_specs on statements.fact_key = figure_specs.fact_key
    inner join row_labels on statements.fact_key = row_labels.fact_key
    inner join facts
        on statements.document_id = facts.document_id
        and row_labels.table_code = facts.table_code
        and row_labels.item_label = facts.item_label
),

rows_read as (
    select
        document_id,
        fact_key,
        bool_or(in_column and item_label = '合计') as has_total_cell,
        bool_or(in_column) as has_cell,
        string_agg(distinct cell, ' + ' order by cell) filter (
            where in_column and item_label = '合计'
        ) as total_cells,
        string_agg(distinct cell, ' + ' order by cell) filter (where in_column) as cells,
        any_value(times_stated) * coalesce(
            sum(amount_wan) filter (where in_column and item_label = '合计'),
            sum(amount_wan) filter (where in_column)
        ) as cells_wan
    from row_cells
    group by document_id, fact_key
),

-- Whether each table of a stated figure printed any cell at all.
printed_tables as (
    select distinct
        document_id,
        table_code
    from facts
    where table_code in (select table_code from figure_specs)
        and document_id in (select document_id from narrative)
),

table_figures as (
    select
        statements.document_id,
        statements.fact_key,
        figure_specs.table_code,
        case
            when rows_read.has_total_cell then rows_read.total_cells
            when rows_read.has_cell then rows_read.cells
            when rows_read.document_id is not null
                then 'row printed blank: ' || figure_specs.row_pattern
            when printed_tables.document_id is null and figure_specs.zero_when_empty
                then 'table printed empty'
        end as table_cell,
        case
            when rows_read.has_cell then rows_read.cells_wan
            when rows_read.document_id is not null then 0
            when printed_tables.document_id is null and figure_specs.zero_when_empty then 0
        end as table_wan
    from statements
    inner join figure_specs on statements.fact_key = figure_specs.fact_key
    left join rows_read
        on statements.document_id = rows_read.document_id
        and statements.fact_key = rows_read.fact_key
    left join printed_tables
        on statements.document_id = printed_tables.document_id
        and figure_specs.table_code = printed_tables.table_code
),

grand_totals as (
    select
        document_id,
        dept_code,
        unit_key,
        fiscal_year,
        doc_kind,
        scope,
        sum(amount_wan) as total_wan
    from core.current_fact_line_items
    where table_code = 'income_expenditure_summary'
        and side = 'income'
        and core.label_key(item_name) = '收入总计'
        and column_name in ('预算数', '决算数')
        and mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
    group by document_id, dept_code, unit_key, fiscal_year, doc_kind, scope
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
        and cur.scope = prev.scope
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
    documents.scope,
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
inner join documents on compared.document_id = documents.document_id
