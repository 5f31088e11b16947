-- Facts of one document from the registered frame incoming_facts; the document columns are
-- copied from the document, not trusted from the frame.
insert into core.fact_line_items (
    document_id, dept_code, fiscal_year, table_code, page, row_no, side, item_code,
    item_name, column_name, column_group, amount_wan, table_title, bbox
)
select
    $document_id,
    $dept_code,
    $fiscal_year,
    table_code,
    page,
    row_no,
    side,
    item_code,
    item_name,
    column_name,
    column_group,
    cast(amount_wan as decimal(20, 6)),
    table_title,
    cast(bbox as double[4])
from incoming_facts;
