-- The current documents a unit page can show: one per unit, year and kind.
select
    document_id,
    unit_key,
    dept_code,
    dept_name,
    fiscal_year,
    doc_kind,
    file_name
from core.current_documents
order by unit_key, fiscal_year desc, doc_kind;
