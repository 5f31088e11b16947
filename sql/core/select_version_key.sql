select
    status,
    unit_key,
    fiscal_year,
    doc_kind,
    scope,
    content
from core.documents
where document_id = $document_id;
