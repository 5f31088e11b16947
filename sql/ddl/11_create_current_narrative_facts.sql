-- Narrative facts of current documents only.
create or replace view core.current_narrative_facts as
select
    narrative.*,
    docs.dept_code,
    docs.unit_key,
    docs.dept_name,
    docs.fiscal_year,
    docs.doc_kind,
    docs.scope
from core.narrative_facts as narrative
inner join core.current_documents as docs
    on narrative.document_id = docs.document_id;
