-- Stored as the table mart.basic_expenditure_composition (pipelines/warehouse/marts.py): this select builds it, and
-- with $unit_keys (a list; NULL = every unit) recomputes only those units' rows.
-- 一般公共预算财政拨款基本支出表 by economic class (类: 301 工资福利, 302 商品和服务, 303 对个人
-- 和家庭的补助 …) per current document: 合计, 人员经费, 公用经费 and the class's share of the
-- table total. A class printed only through its 款 rows (30201 …) is their sum.
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

basic as (
    select
        document_id,
        item_code,
        item_name,
        column_name,
        amount_wan
    from core.current_fact_line_items
    where table_code = 'general_budget_basic_expenditure'
        and mart_refresh.in_scope(unit_key, cast($unit_keys as varchar[]))
),

printed_classes as (
    select
        document_id,
        item_code as economic_code,
        any_value(item_name) as printed_name,
        sum(amount_wan) filter (where column_name = '合计') as total_wan,
        coalesce(sum(amount_wan) filter (where column_name = '人员经费'), 0) as personnel_wan,
        coalesce(sum(amount_wan) filter (where column_name = '公用经费'), 0) as operating_wan
    from basic
    where length(item_code) = 3
    group by document_id, item_code
),

classes_from_items as (
    select
        document_id,
        left(item_code, 3) as economic_code,
        null as printed_name,
        sum(amount_wan) filter (where column_name = '合计') as total_wan,
        coalesce(sum(amount_wan) filter (where column_name = '人员经费'), 0) as personnel_wan,
        coalesce(sum(amount_wan) filter (where column_name = '公用经费'), 0) as operating_wan
    from basic
    where length(item_code) = 5
        and not exists (
            select 1
            from printed_classes
            where printed_classes.document_id = basic.document_id
                and printed_classes.economic_code = left(basic.item_code, 3)
        )
    group by document_id, left(item_code, 3)
),

classes as (
    select
        document_id,
        economic_code,
        printed_name,
        coalesce(total_wan, personnel_wan + operating_wan) as total_wan,
        personnel_wan,
        operating_wan
    from (
        select * from printed_classes
        union all
        select * from classes_from_items
    )
),

table_totals as (
    select
        classes.document_id,
        coalesce(any_value(total_row.amount_wan), sum(classes.total_wan)) as basic_total_wan
    from classes
    left join basic as total_row
        on classes.document_id = total_row.document_id
        and total_row.item_code is null
        and core.label_key(total_row.item_name) = '合计'
        and total_row.column_name = '合计'
    group by classes.document_id
)

select
    documents.dept_code,
    documents.unit_key,
    documents.dept_name,
    documents.doc_kind,
    documents.scope,
    documents.fiscal_year,
    classes.economic_code,
    coalesce(dim.name, classes.printed_name) as economic_name,
    classes.total_wan,
    classes.personnel_wan,
    classes.operating_wan,
    table_totals.basic_total_wan,
    round(100 * classes.total_wan / nullif(table_totals.basic_total_wan, 0), 2)
        as share_of_total_pct,
    documents.document_id
from classes
inner join documents on classes.document_id = documents.document_id
inner join table_totals on classes.document_id = table_totals.document_id
left join core.dim_economic_class as dim on classes.economic_code = dim.code
