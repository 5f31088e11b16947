-- Basic expenditure by economic class (mart.basic_expenditure_composition) with the cells of
-- each figure: the class row, or its 款 rows when the class is printed only through them.
-- Params: $document_id.
with cells as (
    select
        facts.document_id,
        left(facts.item_code, 3) as economic_code,
        facts.column_name,
        list(facts.fact_id order by facts.fact_id) filter (
            where length(facts.item_code) = 3 or not exists (
                select 1
                from core.fact_line_items as class_row
                where class_row.document_id = facts.document_id
                    and class_row.table_code = facts.table_code
                    and class_row.item_code = left(facts.item_code, 3)
                    and class_row.column_name = facts.column_name
            )
        ) as fact_ids
    from core.fact_line_items as facts
    where facts.table_code = 'general_budget_basic_expenditure'
        and length(facts.item_code) in (3, 5)
        and facts.document_id = $document_id
    group by all
)

select
    comp.economic_code,
    comp.economic_name,
    comp.total_wan,
    comp.personnel_wan,
    comp.operating_wan,
    comp.share_of_total_pct,
    total.fact_ids as total_fact_ids,
    personnel.fact_ids as personnel_fact_ids,
    operating.fact_ids as operating_fact_ids
from mart.basic_expenditure_composition as comp
left join cells as total
    on comp.economic_code = total.economic_code and total.column_name = '合计'
left join cells as personnel
    on comp.economic_code = personnel.economic_code and personnel.column_name = '人员经费'
left join cells as operating
    on comp.economic_code = operating.economic_code and operating.column_name = '公用经费'
where comp.document_id = $document_id
order by comp.economic_code;
