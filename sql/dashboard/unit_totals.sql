-- A document's headline totals: the 合计 cells mart.department_year_totals reads (and 收入总计
-- / 支出总计 of 收支总表), each with the facts it sums. Params: $document_id.
with spec (ord, label, table_code, side, row_label, column_pattern) as (
    values
    (1, '收入总计', 'income_expenditure_summary', 'income', '收入总计', '预算数|决算数'),
    (2, '支出总计', 'income_expenditure_summary', 'expenditure', '支出总计', '预算数|决算数'),
    (3, '本年收入合计', 'income_summary', null, '合计', '小计'),
    (4, '支出合计', 'expenditure_summary', null, '合计', '合计'),
    (5, '基本支出', 'expenditure_summary', null, '合计', '基本支出'),
    (6, '项目支出', 'expenditure_summary', null, '合计', '项目支出')
)

select
    spec.label,
    sum(facts.amount_wan) as amount_wan,
    list(facts.fact_id order by facts.fact_id) filter (where facts.fact_id is not null)
        as fact_ids
from spec
left join core.fact_line_items as facts
    on facts.document_id = $document_id
    and facts.table_code = spec.table_code
    and (spec.side is null or facts.side = spec.side)
    and facts.item_code is null
    and core.label_key(facts.item_name) = spec.row_label
    and regexp_full_match(facts.column_name, spec.column_pattern)
group by spec.ord, spec.label
order by spec.ord;
