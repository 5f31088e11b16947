-- 三公 expenditure of one unit and kind over every year (mart.three_public_trend, column 合计),
-- with the cells each figure was read from. Params: $unit_key, $doc_kind.
with cells as (
    select
        document_id,
        core.label_key(item_name) as item_key,
        column_name,
        list(fact_id order by fact_id) as fact_ids
    from core.fact_line_items
    where table_code = 'three_public_expenditure'
    group by all
)

select
    trend.fiscal_year,
    trend.item_key,
    trend.item_name,
    trend.item_level,
    trend.change_kind,
    trend.amount_wan,
    trend.prev_amount_wan,
    trend.change_wan,
    trend.printed_empty,
    cells.fact_ids
from mart.three_public_trend as trend
left join cells
    on trend.document_id = cells.document_id
    and trend.item_key = cells.item_key
    and trend.column_name = cells.column_name
where trend.unit_key = $unit_key
    and trend.doc_kind = $doc_kind
    and trend.column_name = '合计'
order by trend.item_level, trend.item_key, trend.fiscal_year;
