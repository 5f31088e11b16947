-- The current document of the same unit and kind for the following fiscal year, whose
-- year-over-year checks depend on the document just loaded.
select document_id
from core.documents
where status = 'loaded'
    and unit_key = $unit_key
    and doc_kind = $doc_kind
    and fiscal_year = $fiscal_year + 1;
