-- Year over year by functional class, from 支出总表 (expenditure_summary) column 合计: one row
-- per current document and code, plus item_key 'TOTAL' (item_code null) for the 合计 row.
-- The previous amount comes from the previous year's current document of the same kind
-- (prev_source 'previous_document'; a code absent from it counts as 0). Without that
-- document, the TOTAL row falls back on the narrative's stated figures (prev_source
-- 'narrative_stated'): 'prev_year_total' when stated, else this year's total − 'yoy_change'.
create or replace view mart.yoy_by_function_class as
with expenditure_rows as (
    select
        document_id,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind,
        coalesce(item_code, 'TOTAL') as item_key,
        item_code,
        any_value(item_name) as item_name,
        sum(amount_wan) as amount_wan
    from core.current_fact_line_items
    where table_code = 'expenditure_summary'
        and column_name = '合计'
        and (item_code is not null or core.label_key(item_name) = '合计')
    group by all
),

documents_with_rows as (
    select distinct
        dept_code,
        unit_key,
        fiscal_year,
        doc_kind
    from expenditure_rows
),

stated as (
    select
        document_id,
        any_value(amount_wan) filter (where fact_key = 'prev_year_total') as prev_total_wan,
        any_value(amount_wan) filter (where fact_key = 'yoy_change') as change_wan
    from core.current_narrative_facts
    group by document_id
),

with_previous as (
    select
        cur.*,
        case
            when prev_doc.unit_key is not null then coalesce(prev.amount_wan, 0)
        end as prev_document_wan,
        case
            when cur.item_key = 'TOTAL'
                then coalesce(stated.prev_total_wan, cur.amount_wan - stated.change_wan)
        end as prev_stated_wan,
        case when cur.item_key = 'TOTAL' then stated.change_wan end as narrative_change_wan
    from expenditure_rows as cur
    left join documents_with_rows as prev_doc
        on cur.unit_key = prev_doc.unit_key
        and cur.doc_kind = prev_doc.doc_kind
        and cur.fiscal_year - 1 = prev_doc.fiscal_year
    left join expenditure_rows as prev
        on cur.unit_key = prev.unit_key
        and cur.doc_kind = prev.doc_kind
        and cur.item_key = prev.item_key
        and cur.fiscal_year - 1 = prev.fiscal_year
    left join stated on cur.document_id = stated.document_id
),

resolved as (
    select
        *,
        coalesce(prev_document_wan, prev_stated_wan) as prev_amount_wan,
        case
            when prev_document_wan is not null then 'previous_document'
            when prev_stated_wan is not null then 'narrative_stated'
        end as prev_source
    from with_previous
)

select
    dept_code,
    unit_key,
    dept_name,
    doc_kind,
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
    document_id
from resolved;
