-- Year over year by function class (mart.yoy_by_function_class, 类 level and the total), with
-- the cells each side was read from: this year's from the document, last year's from the
-- previous document (so a class that disappeared drills down to last year's page).
-- Params: $document_id, $max_level (1 = 类, 2 = 款, 3 = 项).
with cells as (
    select
        document_id,
        coalesce(item_code, 'TOTAL') as item_key,
        list(fact_id order by fact_id) as fact_ids
    from core.fact_line_items
    where table_code = 'expenditure_summary'
        and column_name = '合计'
        and (item_code is not null or core.label_key(item_name) = '合计')
    group by all
)

select
    yoy.item_key,
    yoy.item_code,
    yoy.item_name,
    yoy.level,
    yoy.change_kind,
    yoy.amount_wan,
    yoy.prev_amount_wan,
    yoy.change_wan,
    yoy.change_pct,
    yoy.prev_source,
    this_year.fact_ids as fact_ids,
    last_year.fact_ids as prev_fact_ids
from mart.yoy_by_function_class as yoy
left join cells as this_year
    on yoy.document_id = this_year.document_id and yoy.item_key = this_year.item_key
left join cells as last_year
    on yoy.prev_document_id = last_year.document_id and yoy.item_key = last_year.item_key
where yoy.document_id = $document_id
    and yoy.level <= $max_level
order by yoy.item_key = 'TOTAL' desc, yoy.item_key;
