-- The facts a drill-down shows: where each was printed (file, page, box) and what it says.
-- Params: $fact_ids (a list of fact_id).
select
    facts.fact_id,
    facts.document_id,
    docs.file_name,
    docs.dept_name,
    facts.fiscal_year,
    docs.doc_kind,
    facts.page,
    facts.table_code,
    facts.table_title,
    facts.item_code,
    facts.item_name,
    facts.column_name,
    facts.amount_wan,
    facts.bbox
from core.fact_line_items as facts
inner join core.documents as docs on facts.document_id = docs.document_id
where list_contains($fact_ids, facts.fact_id)
order by facts.document_id, facts.page, facts.fact_id;
