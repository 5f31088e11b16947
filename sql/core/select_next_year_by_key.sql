-- The current document of the same unit and kind for the following fiscal year: its
-- year-over-year checks are re-run against a document of this year as it is loaded.
select document_id
from core.documents
where status = 'loaded'
    and unit_key = $unit_key
    and doc_kind = $doc_kind
    and scope = $scope
    and content <> 'narrative'
    and fiscal_year = $fiscal_year + 1;
