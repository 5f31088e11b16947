-- Income by source: every cell of the 收入总表 合计 row (the row mart.department_year_totals
-- reads), in printed order. Params: $document_id.
select
    coalesce(column_group || ' · ', '') || column_name as source,
    amount_wan,
    [fact_id] as fact_ids
from core.fact_line_items
where document_id = $document_id
    and table_code = 'income_summary'
    and item_code is null
    and core.label_key(item_name) = '合计'
order by fact_id;
