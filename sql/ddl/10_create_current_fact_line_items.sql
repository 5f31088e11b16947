-- Facts of current documents only, with the document attributes marts group by.
create or replace view core.current_fact_line_items as
select
    facts.*,
    docs.dept_name,
    docs.unit_key,
    docs.doc_kind,
    docs.scope
from core.fact_line_items as facts
inner join core.current_documents as docs
    on facts.document_id = docs.document_id;
