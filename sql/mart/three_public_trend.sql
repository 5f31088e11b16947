-- 三公 expenditure (财政拨款“三公”经费支出表) per current document, item and column, next to
-- the previous year's figure of the same dept and kind. Items are keyed without printed
-- numbering ('其中：公务用车购置费' → '公务用车购置费'). A document whose table was printed empty
-- (no figures: the unit has no 三公 budget) gets a 合计/合计 row of 0, flagged printed_empty,
-- so the trend shows the drop to zero.
create or replace view mart.three_public_trend as
with documents as (
    select
        document_id,
        dept_code,
        unit_key,
        dept_name,
        fiscal_year,
        doc_kind
    from core.current_documents
),

printed as (
    select
        document_id,
        core.label_key(item_name) as item_key,
        any_value(item_name) as item_name,
        column_name,
        sum(amount_wan) as amount_wan,
        false as printed_empty
    from core.current_fact_line_items
    where table_code = 'three_public_expenditure'
    group by document_id, core.label_key(item_name), column_name
),

empty_tables as (
    select
        document_id,
        '合计' as item_key,
        '合计' as item_name,
        '合计' as column_name,
        cast(0 as decimal(20, 6)) as amount_wan,
        true as printed_empty
    from documents
    where document_id not in (select document_id from printed)
),

yearly as (
    select
        documents.dept_code,
        documents.unit_key,
        documents.dept_name,
        documents.fiscal_year,
        documents.doc_kind,
        amounts.*
    from (select * from printed union all select * from empty_tables) as amounts
    inner join documents on amounts.document_id = documents.document_id
)

select
    cur.dept_code,
    cur.unit_key,
    cur.dept_name,
    cur.doc_kind,
    cur.fiscal_year,
    cur.item_key,
    cur.item_name,
    cur.column_name,
    cur.amount_wan,
    prev.amount_wan as prev_amount_wan,
    cur.amount_wan - prev.amount_wan as change_wan,
    round(100 * (cur.amount_wan - prev.amount_wan) / nullif(prev.amount_wan, 0), 2)
        as change_pct,
    cur.printed_empty,
    cur.document_id
from yearly as cur
left join yearly as prev
    on cur.unit_key = prev.unit_key
    and cur.doc_kind = prev.doc_kind
    and cur.item_key = prev.item_key
    and cur.column_name = prev.column_name
    and cur.fiscal_year - 1 = prev.fiscal_year;
