-- Stored as the table mart.three_public_trend (pipelines/warehouse/marts.py): this select builds it, and
-- with $unit_keys (a list; NULL = every unit) recomputes only those units' rows.
-- 三公 expenditure (财政拨款“三公”经费支出表) per current document, item and column, next to
-- the previous year's figure of the same unit (unit_key) and kind. Items are keyed without
-- printed numbering ('其中：公务用车购置费' → '公务用车购置费'). A document whose table was
-- printed empty (no figures: the unit has no 三公 budget) gets a 合计/合计 row of 0, flagged
-- printed_empty, so the trend shows the drop to zero. This year and last year are joined with
-- a full outer join: an item printed only last year is kept (change_kind 'disappeared',
-- amount_wan 0), one printed only this year too ('appeared', prev_amount_wan 0), so the
-- item_level 1 changes add up to the 合计 change. A missing side is 0, not NULL: the table
-- prints every budgeted item; change_kind says which side was printed.
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
        and mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
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
        documents.unit_key,
        documents.fiscal_year,
        documents.doc_kind,
        documents.scope,
        amounts.*
    from (select * from printed union all select * from empty_tables) as amounts
    inner join documents on amounts.document_id = documents.document_id
),

paired as (
    select
        coalesce(cur.unit_key, prev.unit_key) as unit_key,
        coalesce(cur.doc_kind, prev.doc_kind) as doc_kind,
        coalesce(cur.scope, prev.scope) as scope,
        coalesce(cur.fiscal_year, prev.fiscal_year + 1) as fiscal_year,
        coalesce(cur.item_key, prev.item_key) as item_key,
        coalesce(cur.item_name, prev.item_name) as item_name,
        coalesce(cur.column_name, prev.column_name) as column_name,
        cur.amount_wan as printed_wan,
        prev.amount_wan as prev_printed_wan,
        prev.document_id as prev_document_id,
        coalesce(cur.printed_empty, false) as printed_empty
    from yearly as cur
    full outer join yearly as prev
        on cur.unit_key = prev.unit_key
        and cur.doc_kind = prev.doc_kind
        and cur.scope = prev.scope
        and cur.item_key = prev.item_key
        and cur.column_name = prev.column_name
        and cur.fiscal_year - 1 = prev.fiscal_year
),

resolved as (
    select
        this_doc.document_id,
        this_doc.dept_code,
        this_doc.dept_name,
        paired.*,
        prev_doc.document_id as prev_year_document_id,
        coalesce(paired.printed_wan, 0) as amount_wan,
        case
            when prev_doc.document_id is not null then coalesce(paired.prev_printed_wan, 0)
        end as prev_amount_wan,
        case
            when prev_doc.document_id is null then 'no_previous_document'
            when paired.prev_printed_wan is null then 'appeared'
            when paired.printed_wan is null then 'disappeared'
            when paired.printed_wan = paired.prev_printed_wan then 'unchanged'
            else 'changed'
        end as change_kind,
        case
            when paired.item_key = '合计' then 0
            when paired.item_key like '公务用车%' and paired.item_key not like '%及%' then 2
            else 1
        end as item_level
    from paired
    inner join documents as this_doc
        on paired.unit_key = this_doc.unit_key
        and paired.doc_kind = this_doc.doc_kind
        and paired.scope = this_doc.scope
        and paired.fiscal_year = this_doc.fiscal_year
    left join documents as prev_doc
        on paired.unit_key = prev_doc.unit_key
        and paired.doc_kind = prev_doc.doc_kind
        and paired.scope = prev_doc.scope
        and paired.fiscal_year - 1 = prev_doc.fiscal_year
)

select
    dept_code,
    unit_key,
    dept_name,
    doc_kind,
    scope,
    fiscal_year,
    item_key,
    item_name,
    column_name,
    amount_wan,
    prev_amount_wan,
    amount_wan - prev_amount_wan as change_wan,
    round(100 * (amount_wan - prev_amount_wan) / nullif(prev_amount_wan, 0), 2)
        as change_pct,
    printed_empty,
    document_id,
    change_kind,
    item_level,
    printed_wan is not null as printed_this_year,
    prev_printed_wan is not null as printed_last_year,
    prev_year_document_id as prev_document_id
from resolved
