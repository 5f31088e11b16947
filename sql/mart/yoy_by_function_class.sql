-- Stored as the table mart.yoy_by_function_class (pipelines/warehouse/marts.py): this select builds it, and
-- with $unit_keys (a list; NULL = every unit) recomputes only those units' rows.
-- Year over year by functional class, from 支出总表 (expenditure_summary) column 合计: one row
-- per current document and code printed this year or last year, plus item_key 'TOTAL'
-- (item_code null) for the 合计 row. This year and the previous year's current document of
-- the same unit (unit_key) and kind are joined with a full outer join, so a code printed
-- only last year is kept (change_kind 'disappeared', amount_wan 0) and one printed only this
-- year too ('appeared', prev_amount_wan 0): the 类 rows' changes add up to the TOTAL change.
-- A missing side is 0, not NULL, because the table prints every budgeted code: not printed
-- means nothing budgeted; change_kind says which side was printed. Without last year's
-- document (change_kind 'no_previous_document'), the TOTAL row falls back on the narrative's
-- stated figures (prev_source 'narrative_stated'): 'prev_year_total' when stated, else this
-- year's total − 'yoy_change'; other rows have no previous amount.
with expenditure_rows as (
    select
        document_id,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind,
        scope,
        coalesce(item_code, 'TOTAL') as item_key,
        item_code,
        any_value(item_name) as item_name,
        sum(amount_wan) as amount_wan
    from core.current_fact_line_items
    where table_code = 'expenditure_summary'
        and column_name = '合计'
        and (item_code is not null or core.label_key(item_name) = '合计')
        and mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
    group by all
),

-- Documents that printed the table: only these can say a code appeared or disappeared.
documents_with_rows as (
    select distinct
        document_id,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind,
        scope
    from expenditure_rows
),

stated as (
    select
        document_id,
        any_value(amount_wan) filter (where fact_key = 'prev_year_total') as prev_total_wan,
        any_value(amount_wan) filter (where fact_key = 'yoy_change') as change_wan
    from core.current_narrative_facts
    where mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
    group by document_id
),

-- Every code of this year's table and of last year's, for each year whose document exists.
paired as (
    select
        coalesce(cur.unit_key, prev.unit_key) as unit_key,
        coalesce(cur.doc_kind, prev.doc_kind) as doc_kind,
        coalesce(cur.scope, prev.scope) as scope,
        coalesce(cur.fiscal_year, prev.fiscal_year + 1) as fiscal_year,
        coalesce(cur.item_key, prev.item_key) as item_key,
        coalesce(cur.item_code, prev.item_code) as item_code,
        coalesce(cur.item_name, prev.item_name) as item_name,
        cur.amount_wan as printed_wan,
        prev.amount_wan as prev_printed_wan
    from expenditure_rows as cur
    full outer join expenditure_rows as prev
        on cur.unit_key = prev.unit_key
        and cur.doc_kind = prev.doc_kind
        and cur.scope = prev.scope
        and cur.item_key = prev.item_key
        and cur.fiscal_year - 1 = prev.fiscal_year
),

with_previous as (
    select
        this_doc.document_id,
        this_doc.dept_code,
        this_doc.dept_name,
        paired.*,
        prev_doc.document_id as prev_document_id,
        coalesce(paired.printed_wan, 0) as amount_wan,
        case
            when prev_doc.document_id is not null then coalesce(paired.prev_printed_wan, 0)
        end as prev_document_wan,
        case
            when paired.item_key = 'TOTAL' and paired.printed_wan is not null
                then coalesce(stated.prev_total_wan, paired.printed_wan - stated.change_wan)
        end as prev_stated_wan,
        case when paired.item_key = 'TOTAL' then stated.change_wan end as narrative_change_wan
    from paired
    inner join documents_with_rows as this_doc
        on paired.unit_key = this_doc.unit_key
        and paired.doc_kind = this_doc.doc_kind
        and paired.scope = this_doc.scope
        and paired.fiscal_year = this_doc.fiscal_year
    left join documents_with_rows as prev_doc
        on paired.unit_key = prev_doc.unit_key
        and paired.doc_kind = prev_doc.doc_kind
        and paired.scope = prev_doc.scope
        and paired.fiscal_year - 1 = prev_doc.fiscal_year
    left join stated on this_doc.document_id = stated.document_id
),

resolved as (
    select
        *,
        coalesce(prev_document_wan, prev_stated_wan) as prev_amount_wan,
        case
            when prev_document_wan is not null then 'previous_document'
            when prev_stated_wan is not null then 'narrative_stated'
        end as prev_source,
        case
            when prev_document_id is null then 'no_previous_document'
            when prev_printed_wan is null then 'appeared'
            when printed_wan is null then 'disappeared'
            when printed_wan = prev_printed_wan then 'unchanged'
            else 'changed'
        end as change_kind
    from with_previous
)

select
    dept_code,
    unit_key,
    dept_name,
    doc_kind,
    scope,
    fiscal_year,
    item_key,
    item_code,
    item_name,
    coalesce(core.code_level(item_code), 0) as level,
    amount_wan,
    prev_amount_wan,
    amount_wan - prev_amount_wan as change_wan,
    round(100 * (amount_wan - prev_amount_wan) / nullif(prev_amount_wan, 0), 2) as change_pct,
    prev_source,
    narrative_change_wan,
    document_id,
    change_kind,
    printed_wan is not null as printed_this_year,
    prev_printed_wan is not null as printed_last_year,
    prev_document_id
from resolved
